using Contest.Engine.Units;

namespace Contest.Engine.Rounds;

/// <summary>A prize won: by a participant, or (collective prizes) by a unit.</summary>
public sealed record AwardedPrize(int RuleId, PrizeKind Kind, string Name, int Place, int? ParticipantId, int? UnitId, int? ParticipantCount);

/// <summary>Turns a final ranking and a prize table into prizes. Ties on a prize's last place share it.</summary>
public static class PrizeTable
{
    /// <param name="unitOf">The unit a participant counts for at a tree level (null level: their own unit); null when none.</param>
    public static IReadOnlyList<AwardedPrize> Award(RankingResult ranking, IEnumerable<PrizeRule> rules, Func<int, UnitLevel?, int?> unitOf)
    {
        var prizes = new List<AwardedPrize>();
        foreach (var rule in rules.OrderBy(r => r.SortOrder).ThenBy(r => r.Id))
        {
            if (rule.Count <= 0) continue;
            switch (rule.Kind)
            {
                case PrizeKind.TopOverall:
                    prizes.AddRange(ranking.Entries.Where(e => e.Rank <= rule.Count)
                        .Select(e => new AwardedPrize(rule.Id, rule.Kind, rule.Name, e.Rank, e.ParticipantId, null, null)));
                    break;
                case PrizeKind.ClosestPrediction:
                    prizes.AddRange(ClosestPrediction(ranking, rule));
                    break;
                case PrizeKind.UnitMostParticipants:
                    prizes.AddRange(UnitsWithMostParticipants(ranking, rule, unitOf));
                    break;
            }
        }
        return prizes;
    }

    /// <summary>Closest prediction first; equal errors are separated by the overall ranking, so the place is shared only by a full tie.</summary>
    private static IEnumerable<AwardedPrize> ClosestPrediction(RankingResult ranking, PrizeRule rule)
    {
        var ordered = ranking.Entries.Where(e => e.PredictionError is not null)
            .OrderBy(e => e.PredictionError).ThenBy(e => e.Rank).ThenBy(e => e.ParticipantId).ToList();
        var place = 0;
        for (var i = 0; i < ordered.Count; i++)
        {
            var e = ordered[i];
            if (i == 0 || ordered[i - 1].PredictionError != e.PredictionError || ordered[i - 1].Rank != e.Rank) place = i + 1;
            if (place > rule.Count) yield break;
            yield return new AwardedPrize(rule.Id, rule.Kind, rule.Name, place, e.ParticipantId, null, null);
        }
    }

    /// <summary>More participants first, then more correct answers in total; equal on both shares the place.</summary>
    private static IEnumerable<AwardedPrize> UnitsWithMostParticipants(RankingResult ranking, PrizeRule rule, Func<int, UnitLevel?, int?> unitOf)
    {
        var units = ranking.Entries
            .Select(e => (Unit: unitOf(e.ParticipantId, rule.UnitLevel), e.Correct))
            .Where(x => x.Unit is not null)
            .GroupBy(x => x.Unit!.Value)
            .Select(g => (Unit: g.Key, Count: g.Count(), Correct: g.Sum(x => x.Correct)))
            .OrderByDescending(u => u.Count).ThenByDescending(u => u.Correct).ThenBy(u => u.Unit)
            .ToList();
        var place = 0;
        for (var i = 0; i < units.Count; i++)
        {
            var u = units[i];
            if (i == 0 || units[i - 1].Count != u.Count || units[i - 1].Correct != u.Correct) place = i + 1;
            if (place > rule.Count) yield break;
            yield return new AwardedPrize(rule.Id, rule.Kind, rule.Name, place, null, u.Unit, u.Count);
        }
    }
}
