namespace Contest.Engine.Pitches;

/// <param name="Gap">The judge's average difference from the other judges' mean on the same teams (0–100 points); null without a team scored by 2+ others.</param>
/// <param name="Reference">How far the other judges typically sit from their own mean on those teams (population SD, at least <see cref="PanelCheck.MinReference"/>).</param>
/// <param name="FarOff">|Gap| &gt; <see cref="PanelCheck.Factor"/> × Reference: worth a look, not a verdict.</param>
public sealed record JudgeSpread(string JudgeId, int Teams, decimal? Mean, decimal? Spread, decimal? Gap, decimal? Reference, bool FarOff);

public sealed record PanelSpread(int Totals, decimal? Mean, decimal? Spread, IReadOnlyList<JudgeSpread> Judges);

/// <summary>
/// Each judge beside the rest of the panel, on the judges' totals (0–100) of complete, non-recused sheets. A judge's
/// gap compares them with the other judges on the same teams only, so a judge recused from a strong team, or who has
/// scored fewer teams so far, is not pushed off by which teams they scored. The rule: a judge is marked when their
/// average gap is more than 1.5 times the other judges' own typical spread around their mean on those teams (never
/// less than 2 points, so a panel in near-perfect agreement does not mark a one-point difference). Teams count only
/// when at least two other judges scored them.
/// </summary>
public static class PanelCheck
{
    public const decimal Factor = 1.5m;
    public const decimal MinReference = 2m;
    private const int Decimals = 2;

    public static PanelSpread Compute(IReadOnlyList<(string JudgeId, int TeamId, decimal Total)> totals)
    {
        var byTeam = totals.GroupBy(t => t.TeamId).ToDictionary(g => g.Key, g => g.ToList());
        var judges = totals.Select(t => t.JudgeId).Distinct().Order(StringComparer.Ordinal).Select(judge =>
        {
            var mine = totals.Where(t => t.JudgeId == judge).ToList();
            var gaps = new List<decimal>();
            var othersDeviations = new List<decimal>();
            foreach (var t in mine)
            {
                var others = byTeam[t.TeamId].Where(o => o.JudgeId != judge).Select(o => o.Total).ToList();
                if (others.Count < 2) continue;
                var othersMean = others.Average();
                gaps.Add(t.Total - othersMean);
                othersDeviations.AddRange(others.Select(o => o - othersMean));
            }
            decimal? gap = gaps.Count > 0 ? gaps.Average() : null;
            decimal? reference = othersDeviations.Count > 0 ? Math.Max(MinReference, Rms(othersDeviations)) : null;
            return new JudgeSpread(judge, mine.Count, Round(mine.Count > 0 ? mine.Average(t => t.Total) : null), Round(Sd(mine.Select(t => t.Total).ToList())),
                Round(gap), Round(reference), gap is { } g && reference is { } r && Math.Abs(g) > Factor * r);
        }).ToList();
        return new PanelSpread(totals.Count, Round(totals.Count > 0 ? totals.Average(t => t.Total) : null), Round(Sd(totals.Select(t => t.Total).ToList())), judges);
    }

    private static decimal? Round(decimal? v) => v is { } x ? Math.Round(x, Decimals) : null;

    // Population SD: the panel's own totals are the whole population.
    private static decimal? Sd(List<decimal> values)
    {
        if (values.Count == 0) return null;
        var mean = values.Average();
        return Rms(values.Select(v => v - mean).ToList());
    }

    private static decimal Rms(IReadOnlyCollection<decimal> deviations) =>
        (decimal)Math.Sqrt(deviations.Sum(d => (double)(d * d)) / deviations.Count);
}
