using System.Net;
using Contest.Engine.Storage;
using Contest.Testing;
using Contest.Web.Cluster;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;

namespace Contest.Web.Tests.Cluster;

/// <summary>One migrated database per test class; each test uses its own cluster id in it.</summary>
public abstract class MembershipDatabase(StorageProvider provider) : IAsyncLifetime
{
    public TestDatabase Db { get; private set; } = null!;
    public async Task InitializeAsync() => Db = await TestDatabase.CreateAsync(provider);
    public async Task DisposeAsync() => await Db.DisposeAsync();
}

public sealed class PostgresMembershipDatabase() : MembershipDatabase(StorageProvider.Postgres);
public sealed class SqliteMembershipDatabase() : MembershipDatabase(StorageProvider.Sqlite);

public sealed class PostgresMembershipTableContractTests(PostgresMembershipDatabase db)
    : MembershipTableContractTests(db.Db), IClassFixture<PostgresMembershipDatabase>;

public sealed class SqliteMembershipTableContractTests(SqliteMembershipDatabase db)
    : MembershipTableContractTests(db.Db), IClassFixture<SqliteMembershipDatabase>;

/// <summary>
/// The IMembershipTable contract, checked the way Orleans' own membership table tests check every provider:
/// versions and etags move only on conditional writes that present the current ones, exactly one of several racing
/// writers wins, heartbeats change nothing else, and deletes stay inside their cluster.
/// </summary>
public abstract class MembershipTableContractTests(TestDatabase db)
{
    private static int _generation;

    private ContestDbMembershipTable Table(string clusterId) => new(db.Settings,
        Options.Create(new ClusterOptions { ClusterId = clusterId, ServiceId = "contest-tests" }),
        NullLogger<ContestDbMembershipTable>.Instance);

    private async Task<ContestDbMembershipTable> NewClusterAsync(string? clusterId = null)
    {
        var table = Table(clusterId ?? "test-" + Guid.NewGuid().ToString("N"));
        await table.InitializeMembershipTable(true);
        return table;
    }

    private static SiloAddress NewSilo(int port = 12345) =>
        SiloAddress.New(new IPEndPoint(IPAddress.Loopback, port), Interlocked.Increment(ref _generation));

    // Whole seconds, as the membership protocol's own times are compared after a round trip through any store.
    private static DateTime Now() => DateTime.UnixEpoch.AddSeconds(Math.Floor((DateTime.UtcNow - DateTime.UnixEpoch).TotalSeconds));

    private static MembershipEntry NewEntry(SiloStatus status = SiloStatus.Joining)
    {
        var silo = NewSilo();
        return new MembershipEntry
        {
            SiloAddress = silo,
            HostName = "web-1",
            SiloName = "silo-" + silo.Generation,
            Status = status,
            ProxyPort = 30000,
            StartTime = Now(),
            IAmAliveTime = Now(),
        };
    }

    private static string Describe(MembershipEntry e) =>
        $"{e.SiloAddress.ToParsableString()} {e.Status} proxy={e.ProxyPort} host={e.HostName} name={e.SiloName} role={e.RoleName} " +
        $"zones={e.UpdateZone}/{e.FaultZone} start={e.StartTime:O} alive={e.IAmAliveTime:O} votes=[" +
        string.Join(";", (e.SuspectTimes ?? []).Select(v => $"{v.Item1.ToParsableString()}@{v.Item2:O}/{v.Item2.Kind}")) + "]";

    [Fact]
    public async Task An_initialised_empty_table_reads_as_version_zero_with_an_etag()
    {
        var table = await NewClusterAsync();
        var data = await table.ReadAll();
        Assert.Empty(data.Members);
        Assert.Equal(0, data.Version.Version);
        Assert.False(string.IsNullOrEmpty(data.Version.VersionEtag));
    }

