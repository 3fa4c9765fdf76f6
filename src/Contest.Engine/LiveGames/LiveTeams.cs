namespace Contest.Engine.LiveGames;

/// <summary>A player as their unit's standing needs them: from a game in memory or from the stored rows alike.</summary>
public readonly record struct TeamMember(int UnitId, string? UnitName, long Score, long AnswerMs, int Answers);

/// <summary>The team ranking of a live game (docs/live-protocol.md, "Team ranks").</summary>
public static class LiveTeams
{
    /// <summary>
    /// Unit standings: total or rounded average of the members' scores. Equal scores are ranked by the smaller mean
    /// answer time of the team: every answer its members gave (right or wrong) weighs the same, a question a member let
    /// pass does not count, and a team without any answer comes after those with one. Teams equal on both share a rank
    /// (1, 1, 3); among them the list is in name order, which decides nothing.
    /// </summary>
    public static IReadOnlyList<TeamStanding> Rank(TeamMode mode, IEnumerable<TeamMember> members)
    {
        if (mode == TeamMode.None) return [];
        var rows = members.GroupBy(m => m.UnitId)
            .Select(g =>
            {
                var total = g.Sum(m => m.Score);
                var score = mode == TeamMode.Total ? total : (long)Math.Round((double)total / g.Count(), MidpointRounding.AwayFromZero);
                return new Row(g.Key, g.Select(m => m.UnitName).FirstOrDefault(n => n is not null) ?? $"#{g.Key}", score, g.Count(),
                    g.Sum(m => m.AnswerMs), g.Sum(m => m.Answers));
            })
            .ToList();
        rows.Sort((a, b) => Row.Compare(a, b) is var c && c != 0 ? c : string.CompareOrdinal(a.Name, b.Name));
        var standings = new List<TeamStanding>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            var rank = i > 0 && Row.Compare(rows[i - 1], r) == 0 ? standings[i - 1].Rank : i + 1;
            standings.Add(new TeamStanding(rank, r.Unit, r.Name, r.Score, r.Members, r.Answers == 0 ? null : (double)r.AnswerMs / r.Answers));
        }
        return standings;
    }

    private readonly record struct Row(int Unit, string Name, long Score, int Members, long AnswerMs, int Answers)
    {
        /// <summary>Higher score first, then the smaller mean answer time (compared exactly, without division).</summary>
        public static int Compare(Row a, Row b)
        {
            if (a.Score != b.Score) return b.Score.CompareTo(a.Score);
            if (a.Answers == 0 || b.Answers == 0) return (a.Answers == 0).CompareTo(b.Answers == 0);
            return ((Int128)a.AnswerMs * b.Answers).CompareTo((Int128)b.AnswerMs * a.Answers);
        }
    }
}
