using Contest.Engine.Rounds;
using Contest.Engine.Units;

namespace Contest.Engine.Demo;

/// <summary>
/// The province's usual prize table for a weekly round: 1 giải Nhất, 2 giải Nhì, 3 giải Ba, 5 giải Khuyến khích,
/// one prize for the closest prediction, and collective prizes for the district Union with the most participants
/// and the one with the highest participation rate. A new round starts from it.
/// </summary>
public static class DemoPrizes
{
    /// <summary>(key, Vietnamese name, kind, places, unit level); the key names the row in the form's strings.</summary>
    public static readonly IReadOnlyList<(string Key, string Name, PrizeKind Kind, int Count, UnitLevel? Level)> Usual =
    [
        ("First", "Giải Nhất", PrizeKind.RankTier, 1, null),
        ("Second", "Giải Nhì", PrizeKind.RankTier, 2, null),
        ("Third", "Giải Ba", PrizeKind.RankTier, 3, null),
        ("Consolation", "Giải Khuyến khích", PrizeKind.RankTier, 5, null),
        ("Prediction", "Giải dự đoán chính xác nhất", PrizeKind.ClosestPrediction, 1, null),
        ("UnitParticipants", "Giải tập thể: đơn vị có nhiều người dự thi nhất", PrizeKind.UnitMostParticipants, 1, UnitLevel.District),
        ("UnitRate", "Giải tập thể: đơn vị có tỷ lệ tham gia cao nhất", PrizeKind.UnitParticipationRate, 1, UnitLevel.District),
    ];

    /// <summary>The usual table as rows of a round, names as given (Vietnamese unless <paramref name="name"/> translates a key).</summary>
    public static List<PrizeRule> UsualTable(Func<string, string>? name = null) =>
        [.. Usual.Select((p, i) => new PrizeRule { Kind = p.Kind, Name = name?.Invoke(p.Key) ?? p.Name, Count = p.Count, UnitLevel = p.Level, SortOrder = i + 1 })];
}