    [Fact]
    public async Task Initialising_again_or_from_many_silos_at_once_keeps_one_version_row_and_its_version()
    {
        var clusterId = "test-" + Guid.NewGuid().ToString("N");
        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => Table(clusterId).InitializeMembershipTable(true))));
        var table = Table(clusterId);
        var v0 = (await table.ReadAll()).Version;
        Assert.Equal(0, v0.Version);
        Assert.True(await table.InsertRow(NewEntry(), v0.Next()));
        var v1 = (await table.ReadAll()).Version;

        await table.InitializeMembershipTable(true);
        await table.InitializeMembershipTable(false);
        Assert.Equal(v1, (await table.ReadAll()).Version);
    }

    [Fact]
    public async Task Insert_moves_the_version_gives_new_etags_and_stores_every_field()
    {
        var table = await NewClusterAsync();
        var empty = await table.ReadAll();
        var entry = NewEntry(SiloStatus.Active);
        entry.RoleName = "Contest.Web";
        entry.UpdateZone = 3;
        entry.FaultZone = 7;
        entry.SuspectTimes = [Tuple.Create(NewSilo(11111), Now().AddSeconds(1)), Tuple.Create(NewSilo(22222), Now().AddSeconds(2))];

        Assert.True(await table.InsertRow(entry, empty.Version.Next()));

        var data = await table.ReadAll();
        Assert.Equal(1, data.Version.Version);
        Assert.NotEqual(empty.Version.VersionEtag, data.Version.VersionEtag);
        var (stored, etag) = Assert.Single(data.Members);
        Assert.False(string.IsNullOrEmpty(etag));
        Assert.Equal(Describe(entry), Describe(stored));
    }

    [Fact]
    public async Task Insert_is_refused_for_a_stale_version_or_a_silo_already_in_the_table()
    {
        var table = await NewClusterAsync();
        var v0 = (await table.ReadAll()).Version;
        var entry = NewEntry();

        Assert.True(await table.InsertRow(entry, v0.Next()));
        Assert.False(await table.InsertRow(entry, v0.Next()));          // same silo, stale version
        Assert.False(await table.InsertRow(NewEntry(), v0.Next()));     // new silo, stale version

        var afterOne = await table.ReadAll();
        Assert.Equal(1, afterOne.Version.Version);
        Assert.False(await table.InsertRow(entry, afterOne.Version.Next())); // current version, duplicate silo

        var data = await table.ReadAll();
        Assert.Single(data.Members);
        Assert.Equal(afterOne.Version, data.Version); // the refused insert moved nothing

        var row = await table.ReadRow(entry.SiloAddress);
        Assert.Equal(afterOne.Version, row.Version);
        var (read, etag) = Assert.Single(row.Members);
        Assert.Equal(entry.SiloAddress, read.SiloAddress);
        Assert.Equal(data.Members[0].Item2, etag);
    }

    [Fact]
    public async Task ReadRow_of_an_absent_silo_returns_no_member_and_the_current_version()
    {
        var table = await NewClusterAsync();
        var v0 = (await table.ReadAll()).Version;
        Assert.True(await table.InsertRow(NewEntry(), v0.Next()));
        var current = (await table.ReadAll()).Version;

        var row = await table.ReadRow(NewSilo());
        Assert.Empty(row.Members);
        Assert.Equal(current, row.Version);
    }

    [Fact]
    public async Task Update_succeeds_only_with_the_current_row_etag_and_the_current_table_etag()
    {
        var table = await NewClusterAsync();
        for (var i = 1; i <= 5; i++)
        {
            var before = await table.ReadAll();
            var entry = NewEntry();
            var insertVersion = before.Version.Next();
            Assert.True(await table.InsertRow(entry, insertVersion));
            var afterInsert = await table.ReadAll();
            var etag = afterInsert.TryGet(entry.SiloAddress)!.Item2;

            // Right row etag, but the table version the insert consumed: refused.
            Assert.False(await table.UpdateRow(entry, etag, insertVersion));

            entry.Status = SiloStatus.Active;
            entry.SuspectTimes = [Tuple.Create(NewSilo(), Now())];
            var updateVersion = afterInsert.Version.Next();
            Assert.True(await table.UpdateRow(entry, etag, updateVersion));

            // The same call again: both etags it presents are now stale.
            Assert.False(await table.UpdateRow(entry, etag, updateVersion));

            var afterUpdate = await table.ReadAll();
            var (stored, newEtag) = afterUpdate.TryGet(entry.SiloAddress)!;
            Assert.NotEqual(etag, newEtag);
            Assert.Equal(Describe(entry), Describe(stored));
            Assert.Equal(updateVersion.Version, afterUpdate.Version.Version);

            // Current row etag with a stale table version: refused, and the version does not move.
            Assert.False(await table.UpdateRow(entry, newEtag, updateVersion));
            // Current table version with a stale row etag: refused, and the version does not move either.
            Assert.False(await table.UpdateRow(entry, etag, afterUpdate.Version.Next()));
            var end = await table.ReadAll();
            Assert.Equal(afterUpdate.Version, end.Version);
            Assert.Equal(i, end.Members.Count);
            Assert.Equal(2 * i, end.Version.Version); // one insert and one update per silo
        }
    }

    [Fact]
    public async Task Update_of_an_absent_silo_is_refused_and_changes_nothing()
    {
        var table = await NewClusterAsync();
        var v0 = (await table.ReadAll()).Version;
        var present = NewEntry();
        Assert.True(await table.InsertRow(present, v0.Next()));
        var before = await table.ReadAll();

        Assert.False(await table.UpdateRow(NewEntry(), before.Members[0].Item2, before.Version.Next()));

        var after = await table.ReadAll();
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(Describe(present), Describe(Assert.Single(after.Members).Item1));
    }

    [Fact]
    public async Task Twenty_concurrent_inserts_for_one_version_have_exactly_one_winner()
    {
        var table = await NewClusterAsync();
        var v0 = (await table.ReadAll()).Version;
        var entry = NewEntry();

        var sameSilo = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => table.InsertRow(entry, v0.Next()))));
        Assert.Single(sameSilo, ok => ok);

        var v1 = (await table.ReadAll()).Version;
        var otherSilos = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => table.InsertRow(NewEntry(), v1.Next()))));
        Assert.Single(otherSilos, ok => ok);

        var data = await table.ReadAll();
        Assert.Equal(2, data.Version.Version);
        Assert.Equal(2, data.Members.Count);
    }

    [Fact]
    public async Task Nineteen_silos_voting_concurrently_on_one_row_each_get_their_vote_in_and_none_is_lost()
    {
        var table = await NewClusterAsync();
        var v0 = (await table.ReadAll()).Version;
        var target = NewEntry(SiloStatus.Active);
        Assert.True(await table.InsertRow(target, v0.Next()));

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var voters = Enumerable.Range(0, 19).Select(_ => NewSilo(20000)).ToArray();
        var refusals = 0;
        // Every voter's first read happens before any write, so the race is certain however fast the storage
        // serialises the writers (SQLite on a quiet machine otherwise let them take turns without colliding).
        var firstReads = 0;
        var allRead = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var workers = voters.Select(voter => Task.Run(async () =>
        {
            await start.Task;
            var first = true;
            while (true)
            {
                timeout.Token.ThrowIfCancellationRequested();
                // Read, add my vote, write back conditionally: the membership protocol's own read-modify-write.
                var data = await table.ReadAll();
                if (first)
                {
                    first = false;
                    if (Interlocked.Increment(ref firstReads) == voters.Length) allRead.SetResult();
                    await allRead.Task.WaitAsync(timeout.Token);
                }
                var (entry, etag) = data.TryGet(target.SiloAddress)!;
                entry.SuspectTimes = [.. entry.SuspectTimes ?? [], Tuple.Create(voter, Now())];
                if (await table.UpdateRow(entry, etag, data.Version.Next())) return;
                Interlocked.Increment(ref refusals);
            }
        })).ToArray();
        start.SetResult();
        await Task.WhenAll(workers);

        var end = await table.ReadAll();
        Assert.Equal(20, end.Version.Version); // one insert, nineteen updates, each version won once
        var votes = Assert.Single(end.Members).Item1.SuspectTimes!;
        Assert.Equal(voters.Select(v => v.ToParsableString()).Order(), votes.Select(v => v.Item1.ToParsableString()).Order());
        Assert.True(refusals > 0, "the workers never collided, so the race was not tested");
    }

    [Fact]
    public async Task IAmAlive_changes_only_the_heartbeat_and_leaves_both_etags_valid()
    {
        var table = await NewClusterAsync();
        var v0 = (await table.ReadAll()).Version;
        var entry = NewEntry();
        Assert.True(await table.InsertRow(entry, v0.Next()));
        var before = await table.ReadAll();
        var (_, etag) = Assert.Single(before.Members);

        var alive = Now().AddSeconds(5);
        await table.UpdateIAmAlive(new MembershipEntry { SiloAddress = entry.SiloAddress, IAmAliveTime = alive });

        var after = await table.ReadAll();
        Assert.Equal(before.Version, after.Version);
        var (stored, etagAfter) = Assert.Single(after.Members);
        Assert.Equal(etag, etagAfter);
        Assert.Equal(alive, stored.IAmAliveTime);
        entry.IAmAliveTime = alive;
        Assert.Equal(Describe(entry), Describe(stored));

        // A heartbeat between a read and a write does not make the write fail.
        entry.Status = SiloStatus.Active;
        Assert.True(await table.UpdateRow(entry, etag, before.Version.Next()));
        Assert.Equal(before.Version.Version + 1, (await table.ReadAll()).Version.Version);

        // A heartbeat for a silo that is not in the table writes nothing and does not fail.
        await table.UpdateIAmAlive(new MembershipEntry { SiloAddress = NewSilo(), IAmAliveTime = alive });
        Assert.Single((await table.ReadAll()).Members);
    }

    [Fact]
    public async Task Deleting_a_cluster_removes_its_rows_and_version_and_leaves_other_clusters_alone()
    {
        var doomedId = "test-" + Guid.NewGuid().ToString("N");
        var doomed = await NewClusterAsync(doomedId);
        var kept = await NewClusterAsync();
        foreach (var table in new[] { doomed, kept })
        {
            for (var i = 0; i < 3; i++)
                Assert.True(await table.InsertRow(NewEntry(), (await table.ReadAll()).Version.Next()));
        }
        var keptBefore = await kept.ReadAll();
        var doomedBefore = await doomed.ReadAll();

        await kept.DeleteMembershipTableEntries(doomedId); // any silo may delete any cluster by id

        Assert.Empty((await doomed.ReadAll()).Members);
        // The version row went too: the old etag no longer matches anything until the table is initialised again.
        Assert.False(await doomed.InsertRow(NewEntry(), doomedBefore.Version.Next()));
        await doomed.InitializeMembershipTable(true);
        Assert.Equal(0, (await doomed.ReadAll()).Version.Version);

        var keptAfter = await kept.ReadAll();
        Assert.Equal(keptBefore.Version, keptAfter.Version);
        Assert.Equal(keptBefore.Members.Select(m => Describe(m.Item1) + m.Item2).Order(), keptAfter.Members.Select(m => Describe(m.Item1) + m.Item2).Order());
    }

    [Fact]
    public async Task Cleanup_removes_only_dead_silos_older_than_the_date_and_only_in_its_own_cluster()
    {
        var table = await NewClusterAsync();
        var other = await NewClusterAsync();
        var tenDaysAgo = Now().AddDays(-10);

        async Task<MembershipEntry> InsertAsync(ContestDbMembershipTable t, SiloStatus status, bool old)
        {
            var e = NewEntry(status);
            if (old)
            {
                e.StartTime = tenDaysAgo;
                e.IAmAliveTime = tenDaysAgo;
            }
            Assert.True(await t.InsertRow(e, (await t.ReadAll()).Version.Next()));
            return e;
        }

        var oldOfEveryStatus = new List<MembershipEntry>();
        foreach (var status in new[] { SiloStatus.Created, SiloStatus.Joining, SiloStatus.Active, SiloStatus.ShuttingDown, SiloStatus.Stopping, SiloStatus.Dead })
            oldOfEveryStatus.Add(await InsertAsync(table, status, old: true));
        var secondOldDead = await InsertAsync(table, SiloStatus.Dead, old: true);
        var recentDead = await InsertAsync(table, SiloStatus.Dead, old: false);
        var recentActive = await InsertAsync(table, SiloStatus.Active, old: false);
        var otherOldDead = await InsertAsync(other, SiloStatus.Dead, old: true);
        var before = await table.ReadAll();
        var otherBefore = await other.ReadAll();

        await table.CleanupDefunctSiloEntries(new DateTimeOffset(tenDaysAgo.AddDays(3)));

        var after = await table.ReadAll();
        var expected = oldOfEveryStatus.Where(e => e.Status != SiloStatus.Dead).Append(recentDead).Append(recentActive);
        Assert.Equal(expected.Select(Describe).Order(), after.Members.Select(m => Describe(m.Item1)).Order());
        Assert.Null(after.TryGet(secondOldDead.SiloAddress));
        Assert.Equal(before.Version, after.Version); // removing the dead changes no one's view of who is alive

        var otherAfter = await other.ReadAll();
        Assert.Equal(otherBefore.Version, otherAfter.Version);
        Assert.Equal(Describe(otherOldDead), Describe(Assert.Single(otherAfter.Members).Item1));

        // Again: nothing more to remove, nothing moves.
        await table.CleanupDefunctSiloEntries(new DateTimeOffset(tenDaysAgo.AddDays(3)));
        var repeated = await table.ReadAll();
        Assert.Equal(after.Version, repeated.Version);
        Assert.Equal(after.Members.Count, repeated.Members.Count);
    }

    [Fact]
    public async Task The_cancellable_forms_behave_as_the_plain_ones()
    {
        var table = await NewClusterAsync();
        var ct = new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;
        var v0 = (await table.ReadAllAsync(ct)).Version;
        var entry = NewEntry();
        Assert.True(await table.InsertRowAsync(entry, v0.Next(), ct));
        Assert.False(await table.InsertRowAsync(entry, v0.Next(), ct));
        var row = await table.ReadRowAsync(entry.SiloAddress, ct);
        entry.Status = SiloStatus.Active;
        Assert.True(await table.UpdateRowAsync(entry, row.Members[0].Item2, row.Version.Next(), ct));
        var alive = Now().AddSeconds(9);
        await table.UpdateIAmAliveAsync(new MembershipEntry { SiloAddress = entry.SiloAddress, IAmAliveTime = alive }, ct);
        var data = await table.ReadAllAsync(ct);
        Assert.Equal(2, data.Version.Version);
        Assert.Equal(SiloStatus.Active, data.Members[0].Item1.Status);
        Assert.Equal(alive, data.Members[0].Item1.IAmAliveTime);
    }
}
