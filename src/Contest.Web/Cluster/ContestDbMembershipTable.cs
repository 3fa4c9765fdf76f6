using Contest.Engine.Cluster;
using Contest.Engine.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime;

namespace Contest.Web.Cluster;

/// <summary>
/// Orleans' membership table kept in ContestDb (table ClusterMembers), so the cluster's view of who is alive lives
/// beside the system of record and is untouched by a Redis flush.
/// <para>
/// Concurrency: every write that changes membership first moves the cluster's version row with a conditional
/// <c>UPDATE … WHERE Etag = @expected</c> inside a transaction. On PostgreSQL that statement takes the version row's
/// lock, so writers of one cluster queue on it; a writer whose expected etag was consumed by the one before it updates
/// no row and gives up with <c>false</c>, with nothing written. Exactly one of several racing writers wins each
/// version and no update is lost.
/// </para>
/// </summary>
public sealed class ContestDbMembershipTable : IMembershipTable
{
    private readonly Func<ContestDb> _newDb;
    private readonly string _clusterId;
    private readonly ILogger<ContestDbMembershipTable> _log;

    public ContestDbMembershipTable(StorageSettings settings, IOptions<ClusterOptions> cluster, ILogger<ContestDbMembershipTable> log)
    {
        // Contexts without the retrying execution strategy: a retried statement inside our transaction could apply
        // a version bump twice, and EF refuses user transactions under that strategy anyway.
        _newDb = () => StorageRegistration.Create(settings);
        _clusterId = cluster.Value.ClusterId;
        _log = log;
    }

    public Task InitializeMembershipTable(bool tryInitTableVersion) => InitializeMembershipTableAsync(tryInitTableVersion, default);

    public async Task InitializeMembershipTableAsync(bool tryInitTableVersion, CancellationToken ct)
    {
        // The table itself comes from the migrations applied at start-up; here only the version row is ensured.
        if (!tryInitTableVersion) return;
        await using var db = _newDb();
        if (await VersionRowQuery(db).AnyAsync(ct)) return;
        db.Add(new ClusterMemberRow { ClusterId = _clusterId, Silo = ClusterMemberRow.VersionRow, Version = 0, Etag = NewEtag(), StartTime = DateTime.UtcNow, IAmAliveTime = DateTime.UtcNow });
        try
        {
            await db.SaveChangesAsync(ct);
            _log.LogInformation("Cluster {ClusterId}: membership version row created.", _clusterId);
        }
        catch (DbUpdateException)
        {
            // Another silo may have created it first, which is the outcome we wanted; anything else is a failure.
            if (!await VersionRowExistsAsync(ct)) throw;
        }
    }

    public Task DeleteMembershipTableEntries(string clusterId) => DeleteMembershipTableEntriesAsync(clusterId, default);

    public async Task DeleteMembershipTableEntriesAsync(string clusterId, CancellationToken ct)
    {
        await using var db = _newDb();
        var n = await db.Set<ClusterMemberRow>().Where(r => r.ClusterId == clusterId).ExecuteDeleteAsync(ct);
        _log.LogInformation("Cluster {ClusterId}: {Rows} membership rows deleted.", clusterId, n);
    }

    public Task CleanupDefunctSiloEntries(DateTimeOffset beforeDate) => CleanupDefunctSiloEntriesAsync(beforeDate, default);

    public async Task CleanupDefunctSiloEntriesAsync(DateTimeOffset beforeDate, CancellationToken ct)
    {
        var before = beforeDate.UtcDateTime;
        const int dead = (int)SiloStatus.Dead;
        await using var db = _newDb();
        // Dead rows only, and only when neither their start nor their last heartbeat is recent: deleting them does not
        // change who is in the cluster, so the table version stays as it is.
        var n = await db.Set<ClusterMemberRow>()
            .Where(r => r.ClusterId == _clusterId && r.Silo != ClusterMemberRow.VersionRow && r.Status == dead
                        && r.IAmAliveTime < before && r.StartTime < before)
            .ExecuteDeleteAsync(ct);
        if (n > 0) _log.LogInformation("Cluster {ClusterId}: {Rows} dead silo rows older than {Before:o} removed.", _clusterId, n, before);
    }

    public Task<MembershipTableData> ReadRow(SiloAddress key) => ReadRowAsync(key, default);

    public async Task<MembershipTableData> ReadRowAsync(SiloAddress key, CancellationToken ct)
    {
        var silo = key.ToParsableString();
        await using var db = _newDb();
        // One statement reads the version row and the silo's row: the snapshot the contract asks for.
        var rows = await db.Set<ClusterMemberRow>().AsNoTracking()
            .Where(r => r.ClusterId == _clusterId && (r.Silo == ClusterMemberRow.VersionRow || r.Silo == silo))
            .ToListAsync(ct);
        return ToTableData(rows);
    }

    public Task<MembershipTableData> ReadAll() => ReadAllAsync(default);

    public async Task<MembershipTableData> ReadAllAsync(CancellationToken ct)
    {
        await using var db = _newDb();
        var rows = await db.Set<ClusterMemberRow>().AsNoTracking().Where(r => r.ClusterId == _clusterId).ToListAsync(ct);
        return ToTableData(rows);
    }

    public Task<bool> InsertRow(MembershipEntry entry, TableVersion tableVersion) => InsertRowAsync(entry, tableVersion, default);

