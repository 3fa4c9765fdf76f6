namespace Contest.Engine.Leaderboards;

/// <summary>How units (chi đoàn, huyện đoàn) are compared: by their members' total, or by the average per member.</summary>
public enum UnitRanking
{
    Total,
    /// <summary>Total divided by the members on the board (a member who joined with 0 points counts), so big units have no edge.</summary>
    Average,
}

/// <summary>
/// One unit's standing. Ties (equal total, or equal average) go to the unit that reached its value
/// first, then to the smaller unit id, like members.
/// </summary>
public sealed record UnitLeaderboardEntry(string Unit, long Total, int Members, double Average, long Rank);
