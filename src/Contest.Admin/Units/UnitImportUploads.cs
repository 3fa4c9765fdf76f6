using System.Collections.Concurrent;
using Contest.Admin.Units.Excel;

namespace Contest.Admin.Units;

/// <summary>
/// An uploaded unit workbook kept between the preview and the confirmation (at most an hour, at most a few per
/// user), so the organizer does not upload it twice and what is saved is exactly the file previewed. On several
/// web nodes this page relies on the sticky sessions the deployment already has for WebSockets.
/// </summary>
public sealed class UnitImportUploads(TimeProvider time)
{
    private static readonly TimeSpan KeepFor = TimeSpan.FromHours(1);
    private const int PerUser = 3;
    private readonly ConcurrentDictionary<string, UnitUpload> _uploads = new();

    public UnitUpload Add(string user, string fileName, byte[] file)
    {
        Sweep();
        // Older uploads of the same user go first: each holds up to the upload limit in memory.
        foreach (var old in _uploads.Values.Where(u => u.User == user).OrderByDescending(u => u.Started).Skip(PerUser - 1))
            _uploads.TryRemove(old.Id, out _);
        var upload = new UnitUpload(Guid.NewGuid().ToString("N"), user, fileName, file, time.GetUtcNow());
        _uploads[upload.Id] = upload;
        return upload;
    }

    public UnitUpload? Get(string? id, string user)
    {
        Sweep();
        return id is not null && _uploads.TryGetValue(id, out var u) && u.User == user ? u : null;
    }

    private void Sweep()
    {
        var cutoff = time.GetUtcNow() - KeepFor;
        foreach (var (id, u) in _uploads)
            if (u.Started < cutoff) _uploads.TryRemove(id, out _);
    }
}

public sealed class UnitUpload(string id, string user, string fileName, byte[] file, DateTimeOffset started)
{
    public string Id { get; } = id;
    public string User { get; } = user;
    public string FileName { get; } = fileName;
    public DateTimeOffset Started { get; } = started;
    public byte[] File { get; set; } = file;

    /// <summary>Set once confirmed: what was saved. The file is dropped then, so a second confirmation saves nothing.</summary>
    public UnitImportReport? Saved { get; set; }
}
