using System.Collections.Concurrent;

namespace Contest.Web.Hardening;

/// <summary>
/// Counts attempts per key in a fixed window: <see cref="Check"/> asks whether the key may still try without spending
/// anything (so only failures need counting), <see cref="Spend"/> records one. Own small limiter rather than
/// System.Threading.RateLimiting because the refusal must name the exact seconds left in the window, and the
/// framework's fixed-window lease reports a whole window.
/// </summary>
public sealed class AttemptLimiter(int permits, int windowSeconds, TimeProvider time)
{
    private readonly TimeSpan _window = TimeSpan.FromSeconds(Math.Max(1, windowSeconds));
    private readonly ConcurrentDictionary<string, Counter> _counters = new();
    private long _nextSweep;

    public bool Enabled => permits > 0;

    /// <summary>Null when the key may try; otherwise the whole seconds until it may.</summary>
    public int? Check(string key) => Take(key, 0);

    /// <summary>Spends one attempt; null when there was one left, otherwise the whole seconds to wait.</summary>
    public int? Spend(string key) => Take(key, 1);

    /// <summary>Spends one attempt only if <paramref name="reserve"/> more would still be left afterwards (kept for a
    /// follow-up that must not be refused); otherwise spends nothing and returns the seconds to wait.</summary>
    public int? SpendKeeping(string key, int reserve) => Take(key, 1, reserve);

    private int? Take(string key, int count, int reserve = 0)
    {
        if (!Enabled) return null;
        var now = time.GetUtcNow();
        Sweep(now);
        var c = _counters.GetOrAdd(key, _ => new Counter());
        lock (c)
        {
            if (now - c.Start >= _window) (c.Start, c.Used) = (now, 0);
            if (c.Used + Math.Max(count, 1) + reserve > permits)
                return Math.Max(1, (int)Math.Ceiling((c.Start + _window - now).TotalSeconds));
            c.Used += count;
            return null;
        }
    }

    /// <summary>Random keys (addresses, connection ids) must not pile up: once a window, drop counters whose window ended.</summary>
    private void Sweep(DateTimeOffset now)
    {
        var due = Interlocked.Read(ref _nextSweep);
        if (now.UtcTicks < due || Interlocked.CompareExchange(ref _nextSweep, now.UtcTicks + _window.Ticks, due) != due) return;
        foreach (var (key, c) in _counters)
        {
            if (now - c.Start >= _window) _counters.TryRemove(new KeyValuePair<string, Counter>(key, c));
        }
    }

    private sealed class Counter
    {
        public DateTimeOffset Start = DateTimeOffset.MinValue;
        public int Used;
    }
}
