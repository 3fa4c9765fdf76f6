using Contest.Engine.Storage;
using Microsoft.EntityFrameworkCore;

namespace Contest.Engine.Rounds.Integrity;

/// <summary>
/// Turns the evidence stored with a round's attempts into flags for the organizers' review. Every fact comes from
/// the server: its own timestamps, the device cookie and network it saw; the page's hidden reports are timed by the
/// server and weigh little. Nothing here decides anything: the organizer clears a flag or voids the entry.
/// (SQLite cannot compare DateTimeOffset in SQL, so the rows are read and the times compared here.)
/// </summary>
public sealed class RoundIntegrity(ContestDb db, TimeProvider time, FlagCache? cache = null)
{
    /// <summary>Answers first saved this close together came from one form post (all questions on one page) or a script.</summary>
    public static readonly TimeSpan SameSave = TimeSpan.FromSeconds(1);

    /// <summary>Defaults for what the round does not set (bursts, tolerances, threshold); tests change them.</summary>
    public IntegritySettings Settings { get; set; } = IntegritySettings.Default;

    /// <summary>Participants whose evidence weighs at least the threshold, heaviest first; voided entries are left out
    /// (they still count as the "other" participant of a shared device or of identical answers). Empty when the round
    /// has its checks turned off.</summary>
    public async Task<IReadOnlyList<FlaggedParticipant>> FlagsAsync(int roundId, CancellationToken ct = default)
    {
        var round = await db.Set<ContestRound>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == roundId, ct);
        if (round is null || !round.IntegrityChecks) return [];
        var settings = Settings with { ReadingMsPerCharacter = round.ReadingMsPerCharacter, ReadingMinimumMs = round.ReadingMinimumMs };
        return cache is null ? await ComputeAsync(roundId, settings, ct) : await cache.GetOrComputeAsync(db, round, settings, () => ComputeAsync(roundId, settings, ct), ct);
    }

    private async Task<IReadOnlyList<FlaggedParticipant>> ComputeAsync(int roundId, IntegritySettings settings, CancellationToken ct)
    {
        var attempts = await db.Set<RoundAttempt>().AsNoTracking().Include(a => a.Items).Where(a => a.RoundId == roundId).ToListAsync(ct);
        if (attempts.Count == 0) return [];
        var ids = attempts.Select(a => a.ParticipantId).Distinct().ToList();
        var people = await db.Set<RoundParticipant>().AsNoTracking().Where(p => ids.Contains(p.Id))
            .Select(p => new Registrant(p.Id, p.CreatedAt, p.RegisteredDevice, p.RegisteredNetwork, p.VoidedAt != null)).ToListAsync(ct);
        var questionIds = attempts.SelectMany(a => a.Items).Select(i => i.QuestionId).Distinct().ToList();
        var floors = (await db.Questions.AsNoTracking().Where(q => questionIds.Contains(q.Id)).Select(q => new { q.Id, q.Text, q.Options }).ToListAsync(ct))
            .ToDictionary(q => q.Id, q => settings.ReadingFloor(q.Text, q.Options));
        var networks = people.Select(p => p.Network).OfType<string>().Distinct().ToList();
        var registrations = networks.Count == 0 ? [] : await db.Set<RoundParticipant>().AsNoTracking().Where(p => networks.Contains(p.RegisteredNetwork!))
            .Select(p => new Registrant(p.Id, p.CreatedAt, p.RegisteredDevice, p.RegisteredNetwork, p.VoidedAt != null)).ToListAsync(ct);

        var flags = ids.ToDictionary(id => id, _ => new List<IntegrityFlag>());
        var now = time.GetUtcNow();
        foreach (var (pid, mine) in attempts.GroupBy(a => a.ParticipantId).Select(g => (g.Key, g.ToList())))
        {
            if (TooFast(mine, floors) is { } fast) flags[pid].Add(fast);
            if (Hidden(mine, now) is { } hidden) flags[pid].Add(hidden);
            if (Revised(mine, settings) is { } revised) flags[pid].Add(revised);
            if (SeveralDevices(mine) is { } several) flags[pid].Add(several);
        }
        SharedDevices(attempts, people, flags);
        SharedNetworks(attempts, settings, flags);
        Bursts(FlagKind.RegistrationBurst, FlagWeights.RegistrationBurst, registrations.Select(r => (r.Id, r.Network!, r.CreatedAt)), settings, flags);
        Bursts(FlagKind.SubmitBurst, FlagWeights.SubmitBurst,
            attempts.Where(a => a.End == AttemptEnd.Submitted && a.SubmitNetwork is not null).Select(a => (a.ParticipantId, a.SubmitNetwork!, a.FinishedAt!.Value)), settings, flags);
        SameAnswers(attempts, settings, flags);

        var voided = people.Where(p => p.Voided).Select(p => p.Id).ToHashSet();
        return flags.Where(f => !voided.Contains(f.Key))
            .Select(f => new FlaggedParticipant(f.Key, Math.Round(f.Value.Sum(x => x.Weight), 2), f.Value.OrderByDescending(x => x.Weight).ThenBy(x => x.Kind).ToList()))
            .Where(f => f.Weight >= settings.FlagThreshold)
            .OrderByDescending(f => f.Weight).ThenBy(f => f.ParticipantId).ToList();
    }

    private sealed record Registrant(int Id, DateTimeOffset CreatedAt, string? Device, string? Network, bool Voided);

    /// <summary>
    /// Answers given faster than they can be read. Answers are taken in the order they were first saved; answers saved
    /// together (within <see cref="SameSave"/> of each other: one page of several questions, or a script) share the
    /// time since the previous save and must cover the sum of their floors. Re-saving later never moves the first time.
    /// </summary>
    internal static IntegrityFlag? TooFast(IReadOnlyList<RoundAttempt> attempts, IReadOnlyDictionary<int, TimeSpan> floors)
    {
        int under = 0, answered = 0;
        TimeSpan spent = TimeSpan.Zero, needed = TimeSpan.Zero;
        foreach (var a in attempts)
        {
            var times = a.Items.Where(i => (i.FirstAnsweredAt ?? i.AnsweredAt) is not null)
                .Select(i => (At: (i.FirstAnsweredAt ?? i.AnsweredAt)!.Value, Floor: floors.GetValueOrDefault(i.QuestionId)))
                .OrderBy(x => x.At).ToList();
            answered += times.Count;
            var previous = a.StartedAt;
            for (var start = 0; start < times.Count;)
            {
                var end = start + 1;
                while (end < times.Count && times[end].At - times[end - 1].At <= SameSave) end++;
                var elapsed = times[end - 1].At - previous;
                var floor = TimeSpan.FromTicks(times.Skip(start).Take(end - start).Sum(x => x.Floor.Ticks));
                if (elapsed < floor)
                {
                    under += end - start;
                    spent += elapsed;
                    needed += floor;
                }
                previous = times[end - 1].At;
                start = end;
            }
        }
        if (under == 0) return null;
        var weight = FlagWeights.TooFastBase + FlagWeights.TooFastPerShare * under / answered;
        return new(FlagKind.TooFast, weight, new FlagFacts(Count: under, OutOf: answered, Duration: spent, Threshold: needed));
    }

    /// <summary>How often and how long the attempt page was hidden, by the server's clock (a spell still open ends with the attempt).</summary>
    private static IntegrityFlag? Hidden(IReadOnlyList<RoundAttempt> attempts, DateTimeOffset now)
    {
        var count = attempts.Sum(a => a.HiddenCount);
        if (count == 0) return null;
        var hidden = TimeSpan.FromMilliseconds(attempts.Sum(a => a.HiddenMs));
        foreach (var a in attempts.Where(a => a.HiddenSince is not null))
        {
            var end = a.FinishedAt ?? (now < a.Deadline ? now : a.Deadline);
            if (end > a.HiddenSince!.Value) hidden += end - a.HiddenSince.Value;
        }
        var total = TimeSpan.FromTicks(attempts.Sum(a => ((a.FinishedAt ?? (now < a.Deadline ? now : a.Deadline)) - a.StartedAt).Ticks));
        var weight = hidden * 4 >= total ? FlagWeights.PageHiddenLong : FlagWeights.PageHidden;
        return new(FlagKind.PageHidden, weight, new FlagFacts(Count: count, Duration: hidden, Threshold: total));
    }

    private static IntegrityFlag? Revised(IReadOnlyList<RoundAttempt> attempts, IntegritySettings settings)
    {
        var revisions = attempts.Sum(a => a.Items.Sum(i => i.Revisions));
        if (revisions < settings.RevisionsNotable) return null;
        return new(FlagKind.Revisions, FlagWeights.Revisions, new FlagFacts(Count: revisions, OutOf: attempts.Sum(a => a.Items.Count(i => i.IsAnswered))));
    }

    /// <summary>
    /// One account's attempt opened on several devices (start, resume, page loads, submit): someone else answering for
    /// the account, or one person moving from phone to laptop; the networks it came through are the facts beside it.
    /// </summary>
    private static IntegrityFlag? SeveralDevices(IReadOnlyList<RoundAttempt> attempts)
    {
        var devices = attempts.SelectMany(AttemptOrigins.Devices).Distinct().Count();
        if (devices < 2) return null;
        var networks = attempts.SelectMany(AttemptOrigins.Networks).Distinct().Order(StringComparer.Ordinal).ToList();
        var weight = devices >= 3 ? FlagWeights.SeveralDevicesMany : FlagWeights.SeveralDevices;
        return new(FlagKind.SeveralDevices, weight, new FlagFacts(Count: devices, OutOf: networks.Count, Network: networks.Count == 0 ? null : string.Join(", ", networks)));
    }

    /// <summary>One browser (device cookie) that registered, started or submitted for more than one participant.</summary>
    private static void SharedDevices(IReadOnlyList<RoundAttempt> attempts, IReadOnlyList<Registrant> people, Dictionary<int, List<IntegrityFlag>> flags)
    {
        var seen = attempts.SelectMany(a => AttemptOrigins.Devices(a).Select(d => (a.ParticipantId, Device: (string?)d)))
            .Concat(people.Select(p => (ParticipantId: p.Id, p.Device)))
            .Where(x => x.Device is not null)
            .GroupBy(x => x.Device!, x => x.ParticipantId)
            .Select(g => g.Distinct().ToList()).Where(g => g.Count > 1).ToList();
        foreach (var pid in flags.Keys)
        {
            var others = seen.Where(g => g.Contains(pid)).SelectMany(g => g).Where(o => o != pid).Distinct().Order().ToList();
            if (others.Count > 0) flags[pid].Add(new(FlagKind.SharedDevice, FlagWeights.SharedDevice, new FlagFacts(Count: others.Count + 1, OtherParticipantIds: others)));
        }
    }

    /// <summary>
    /// One network (home router, IPv6 /64) that started or submitted for several participants: weak, since a family
    /// shares one; a network with more than <see cref="IntegritySettings.SharedNetworkMax"/> participants is public.
    /// </summary>
    private static void SharedNetworks(IReadOnlyList<RoundAttempt> attempts, IntegritySettings settings, Dictionary<int, List<IntegrityFlag>> flags)
    {
        var shared = attempts.SelectMany(a => AttemptOrigins.Networks(a).Select(n => (a.ParticipantId, Network: (string?)n)))
            .Where(x => x.Network is not null)
            .GroupBy(x => x.Network!, x => x.ParticipantId)
            .Select(g => (Network: g.Key, Ids: g.Distinct().ToList()))
            .Where(g => g.Ids.Count > 1 && g.Ids.Count <= settings.SharedNetworkMax).ToList();
        foreach (var pid in flags.Keys)
        {
            var mine = shared.Where(g => g.Ids.Contains(pid)).OrderByDescending(g => g.Ids.Count).ThenBy(g => g.Network, StringComparer.Ordinal).ToList();
            if (mine.Count == 0) continue;
            var others = mine.SelectMany(g => g.Ids).Where(o => o != pid).Distinct().Order().ToList();
            flags[pid].Add(new(FlagKind.SharedNetwork, FlagWeights.SharedNetwork, new FlagFacts(Count: others.Count + 1, OtherParticipantIds: others, Network: mine[0].Network)));
        }
    }

    /// <summary>
    /// At least <see cref="IntegritySettings.BurstSize"/> events from one network within <see cref="IntegritySettings.Burst"/>:
    /// each participant of the round inside such a window is flagged with the fullest window holding their event.
    /// </summary>
    private static void Bursts(FlagKind kind, double weight, IEnumerable<(int Id, string Network, DateTimeOffset At)> events, IntegritySettings settings, Dictionary<int, List<IntegrityFlag>> flags)
    {
        var best = new Dictionary<int, (int Count, string Network, List<int> Ids)>();
        foreach (var net in events.GroupBy(e => e.Network))
        {
            var sorted = net.OrderBy(e => e.At).ToList();
            for (var s = 0; s < sorted.Count; s++)
            {
                var e = s;
                while (e + 1 < sorted.Count && sorted[e + 1].At - sorted[s].At <= settings.Burst) e++;
                var window = sorted.GetRange(s, e - s + 1);
                if (window.Count < settings.BurstSize) continue;
                foreach (var (id, _, _) in window)
                {
                    if (!flags.ContainsKey(id) || (best.TryGetValue(id, out var b) && b.Count >= window.Count)) continue;
                    best[id] = (window.Count, net.Key, window.Select(w => w.Id).Where(o => o != id).Distinct().Order().ToList());
                }
            }
        }
        foreach (var (id, b) in best)
            flags[id].Add(new(kind, weight, new FlagFacts(Count: b.Count, Duration: settings.Burst, OtherParticipantIds: b.Ids, Network: b.Network)));
    }

    /// <summary>
    /// Attempts of different participants with the same answers to the same questions (at least
    /// <see cref="IntegritySettings.SameAnswersMinimum"/>), each first answered within the tolerance of the same time
    /// after the attempt's start: one person driving two accounts, a script, or two people answering side by side.
    /// </summary>
    private static void SameAnswers(IReadOnlyList<RoundAttempt> attempts, IntegritySettings settings, Dictionary<int, List<IntegrityFlag>> flags)
    {
        var tolerance = settings.SameTiming;
        var matched = new Dictionary<int, (HashSet<int> Others, int Count, TimeSpan Worst)>();
        var buckets = attempts
            .Select(a => (Attempt: a, Answers: a.Items.Where(i => i.IsAnswered).OrderBy(i => i.QuestionId).ToList()))
            .Where(x => x.Answers.Count >= settings.SameAnswersMinimum)
            .GroupBy(x => string.Join(';', x.Answers.Select(i => $"{i.QuestionId}={AnswerKey(i)}")));
        foreach (var bucket in buckets)
        {
            // Sorted by the first common question's offset: once that differs by more than the tolerance, later ones do too.
            var list = bucket.Select(x => (x.Attempt.ParticipantId, Offsets: x.Answers.Select(i => (i.FirstAnsweredAt ?? i.AnsweredAt)!.Value - x.Attempt.StartedAt).ToArray()))
                .OrderBy(x => x.Offsets[0]).ToList();
            for (var i = 0; i < list.Count; i++)
            {
                for (var j = i + 1; j < list.Count && list[j].Offsets[0] - list[i].Offsets[0] <= tolerance; j++)
                {
                    if (list[i].ParticipantId == list[j].ParticipantId) continue;
                    var worst = list[i].Offsets.Zip(list[j].Offsets, (x, y) => (x - y).Duration()).Max();
                    if (worst > tolerance) continue;
                    Match(list[i].ParticipantId, list[j].ParticipantId, list[i].Offsets.Length, worst);
                    Match(list[j].ParticipantId, list[i].ParticipantId, list[i].Offsets.Length, worst);
                }
            }
        }
        foreach (var (id, m) in matched)
            flags[id].Add(new(FlagKind.SameAnswers, FlagWeights.SameAnswers, new FlagFacts(Count: m.Count, Duration: m.Worst, Threshold: tolerance, OtherParticipantIds: m.Others.Order().ToList())));

        void Match(int id, int other, int count, TimeSpan worst)
        {
            var m = matched.TryGetValue(id, out var found) ? found : ([], 0, TimeSpan.Zero);
            m.Others.Add(other);
            matched[id] = (m.Others, Math.Max(m.Count, count), worst > m.Worst ? worst : m.Worst);
        }
    }

    private static string AnswerKey(AttemptItem i) =>
        i.AnswerText is { } text ? "t:" + text.Trim().ToLowerInvariant()
        : i.AnswerOrder is { } order ? "o:" + string.Join(',', order)
        : "c:" + string.Join(',', (i.AnswerOptions ?? []).Order());
}