    public async Task<bool> InsertRowAsync(MembershipEntry entry, TableVersion tableVersion, CancellationToken ct)
    {
        var silo = entry.SiloAddress.ToParsableString();
        await using var db = _newDb();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (!await BumpVersionAsync(db, tableVersion, ct)) return false;
        // Safe to test then insert: every membership writer of this cluster now waits on the version row we hold.
        if (await db.Set<ClusterMemberRow>().AnyAsync(r => r.ClusterId == _clusterId && r.Silo == silo, ct))
        {
            _log.LogDebug("Cluster {ClusterId}: insert of {Silo} refused, the silo is already in the table.", _clusterId, silo);
            return false;
        }
        var row = new ClusterMemberRow { ClusterId = _clusterId, Silo = silo, Etag = NewEtag() };
        MembershipRowMapping.Write(entry, row);
        db.Add(row);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return true;
    }

    public Task<bool> UpdateRow(MembershipEntry entry, string etag, TableVersion tableVersion) => UpdateRowAsync(entry, etag, tableVersion, default);

    public async Task<bool> UpdateRowAsync(MembershipEntry entry, string etag, TableVersion tableVersion, CancellationToken ct)
    {
        var silo = entry.SiloAddress.ToParsableString();
        var v = new ClusterMemberRow();
        MembershipRowMapping.Write(entry, v);
        var newEtag = NewEtag();
        await using var db = _newDb();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (!await BumpVersionAsync(db, tableVersion, ct)) return false;
        var updated = await db.Set<ClusterMemberRow>()
            .Where(r => r.ClusterId == _clusterId && r.Silo == silo && r.Etag == etag)
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Etag, newEtag)
                .SetProperty(r => r.Status, v.Status)
                .SetProperty(r => r.ProxyPort, v.ProxyPort)
                .SetProperty(r => r.HostName, v.HostName)
                .SetProperty(r => r.SiloName, v.SiloName)
                .SetProperty(r => r.RoleName, v.RoleName)
                .SetProperty(r => r.UpdateZone, v.UpdateZone)
                .SetProperty(r => r.FaultZone, v.FaultZone)
                .SetProperty(r => r.SuspectTimes, v.SuspectTimes)
                .SetProperty(r => r.StartTime, v.StartTime)
                .SetProperty(r => r.IAmAliveTime, v.IAmAliveTime), ct);
        if (updated != 1)
        {
            _log.LogDebug("Cluster {ClusterId}: update of {Silo} refused, its row is absent or its etag is not {Etag}.", _clusterId, silo, etag);
            return false;
        }
        await tx.CommitAsync(ct);
        return true;
    }

    public Task UpdateIAmAlive(MembershipEntry entry) => UpdateIAmAliveAsync(entry, default);

    public async Task UpdateIAmAliveAsync(MembershipEntry entry, CancellationToken ct)
    {
        var silo = entry.SiloAddress.ToParsableString();
        var at = MembershipRowMapping.Utc(entry.IAmAliveTime);
        await using var db = _newDb();
        // A heartbeat in place: neither the row's etag nor the table version moves, so it never makes a
        // concurrent membership change fail.
        await db.Set<ClusterMemberRow>()
            .Where(r => r.ClusterId == _clusterId && r.Silo == silo)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.IAmAliveTime, at), ct);
    }

    /// <summary>Moves the version row from the caller's etag to the caller's version; false when the etag is stale.</summary>
    private async Task<bool> BumpVersionAsync(ContestDb db, TableVersion next, CancellationToken ct)
    {
        var expected = next.VersionEtag;
        var version = next.Version;
        var newEtag = NewEtag();
        var n = await db.Set<ClusterMemberRow>()
            .Where(r => r.ClusterId == _clusterId && r.Silo == ClusterMemberRow.VersionRow && r.Etag == expected)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Version, version).SetProperty(r => r.Etag, newEtag), ct);
        if (n != 1) _log.LogDebug("Cluster {ClusterId}: table version {Version} refused, etag {Etag} is stale.", _clusterId, version, expected);
        return n == 1;
    }

    private MembershipTableData ToTableData(List<ClusterMemberRow> rows)
    {
        var versionRow = rows.FirstOrDefault(r => r.Silo == ClusterMemberRow.VersionRow);
        // Without a version row (the table was never initialised for this cluster, or was just deleted) no etag can
        // match, so every conditional write fails until a silo initialises it again.
        var version = versionRow is null ? new TableVersion(0, "absent") : new TableVersion(versionRow.Version, versionRow.Etag);
        var members = rows.Where(r => r.Silo != ClusterMemberRow.VersionRow)
            .Select(r => Tuple.Create(MembershipRowMapping.Read(r), r.Etag))
            .ToList();
        return new MembershipTableData(members, version);
    }

    private IQueryable<ClusterMemberRow> VersionRowQuery(ContestDb db) =>
        db.Set<ClusterMemberRow>().Where(r => r.ClusterId == _clusterId && r.Silo == ClusterMemberRow.VersionRow);

    private async Task<bool> VersionRowExistsAsync(CancellationToken ct)
    {
        await using var db = _newDb();
        return await VersionRowQuery(db).AnyAsync(ct);
    }

    private static string NewEtag() => Guid.NewGuid().ToString("N");
}
