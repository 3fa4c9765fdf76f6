using System.Text.Json.Serialization;

namespace Contest.Engine.Pitches;

public sealed record CriterionSpec(int Id, string Name, decimal Weight, int MaxScore);

/// <summary>One judge's scores for one team, by criterion id.</summary>
public sealed record JudgeSheet(string JudgeId, int TeamId, IReadOnlyDictionary<int, decimal> Scores);

public sealed record AggregationInput(
    IReadOnlyList<CriterionSpec> Criteria,
    AggregationMethod Method,
    int? TieBreakCriterionId,
    IReadOnlyList<int> TeamIds,
    IReadOnlyList<JudgeSheet> Sheets,
    IReadOnlyCollection<(string JudgeId, int TeamId)> Recusals);

/// <summary>How a team's place was separated from teams with the same score.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TieBreak>))]
public enum TieBreak
{
    None = 0,
    Criterion = 1,
    Median = 2,
    Shared = 3,
}

/// <summary>A judge's line for one team: the weighted total, its z-score when normalizing, and whether the trimmed mean dropped it.</summary>
public sealed record JudgeLine(string JudgeId, decimal Total, decimal? Z, bool Dropped);

public sealed record TeamStanding(
    int TeamId,
    int? Rank,
    decimal? Score,
    IReadOnlyList<JudgeLine> Judges,
    IReadOnlyList<string> RecusedJudges,
    decimal? TieBreakMean,
    decimal? Median,
    TieBreak TieBreak);

/// <summary>Per-judge mean and standard deviation of totals, the basis of z-score normalization.</summary>
public sealed record JudgeScale(string JudgeId, decimal Mean, decimal StdDev, int Teams);

public sealed record Aggregation(IReadOnlyList<TeamStanding> Standings, IReadOnlyList<JudgeScale> Scales);

/// <summary>
/// Turns judges' rubric scores into a ranking. Pure: the same input always gives the same ranking,
/// so a result can be recomputed and explained from the stored scores alone.
/// </summary>
public static class RubricAggregator
{
    /// <summary>Trimming needs enough judges that dropping two still leaves a panel (contest rules: at least 5).</summary>
    public const int TrimFrom = 5;

    private const int Decimals = 4;

    /// <summary>100 × Σ(weight × score / max) / Σ weight: every judge's total is on a 0–100 scale whatever the rubric.</summary>
    public static decimal JudgeTotal(IReadOnlyList<CriterionSpec> criteria, IReadOnlyDictionary<int, decimal> scores)
    {
        var weights = criteria.Sum(c => c.Weight);
        if (weights <= 0) return 0;
        var sum = criteria.Sum(c => c.Weight * scores[c.Id] / c.MaxScore);
        return Math.Round(100m * sum / weights, Decimals);
    }

