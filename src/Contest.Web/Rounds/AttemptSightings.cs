using System.Collections.Concurrent;
using Contest.Engine.Rounds.Integrity;
using Contest.Engine.Storage;

namespace Contest.Web.Rounds;

/// <summary>
/// Records where an unfinished attempt's page is loaded from (<see cref="AttemptOrigins"/>), once per attempt, device
/// and network on this node: a participant moving between questions reloads the page often, and only a new device or
/// network is news. The memory is a filter, not the record: a node that forgot (restart, another node) reads the row once.
/// </summary>
public sealed class AttemptSightings(AttemptDevice device)
{
    private readonly ConcurrentDictionary<string, byte> _seen = new(StringComparer.Ordinal);

    public async Task RecordAsync(HttpContext http, ContestDb db, long attemptId, int participantId, CancellationToken ct)
    {
        var origin = device.Origin(http).Bounded();
        var key = $"{attemptId}|{origin.Device}|{origin.Network}";
        if (_seen.ContainsKey(key)) return;
        await AttemptOrigins.RecordAsync(db, attemptId, participantId, origin, ct);
        if (_seen.Count > 100_000) _seen.Clear();
        _seen.TryAdd(key, 0);
    }
}
