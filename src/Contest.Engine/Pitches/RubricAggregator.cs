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

/// <summary>One pitch team's place in the aggregated ranking, with the judge lines it was computed from.</summary>
/// <param name="Score">On the rubric's 0–100 scale whatever the method: for the z-score, the team's mean z rescaled onto the range of the plain means (see <see cref="RubricAggregator.Aggregate"/>).</param>
/// <param name="MeanZ">The z-score method only: the raw mean of the team's z values, which decides the rank.</param>
/// <param name="PlainMean">The plain mean of the counted judges' totals (nothing dropped, nothing normalized).</param>
public sealed record PitchStanding(
    int TeamId,
    int? Rank,
    decimal? Score,
    IReadOnlyList<JudgeLine> Judges,
    IReadOnlyList<string> RecusedJudges,
    decimal? TieBreakMean,
    decimal? Median,
    TieBreak TieBreak,
    decimal? MeanZ = null,
    decimal? PlainMean = null);

/// <summary>Per-judge mean and standard deviation of totals, the basis of z-score normalization.</summary>
public sealed record JudgeScale(string JudgeId, decimal Mean, decimal StdDev, int Teams);

public sealed record Aggregation(IReadOnlyList<PitchStanding> Standings, IReadOnlyList<JudgeScale> Scales);

/// <summary>A team's place and score under one method (<see cref="MeanZ"/> for the z-score).</summary>
public sealed record MethodPlace(AggregationMethod Method, int? Rank, decimal? Score, decimal? MeanZ);

/// <param name="Changes">Some method puts the team in another place than the round's method does.</param>
public sealed record RobustnessLine(int TeamId, IReadOnlyList<MethodPlace> Places, bool Changes)
{
    public MethodPlace Under(AggregationMethod m) => Places.Single(p => p.Method == m);
}

/// <param name="Lines">In the order of the round's own ranking.</param>
/// <param name="WinnerChangedBy">The other methods under which the first place would go to another team.</param>
public sealed record RobustnessReport(AggregationMethod Chosen, IReadOnlyList<AggregationMethod> Methods, IReadOnlyList<RobustnessLine> Lines, IReadOnlyList<AggregationMethod> WinnerChangedBy);

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
            if (lines.Count == 0) return new PitchStanding(teamId, null, null, lines, recusedJudges, null, null, TieBreak.None);

            if (input.Method == AggregationMethod.TrimmedMean && lines.Count >= TrimFrom)
            {
                // Lines are sorted by total: the first is the lowest, the last the highest.
                lines[0] = lines[0] with { Dropped = true };
                lines[^1] = lines[^1] with { Dropped = true };
            }
            var kept = lines.Where(l => !l.Dropped).ToList();
            // For the z-score the mean z is kept unrounded here: the rescaling below divides differences of it.
            decimal? meanZ = input.Method == AggregationMethod.ZScore ? kept.Average(l => l.Z!.Value) : null;
            var score = meanZ ?? Math.Round(kept.Average(l => l.Total), Decimals);

            decimal? tieMean = null;
            if (input.TieBreakCriterionId is { } cid && input.Criteria.Any(c => c.Id == cid))
            {
                tieMean = Math.Round(counted.Where(x => x.Sheet.TeamId == teamId).Average(x => x.Sheet.Scores[cid]), Decimals);
            }
            return new PitchStanding(teamId, null, score, lines, recusedJudges, tieMean, Median(lines.Select(l => l.Total).ToList()), TieBreak.None,
                meanZ, lines.Average(l => l.Total));
        }).ToList();

        // Rounded only after the rescaling, which works on the exact means.
        if (input.Method == AggregationMethod.ZScore) standings = OnRubricScale(standings);
        standings = standings.Select(s => s with { PlainMean = s.PlainMean is { } p ? Math.Round(p, Decimals) : null }).ToList();
        return new Aggregation(Rank(standings), scales);
    }

    /// <summary>
    /// A mean z (−0.73) means nothing to a hall used to scores out of 100. Mapped linearly onto the range of the plain
    /// means — the team with the highest mean z gets the highest plain mean of the round, the lowest gets the lowest,
    /// the others in proportion — it reads like the other methods and keeps the z order exactly. When every team has
    /// the same mean z they all get the average of the plain means. The raw mean z stays in <see cref="PitchStanding.MeanZ"/>.
    /// </summary>
    private static List<PitchStanding> OnRubricScale(List<PitchStanding> standings)
    {
        var scored = standings.Where(s => s.MeanZ is not null).ToList();
        if (scored.Count == 0) return standings;
        decimal minZ = scored.Min(s => s.MeanZ!.Value), maxZ = scored.Max(s => s.MeanZ!.Value);
        decimal low = scored.Min(s => s.PlainMean!.Value), high = scored.Max(s => s.PlainMean!.Value);
        return standings.Select(s => s.MeanZ is not { } z ? s : s with
        {
            Score = Math.Round(maxZ == minZ ? scored.Average(x => x.PlainMean!.Value) : low + (z - minZ) * (high - low) / (maxZ - minZ), Decimals),
            MeanZ = Math.Round(z, Decimals),
        }).ToList();
    }

    /// <summary>
    /// "Would another method have changed the winner?": the same sheets ranked by every method, beside the round's own.
    /// </summary>
    public static RobustnessReport Robustness(AggregationInput input)
    {
        var methods = new[] { AggregationMethod.Mean, AggregationMethod.TrimmedMean, AggregationMethod.ZScore };
        var by = methods.ToDictionary(m => m, m => Aggregate(input with { Method = m }).Standings.ToDictionary(s => s.TeamId));
        var chosen = Aggregate(input).Standings;
        var lines = chosen.Select(s => new RobustnessLine(s.TeamId,
                methods.Select(m => new MethodPlace(m, by[m][s.TeamId].Rank, by[m][s.TeamId].Score, by[m][s.TeamId].MeanZ)).ToList(),
                methods.Any(m => by[m][s.TeamId].Rank != s.Rank)))
            .ToList();
        var winners = Winners(by[input.Method]);
        var changedBy = methods.Where(m => m != input.Method && !Winners(by[m]).SetEquals(winners)).ToList();
        return new RobustnessReport(input.Method, methods, lines, changedBy);
    }

    private static HashSet<int> Winners(Dictionary<int, PitchStanding> standings) =>
        standings.Values.Where(s => s.Rank == 1).Select(s => s.TeamId).ToHashSet();

    private static List<PitchStanding> Rank(List<PitchStanding> standings)
    {
        // The z-score ranks on the raw mean z: its rescaled score is rounded and could tie teams z separates.
        var scored = standings.Where(s => s.Score is not null)
            .OrderByDescending(Key).ThenByDescending(s => s.TieBreakMean ?? 0).ThenByDescending(s => s.Median)
            .ToList();
        var result = new List<PitchStanding>(standings.Count);
        for (var i = 0; i < scored.Count; i++)
        {
            var s = scored[i];
            var rank = i > 0 && SameKey(scored[i - 1], s) ? result[i - 1].Rank : i + 1;
            var group = scored.Where(o => Key(o) == Key(s)).ToList();
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

    private static decimal? Key(PitchStanding s) => s.MeanZ ?? s.Score;

    private static bool SameKey(PitchStanding a, PitchStanding b) =>
        Key(a) == Key(b) && a.TieBreakMean == b.TieBreakMean && a.Median == b.Median;

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