    public static Aggregation Aggregate(AggregationInput input)
    {
        var recused = input.Recusals.ToHashSet();
        var teams = input.TeamIds.ToHashSet();
        // Only complete sheets count: a judge halfway through a team has not scored it yet.
        var counted = input.Sheets
            .Where(s => teams.Contains(s.TeamId) && !recused.Contains((s.JudgeId, s.TeamId)))
            .Where(s => input.Criteria.All(c => s.Scores.ContainsKey(c.Id)))
            .Select(s => (Sheet: s, Total: JudgeTotal(input.Criteria, s.Scores)))
            .ToList();

        var scales = input.Method == AggregationMethod.ZScore
            ? counted.GroupBy(x => x.Sheet.JudgeId).Select(g => Scale(g.Key, g.Select(x => x.Total).ToList())).OrderBy(s => s.JudgeId, StringComparer.Ordinal).ToList()
            : [];
        var scaleOf = scales.ToDictionary(s => s.JudgeId);

        var standings = input.TeamIds.Select(teamId =>
        {
            var lines = counted.Where(x => x.Sheet.TeamId == teamId)
                .OrderBy(x => x.Total).ThenBy(x => x.Sheet.JudgeId, StringComparer.Ordinal)
                .Select(x => new JudgeLine(x.Sheet.JudgeId, x.Total, input.Method == AggregationMethod.ZScore ? Z(x.Total, scaleOf[x.Sheet.JudgeId]) : null, false))
                .ToList();
            var recusedJudges = recused.Where(r => r.TeamId == teamId).Select(r => r.JudgeId).Order(StringComparer.Ordinal).ToList();
            if (lines.Count == 0) return new TeamStanding(teamId, null, null, lines, recusedJudges, null, null, TieBreak.None);

            if (input.Method == AggregationMethod.TrimmedMean && lines.Count >= TrimFrom)
            {
                // Lines are sorted by total: the first is the lowest, the last the highest.
                lines[0] = lines[0] with { Dropped = true };
                lines[^1] = lines[^1] with { Dropped = true };
            }
            var kept = lines.Where(l => !l.Dropped).ToList();
            var score = input.Method == AggregationMethod.ZScore
                ? Math.Round(kept.Average(l => l.Z!.Value), Decimals)
                : Math.Round(kept.Average(l => l.Total), Decimals);

            decimal? tieMean = null;
            if (input.TieBreakCriterionId is { } cid && input.Criteria.Any(c => c.Id == cid))
            {
                tieMean = Math.Round(counted.Where(x => x.Sheet.TeamId == teamId).Average(x => x.Sheet.Scores[cid]), Decimals);
            }
            return new TeamStanding(teamId, null, score, lines, recusedJudges, tieMean, Median(lines.Select(l => l.Total).ToList()), TieBreak.None);
        }).ToList();

        return new Aggregation(Rank(standings), scales);
    }

    private static List<TeamStanding> Rank(List<TeamStanding> standings)
    {
        var scored = standings.Where(s => s.Score is not null)
            .OrderByDescending(s => s.Score).ThenByDescending(s => s.TieBreakMean ?? 0).ThenByDescending(s => s.Median)
            .ToList();
        var result = new List<TeamStanding>(standings.Count);
        for (var i = 0; i < scored.Count; i++)
        {
            var s = scored[i];
            var rank = i > 0 && SameKey(scored[i - 1], s) ? result[i - 1].Rank : i + 1;
            var group = scored.Where(o => o.Score == s.Score).ToList();
            var how = TieBreak.None;
            if (group.Count > 1)
            {
                var sameCriterion = group.Where(o => o.TieBreakMean == s.TieBreakMean).ToList();
                how = sameCriterion.Count == 1 ? TieBreak.Criterion
                    : sameCriterion.Count(o => o.Median == s.Median) == 1 ? TieBreak.Median
                    : TieBreak.Shared;
            }
            result.Add(s with { Rank = rank, TieBreak = how });
        }
        result.AddRange(standings.Where(s => s.Score is null));
        return result;
    }

    private static bool SameKey(TeamStanding a, TeamStanding b) =>
        a.Score == b.Score && a.TieBreakMean == b.TieBreakMean && a.Median == b.Median;

    private static JudgeScale Scale(string judgeId, List<decimal> totals)
    {
        var mean = totals.Average();
        // Population standard deviation: the judge's own panel of teams is the whole population, not a sample.
        var variance = totals.Sum(t => (double)((t - mean) * (t - mean))) / totals.Count;
        return new JudgeScale(judgeId, Math.Round(mean, Decimals), Math.Round((decimal)Math.Sqrt(variance), Decimals), totals.Count);
    }

    // A judge who gave every team the same total expresses no preference: z = 0 rather than a division by zero.
    private static decimal Z(decimal total, JudgeScale scale) =>
        scale.StdDev == 0 ? 0 : Math.Round((total - scale.Mean) / scale.StdDev, Decimals);

    private static decimal Median(List<decimal> values)
    {
        var sorted = values.Order().ToList();
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
