using Contest.Engine.Errors;
using Contest.Engine.Units;

namespace Contest.Engine.Rounds;

/// <summary>
/// A prize won: by a participant, or (collective prizes) by a unit. <see cref="Place"/> is the winner's overall rank
/// for a rank tier, else the place in that prize's own order. <see cref="Measure"/> is what the prize was decided on:
/// the prediction's distance, a unit's participation rate (0–1) or average correct answers; null for tiers and
/// for most participants (<see cref="ParticipantCount"/> says it).
/// </summary>
public sealed record AwardedPrize(int RuleId, PrizeKind Kind, string Name, int Place, int? ParticipantId, int? UnitId, int? ParticipantCount, double? Measure = null);

/// <summary>The settings of a round's prize table as a whole.</summary>
public sealed record PrizeTableOptions(bool OnePrizePerPerson = false, PredictionTieBreak PredictionTieBreak = PredictionTieBreak.TimeThenSubmission);

/// <summary>
/// The prize rules, all of them (docs/features.md "Prize tables" states them for organizers):
/// <list type="bullet">
/// <item>Rows are awarded top to bottom. Rank tiers follow each other: the first tier row takes the first place(s)
/// of the final ranking, the next tier row the places after those, and so on.</item>
/// <item>A tie on the last place of a row gives every tied person (or unit) that row; the next tier starts after them.
/// Two people tie in the ranking only when every key is equal (correct answers, prediction, time, submission).</item>
/// <item>Closest prediction: the smallest |prediction − actual number| first; equal distances are separated by the
/// table's <see cref="PredictionTieBreak"/> (by default time taken, then submission time). Participants without a
/// prediction cannot win it.</item>
/// <item>"One prize per person": a person who already won a row above is passed over by the rows below, and the
/// place goes to the next person.</item>
/// <item>Unit prizes count each participant for their unit at the row's tree level (their own unit when no level is
/// set); people with no unit there do not count. Most participants: more participants first, then more correct
/// answers in total. Participation rate: participants ÷ members (<see cref="UnitStatistics.ParticipationRate"/>),
/// higher first, then more participants; a unit without a member count cannot win it. Average score: more correct
/// answers per participant first, then more participants.</item>
/// </list>
/// </summary>
public static class PrizeTable
{
    public const int MaxRows = 50;
    public const int MaxCount = 1000;
    public const int MaxNameLength = 200;

    /// <param name="unitOf">The unit a participant counts for at a tree level (null level: their own unit); null when none.</param>
    /// <param name="membersOf">A unit's member count, the denominator of its participation rate.</param>
    public static IReadOnlyList<AwardedPrize> Award(RankingResult ranking, IEnumerable<PrizeRule> rules, PrizeTableOptions options,
        Func<int, UnitLevel?, int?> unitOf, Func<int, int> membersOf)
    {
        var prizes = new List<AwardedPrize>();
        var winners = new HashSet<int>();
        var tierCursor = 0;
        bool Eligible(RankedEntry e) => !options.OnePrizePerPerson || !winners.Contains(e.ParticipantId);

        foreach (var rule in rules.OrderBy(r => r.SortOrder).ThenBy(r => r.Id))
        {
            if (rule.Count <= 0) continue;
            var won = rule.Kind switch
            {
                PrizeKind.RankTier => Tier(ranking.Entries, ref tierCursor, rule, Eligible),
                PrizeKind.ClosestPrediction => ClosestPrediction(ranking.Entries.Where(Eligible), rule, options.PredictionTieBreak),
                PrizeKind.UnitMostParticipants or PrizeKind.UnitParticipationRate or PrizeKind.UnitAverageScore => Units(ranking, rule, unitOf, membersOf),
                _ => [],
            };
            foreach (var p in won) if (p.ParticipantId is { } id) winners.Add(id);
            prizes.AddRange(won);
        }
        return prizes;
    }

    /// <summary>
    /// Takes <paramref name="rule"/>.Count people from the cursor on, plus everyone tied with the last one taken;
    /// moves the cursor past them. People passed over (one prize per person) do not use up a place.
    /// </summary>
    private static List<AwardedPrize> Tier(IReadOnlyList<RankedEntry> entries, ref int cursor, PrizeRule rule, Func<RankedEntry, bool> eligible)
    {
        var won = new List<AwardedPrize>();
        RankedEntry? last = null;
        for (; cursor < entries.Count; cursor++)
        {
            var e = entries[cursor];
            if (won.Count >= rule.Count && (last is null || e.Rank != last.Rank)) break;
            if (!eligible(e)) continue;
            won.Add(new AwardedPrize(rule.Id, rule.Kind, rule.Name, e.Rank, e.ParticipantId, null, null));
            last = e;
        }
        return won;
    }

