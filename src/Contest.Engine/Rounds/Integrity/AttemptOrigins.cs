using Contest.Engine.Storage;
using Microsoft.EntityFrameworkCore;

namespace Contest.Engine.Rounds.Integrity;

/// <summary>
/// The devices and networks an attempt was opened from: at start, and each time it is resumed or its page loaded from
/// somewhere new, so one account answered from several phones ("several people, one account") shows in the review.
/// Distinct values only, at most <see cref="Max"/> of each, so a script cannot grow the row.
/// </summary>
public static class AttemptOrigins
{
    public const int Max = 8;

    /// <summary>Adds the origin to a tracked (or new) attempt's sets; true when something was new.</summary>
    public static bool Note(RoundAttempt attempt, ClientOrigin? origin)
    {
        if (origin?.Bounded() is not { } o || attempt.FinishedAt is not null) return false;
        var devices = With(attempt.SeenDevices, o.Device);
        var networks = With(attempt.SeenNetworks, o.Network);
        if (devices is not null) attempt.SeenDevices = devices;
        if (networks is not null) attempt.SeenNetworks = networks;
        return devices is not null || networks is not null;
    }

    /// <summary>Records the origin of a page load or resume of the participant's unfinished attempt; true when it was new.</summary>
    public static async Task<bool> RecordAsync(ContestDb db, long attemptId, int participantId, ClientOrigin origin, CancellationToken ct = default)
    {
        var attempt = await db.Set<RoundAttempt>().SingleOrDefaultAsync(a => a.Id == attemptId && a.ParticipantId == participantId, ct);
        if (attempt is null || !Note(attempt, origin)) return false;
        // Only the two columns are written (the row is tracked): answers saved meanwhile by the round's writer stay as they are.
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Every device the attempts were seen on: start, resumes, submit.</summary>
    public static IEnumerable<string> Devices(RoundAttempt a) =>
        new[] { a.StartDevice, a.SubmitDevice }.Concat(a.SeenDevices ?? []).OfType<string>().Distinct();

    public static IEnumerable<string> Networks(RoundAttempt a) =>
        new[] { a.StartNetwork, a.SubmitNetwork }.Concat(a.SeenNetworks ?? []).OfType<string>().Distinct();

    private static List<string>? With(List<string>? seen, string? value)
    {
        if (value is null || (seen?.Contains(value) ?? false) || (seen?.Count ?? 0) >= Max) return null;
        return [.. seen ?? [], value];
    }
}
