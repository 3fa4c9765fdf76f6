namespace Contest.Engine.Leaderboards;

/// <summary>
/// Sort key of one row, best first: the negated score (so ascending order is best first, as in the
/// Redis encoding), then the achievement time, then the id as UTF-8 bytes (Redis compares members bytewise).
/// </summary>
internal readonly record struct RankKey(double NegatedScore, long Ticks, string Id)
{
    public static readonly IComparer<RankKey> Comparer = Comparer<RankKey>.Create(Compare);

    private static int Compare(RankKey a, RankKey b)
    {
        var c = a.NegatedScore.CompareTo(b.NegatedScore);
        if (c != 0) return c;
        c = a.Ticks.CompareTo(b.Ticks);
        return c != 0 ? c : CompareUtf8(a.Id, b.Id);
    }

    /// <summary>
    /// UTF-8 byte order equals code point order; UTF-16 order differs from it only where a surrogate meets
    /// a unit in U+E000..U+FFFF, so those are shifted before comparing.
    /// </summary>
    internal static int CompareUtf8(string a, string b)
    {
        var n = Math.Min(a.Length, b.Length);
        for (var i = 0; i < n; i++)
        {
            if (a[i] == b[i]) continue;
            return CodePointOrder(a[i]).CompareTo(CodePointOrder(b[i]));
        }
        return a.Length.CompareTo(b.Length);
    }

    private static int CodePointOrder(char c) => c >= 0xE000 ? c - 0x800 : char.IsSurrogate(c) ? c + 0x2000 : c;
}