    private static List<AwardedPrize> ClosestPrediction(IEnumerable<RankedEntry> entries, PrizeRule rule, PredictionTieBreak tieBreak)
    {
        var ordered = entries.Where(e => e.PredictionError is not null).OrderBy(e => e.PredictionError)
            .ThenBy(e => tieBreak == PredictionTieBreak.TimeThenSubmission ? e.TimeTaken : TimeSpan.Zero)
            .ThenBy(e => tieBreak is PredictionTieBreak.TimeThenSubmission or PredictionTieBreak.EarlierSubmission ? e.SubmittedAt : DateTimeOffset.MinValue)
            .ThenBy(e => tieBreak == PredictionTieBreak.OverallRank ? e.Rank : 0)
            .ThenBy(e => e.ParticipantId)
            .ToList();
        bool Same(RankedEntry a, RankedEntry b) => a.PredictionError == b.PredictionError && tieBreak switch
        {
            PredictionTieBreak.TimeThenSubmission => a.TimeTaken == b.TimeTaken && a.SubmittedAt == b.SubmittedAt,
            PredictionTieBreak.EarlierSubmission => a.SubmittedAt == b.SubmittedAt,
            PredictionTieBreak.OverallRank => a.Rank == b.Rank,
            _ => true,
        };
        return Places(ordered, Same, rule.Count)
            .Select(x => new AwardedPrize(rule.Id, rule.Kind, rule.Name, x.Place, x.Item.ParticipantId, null, null, x.Item.PredictionError)).ToList();
    }

    private sealed record UnitTally(int Unit, int Participants, long Correct, double? Rate, double Average);

    private static List<AwardedPrize> Units(RankingResult ranking, PrizeRule rule, Func<int, UnitLevel?, int?> unitOf, Func<int, int> membersOf)
    {
        var tallies = ranking.Entries
            .Select(e => (Unit: unitOf(e.ParticipantId, rule.UnitLevel), e.Correct))
            .Where(x => x.Unit is not null)
            .GroupBy(x => x.Unit!.Value)
            .Select(g =>
            {
                var n = g.Count();
                var sum = g.Sum(x => (long)x.Correct);
                return new UnitTally(g.Key, n, sum, UnitStatistics.ParticipationRate(n, membersOf(g.Key)), (double)sum / n);
            });
        List<UnitTally> ordered;
        Func<UnitTally, UnitTally, bool> same;
        double? Measure(UnitTally u) => rule.Kind switch
        {
            PrizeKind.UnitParticipationRate => u.Rate,
            PrizeKind.UnitAverageScore => u.Average,
            _ => null,
        };
        switch (rule.Kind)
        {
            case PrizeKind.UnitParticipationRate:
                ordered = [.. tallies.Where(u => u.Rate is not null).OrderByDescending(u => u.Rate).ThenByDescending(u => u.Participants).ThenBy(u => u.Unit)];
                same = (a, b) => a.Rate == b.Rate && a.Participants == b.Participants;
                break;
            case PrizeKind.UnitAverageScore:
                ordered = [.. tallies.OrderByDescending(u => u.Average).ThenByDescending(u => u.Participants).ThenBy(u => u.Unit)];
                same = (a, b) => a.Correct * b.Participants == b.Correct * a.Participants && a.Participants == b.Participants;
                break;
            default:
                ordered = [.. tallies.OrderByDescending(u => u.Participants).ThenByDescending(u => u.Correct).ThenBy(u => u.Unit)];
                same = (a, b) => a.Participants == b.Participants && a.Correct == b.Correct;
                break;
        }
        return Places(ordered, same, rule.Count)
            .Select(x => new AwardedPrize(rule.Id, rule.Kind, rule.Name, x.Place, null, x.Item.Unit, x.Item.Participants, Measure(x.Item))).ToList();
    }

    /// <summary>Competition places (1, 1, 3…) over an ordered list, kept while the place is within <paramref name="count"/>: a tie on the last place keeps everyone tied.</summary>
    private static IEnumerable<(int Place, T Item)> Places<T>(IReadOnlyList<T> ordered, Func<T, T, bool> same, int count)
    {
        var place = 0;
        for (var i = 0; i < ordered.Count; i++)
        {
            if (i == 0 || !same(ordered[i - 1], ordered[i])) place = i + 1;
            if (place > count) yield break;
            yield return (place, ordered[i]);
        }
    }

    /// <summary>Null when the table makes sense, else why not (English, for API callers; the round form has its own messages).</summary>
    public static string? Validate(IReadOnlyList<PrizeRule> rules, PrizeTableOptions options) => Check(rules, options)?.Message;

    /// <summary>Null when the table makes sense, else the first rule it breaks, with its own code and the limit.</summary>
    public static ContestError? Check(IReadOnlyList<PrizeRule> rules, PrizeTableOptions options)
    {
        static ContestError Bad(string code, string message, params object[] args) => ContestError.Invalid(code, message, args);
        if (!Enum.IsDefined(options.PredictionTieBreak)) return Bad("prize-tie-break", $"Unknown tie-break rule for the prediction prize: {(int)options.PredictionTieBreak}.");
        if (rules.Count > MaxRows) return Bad("prize-rows", $"A prize table has at most {MaxRows} rows.", MaxRows);
        foreach (var prize in rules)
        {
            if (!Enum.IsDefined(prize.Kind)) return Bad("prize-kind", $"Unknown prize kind: {(int)prize.Kind}.");
            if (prize.UnitLevel is { } level && !Enum.IsDefined(level)) return Bad("prize-unit-level", $"Unknown unit level: {(int)level}.");
            if (string.IsNullOrWhiteSpace(prize.Name)) return Bad("prize-name-required", "Every prize needs a name.");
            if (prize.Name.Length > MaxNameLength) return Bad("prize-name-long", $"A prize name has at most {MaxNameLength} characters.", MaxNameLength);
            if (prize.Count is < 1 or > MaxCount) return Bad("prize-count", $"Prize '{prize.Name}': the number of places must be between 1 and {MaxCount}.", prize.Name, 1, MaxCount);
        }
        return null;
    }
}
