using System.Text;
using Contest.Engine.Storage;
using Contest.Engine.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Contest.Engine.Units;

/// <summary>One unit as a picker shows it: its own name and the names above it (root first, the province left out when it is the only root).</summary>
public sealed record UnitEntry(int Id, string Name, UnitLevel Level, int? ParentId, IReadOnlyList<string> Path, int MemberCount)
{
    /// <summary>"Huyện Đoàn Bù Đăng › Xã Đoàn Đức Liễu › Chi đoàn 1A": chapter names repeat, the path tells them apart.</summary>
    public string PathText => string.Join(" › ", Path);
}

/// <summary>The answer to a search: the best <c>limit</c> matches and how many matched in all.</summary>
public sealed record UnitSearchResult(IReadOnlyList<UnitEntry> Items, int Total);

/// <summary>
/// The unit tree held in memory for the pickers: a province has ~2,000 units, and a live game's join
/// can bring thousands of phones searching at once, so searching must not load the table each keystroke.
/// The snapshot is reloaded when a cheap fingerprint of the table (count, largest id, sum of parents)
/// changes — an import or a move shows at once — and at the latest after <see cref="MaxAge"/>, which bounds
/// how long a rename alone (or an edit on another web node) stays unseen.
/// </summary>
public sealed class UnitDirectory(IServiceScopeFactory scopes, TimeProvider time)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(15);
    public const int MaxLimit = 20;

    private sealed record Snapshot((int, int, long) Fingerprint, DateTimeOffset LoadedAt, IReadOnlyList<Indexed> Units, IReadOnlyDictionary<int, Indexed> ById);
    private sealed record Indexed(UnitEntry Entry, string NameKey, string PathKey, int Depth);

    private volatile Snapshot? snapshot;
    private readonly SemaphoreSlim loading = new(1, 1);

    /// <summary>Lower case, no diacritics (đ → d), one space between words: "Xã Đoàn  Đức Liễu" → "xa doan duc lieu".</summary>
    public static string Key(string text) => TextNormalizer.CollapseSpaces(TextNormalizer.StripDiacritics(TextNormalizer.Nfc(text)).ToLowerInvariant());

    /// <summary>The words of a query as searched; "›" or "/" typed between names (a path copied from the picker) are not words to find.</summary>
    public static string[] Words(string text) => Key(text).Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => w.Any(char.IsLetterOrDigit)).ToArray();

    public async Task<UnitEntry?> FindAsync(int id, CancellationToken ct = default) =>
        (await CurrentAsync(ct)).ById.TryGetValue(id, out var u) ? u.Entry : null;

    public async Task<IReadOnlyList<UnitEntry>> AllAsync(CancellationToken ct = default) => [.. (await CurrentAsync(ct)).Units.Select(u => u.Entry)];

    /// <summary>
    /// Units whose path holds every word of <paramref name="query"/> (diacritics and case ignored), best first:
    /// every word in the unit's own name, then the words as one phrase in it, then higher levels, then by path.
    /// An empty query lists the top two levels, so a picker has something to show before typing.
    /// </summary>
    public async Task<UnitSearchResult> SearchAsync(string? query, int limit, IReadOnlyCollection<UnitLevel>? levels = null, CancellationToken ct = default)
    {
        limit = Math.Clamp(limit, 1, MaxLimit);
        var snap = await CurrentAsync(ct);
        var words = Words(query ?? "");
        IEnumerable<Indexed> pool = snap.Units;
        if (levels is { Count: > 0 }) pool = pool.Where(u => levels.Contains(u.Entry.Level));
        if (words.Length == 0)
        {
            var top = pool.Where(u => u.Depth <= 1).ToList();
            return new(top.Take(limit).Select(u => u.Entry).ToList(), top.Count);
        }
        var matched = pool.Where(u => words.All(w => u.PathKey.Contains(w, StringComparison.Ordinal)))
            .Select(u => (Unit: u, Score: (words.All(w => u.NameKey.Contains(w, StringComparison.Ordinal)) ? 0 : 2) + (u.NameKey.Contains(string.Join(' ', words), StringComparison.Ordinal) ? 0 : 1)))
            .ToList();
        var best = matched.OrderBy(m => m.Score).ThenBy(m => m.Unit.Depth).ThenBy(m => m.Unit.PathKey, StringComparer.Ordinal)
            .Take(limit).Select(m => m.Unit.Entry).ToList();
        return new(best, matched.Count);
    }

    private async Task<Snapshot> CurrentAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ContestDb>();
        var fingerprint = await FingerprintAsync(db, ct);
        var now = time.GetUtcNow();
        if (snapshot is { } s && s.Fingerprint == fingerprint && now - s.LoadedAt < MaxAge) return s;
        await loading.WaitAsync(ct);
        try
        {
            if (snapshot is { } again && again.Fingerprint == fingerprint && now - again.LoadedAt < MaxAge) return again;
            var loaded = Build(await db.Units.AsNoTracking().Select(u => new Row(u.Id, u.Name, u.Level, u.ParentId, u.MemberCount)).ToListAsync(ct), fingerprint, now);
            snapshot = loaded;
            return loaded;
        }
        finally
        {
            loading.Release();
        }
    }

    private static async Task<(int, int, long)> FingerprintAsync(ContestDb db, CancellationToken ct)
    {
        var f = await db.Units.GroupBy(_ => 1)
            .Select(g => new { Count = g.Count(), MaxId = g.Max(u => u.Id), Parents = g.Sum(u => (long)(u.ParentId ?? 0)) })
            .FirstOrDefaultAsync(ct);
        return f is null ? (0, 0, 0) : (f.Count, f.MaxId, f.Parents);
    }

    private sealed record Row(int Id, string Name, UnitLevel Level, int? ParentId, int MemberCount);

    private static Snapshot Build(List<Row> rows, (int, int, long) fingerprint, DateTimeOffset now)
    {
        var byId = rows.ToDictionary(r => r.Id);
        var roots = rows.Count(r => r.ParentId is null);
        var list = new List<Indexed>(rows.Count);
        foreach (var r in rows)
        {
            var chain = new List<Row>();
            // A cycle cannot be saved through the editor, but a guard keeps a bad row from hanging every search.
            for (Row? at = r; at is not null && chain.Count < 32; at = at.ParentId is { } p ? byId.GetValueOrDefault(p) : null) chain.Add(at);
            chain.Reverse();
            var shown = roots == 1 && chain.Count > 1 && chain[0].Level == UnitLevel.Province ? chain.Skip(1) : chain;
            var path = shown.Select(x => x.Name).ToList();
            list.Add(new Indexed(new UnitEntry(r.Id, r.Name, r.Level, r.ParentId, path, r.MemberCount), Key(r.Name), Key(string.Join(" / ", chain.Select(x => x.Name))), chain.Count - 1));
        }
        list.Sort((a, b) => string.CompareOrdinal(a.PathKey, b.PathKey));
        return new Snapshot(fingerprint, now, list, list.ToDictionary(u => u.Entry.Id));
    }
}
