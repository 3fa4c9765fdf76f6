using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Contest.Admin.Accounts;

/// <summary>
/// Between the steps of a bulk creation, in this node's memory: the checked rows waiting for "confirm", then the sheet
/// of temporary passwords waiting to be downloaded. Each belongs to the admin who made it and lasts
/// <see cref="Lifetime"/>; the passwords exist nowhere else (the database keeps only hashes), so a lost sheet means
/// resetting those accounts. Behind the sticky proxy an admin's requests stay on one node.
/// </summary>
public sealed class AccountImports(TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    public sealed record Pending(string Owner, AccountImport Report, DateTimeOffset Until);

    public sealed record Sheet(string Owner, byte[] Bytes, int Created, IReadOnlyList<string> NotCreated, DateTimeOffset Until);

    private readonly ConcurrentDictionary<string, Pending> _pending = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Sheet> _sheets = new(StringComparer.Ordinal);

    public string Add(string owner, AccountImport report)
    {
        Sweep();
        var id = NewId();
        _pending[id] = new(owner, report, time.GetUtcNow() + Lifetime);
        return id;
    }

    public Pending? Get(string? id, string owner) =>
        id is not null && _pending.TryGetValue(id, out var p) && p.Owner == owner && p.Until > time.GetUtcNow() ? p : null;

    /// <summary>Takes the rows out, so a second click of "confirm" (or a second tab) finds nothing to create twice.</summary>
    public Pending? Take(string? id, string owner) =>
        Get(id, owner) is not null && _pending.TryRemove(id!, out var p) ? p : null;

    public string AddSheet(string owner, byte[] bytes, int created, IReadOnlyList<string> notCreated)
    {
        Sweep();
        var id = NewId();
        _sheets[id] = new(owner, bytes, created, notCreated, time.GetUtcNow() + Lifetime);
        return id;
    }

    public Sheet? GetSheet(string? id, string owner) =>
        id is not null && _sheets.TryGetValue(id, out var s) && s.Owner == owner && s.Until > time.GetUtcNow() ? s : null;

    private void Sweep()
    {
        var now = time.GetUtcNow();
        foreach (var (id, p) in _pending) if (p.Until <= now) _pending.TryRemove(id, out _);
        foreach (var (id, s) in _sheets) if (s.Until <= now) _sheets.TryRemove(id, out _);
    }

    private static string NewId() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
}
