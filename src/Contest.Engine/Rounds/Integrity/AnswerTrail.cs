using Contest.Engine.Questions.Answers;

namespace Contest.Engine.Rounds.Integrity;

/// <summary>
/// The answer history of one question of an attempt, kept in memory with the attempt's shape (<see cref="RoundCache"/>)
/// so the answer save can record when the question was first answered and how often its answer changed without
/// reading the item first (the save stays one update by key). Loaded from the item when the shape is read, so a
/// node restart loses nothing; a participant moving between nodes mid-attempt can at worst under-count revisions.
/// </summary>
public sealed class AnswerTrail(SubmittedAnswer? last = null, DateTimeOffset? first = null, int revisions = 0)
{
    private readonly Lock _lock = new();
    private SubmittedAnswer? _last = last;
    private DateTimeOffset? _first = first;
    private int _revisions = revisions;

    /// <summary>Records a save; returns when the question was first answered and the revisions so far.</summary>
    public (DateTimeOffset First, int Revisions) Record(SubmittedAnswer answer, DateTimeOffset at)
    {
        lock (_lock)
        {
            if (_last is not null && !Same(_last, answer)) _revisions++;
            _last = answer;
            _first ??= at;
            return (_first.Value, _revisions);
        }
    }

    /// <summary>The same answer: the same options in any order, the same ordering, the same text.</summary>
    public static bool Same(SubmittedAnswer a, SubmittedAnswer b) =>
        SameSet(a.Options, b.Options) && SameList(a.Order, b.Order) && string.Equals(a.Text?.Trim(), b.Text?.Trim(), StringComparison.Ordinal);

    private static bool SameSet(IReadOnlyList<int>? a, IReadOnlyList<int>? b) =>
        a is null || b is null ? a is null && b is null : a.Order().SequenceEqual(b.Order());

    private static bool SameList(IReadOnlyList<int>? a, IReadOnlyList<int>? b) =>
        a is null || b is null ? a is null && b is null : a.SequenceEqual(b);
}
