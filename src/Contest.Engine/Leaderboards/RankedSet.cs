namespace Contest.Engine.Leaderboards;

/// <summary>
/// A sorted set that also answers "what is the rank of x" and "the items from rank i to j" in
/// O(log n) expected time: a treap whose nodes know their subtree size. SortedSet&lt;T&gt; cannot count
/// the items before an element without walking them. Not thread-safe; the owner locks.
/// </summary>
internal sealed class RankedSet<T>(IComparer<T> comparer)
{
    private sealed class Node(T value, int priority)
    {
        public readonly T Value = value;
        public readonly int Priority = priority;
        public int Size = 1;
        public Node? Left, Right;
    }

    // The tree's shape depends on these priorities, never its order; a fixed seed makes timings repeatable.
    private readonly Random _random = new(20260325);
    private Node? _root;

    public int Count => Size(_root);

    public void Add(T value) => _root = Insert(_root, new Node(value, _random.Next()));

    public void Remove(T value) => _root = Delete(_root, value);

    /// <summary>0-based position of <paramref name="value"/>, or -1.</summary>
    public int IndexOf(T value)
    {
        var index = 0;
        for (var n = _root; n is not null;)
        {
            var c = comparer.Compare(value, n.Value);
            if (c == 0) return index + Size(n.Left);
            if (c < 0) n = n.Left;
            else { index += Size(n.Left) + 1; n = n.Right; }
        }
        return -1;
    }

    /// <summary>Items at positions <paramref name="from"/>..<paramref name="to"/> inclusive, in order.</summary>
    public List<T> Range(int from, int to)
    {
        var items = new List<T>(Math.Max(0, Math.Min(to, Count - 1) - from + 1));
        if (from <= to) Collect(_root, 0, from, to, items);
        return items;
    }

    private void Collect(Node? n, int offset, int from, int to, List<T> into)
    {
        if (n is null) return;
        var index = offset + Size(n.Left);
        if (from < index) Collect(n.Left, offset, from, to, into);
        if (index >= from && index <= to) into.Add(n.Value);
        if (to > index) Collect(n.Right, index + 1, from, to, into);
    }

    private static int Size(Node? n) => n?.Size ?? 0;

    private static void Resize(Node n) => n.Size = 1 + Size(n.Left) + Size(n.Right);

    private Node Insert(Node? n, Node x)
    {
        if (n is null) return x;
        if (x.Priority > n.Priority)
        {
            (x.Left, x.Right) = Split(n, x.Value);
            Resize(x);
            return x;
        }
        if (comparer.Compare(x.Value, n.Value) < 0) n.Left = Insert(n.Left, x);
        else n.Right = Insert(n.Right, x);
        Resize(n);
        return n;
    }

    private Node? Delete(Node? n, T value)
    {
        if (n is null) return null;
        var c = comparer.Compare(value, n.Value);
        if (c == 0) return Merge(n.Left, n.Right);
        if (c < 0) n.Left = Delete(n.Left, value);
        else n.Right = Delete(n.Right, value);
        Resize(n);
        return n;
    }

    /// <summary>Splits into the items before <paramref name="value"/> and the rest.</summary>
    private (Node?, Node?) Split(Node? n, T value)
    {
        if (n is null) return (null, null);
        if (comparer.Compare(n.Value, value) < 0)
        {
            (n.Right, var right) = Split(n.Right, value);
            Resize(n);
            return (n, right);
        }
        (var left, n.Left) = Split(n.Left, value);
        Resize(n);
        return (left, n);
    }

    private static Node? Merge(Node? a, Node? b)
    {
        if (a is null) return b;
        if (b is null) return a;
        if (a.Priority > b.Priority)
        {
            a.Right = Merge(a.Right, b);
            Resize(a);
            return a;
        }
        b.Left = Merge(a, b.Left);
        Resize(b);
        return b;
    }
}
