using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Contest.Web.Hardening;

/// <summary>
/// The node's abuse limits (issue 18): wrong PINs and joins per client address and per hub connection, failed log-ins
/// per client address, and a growing wait per user name instead of a lock anyone could trigger. Per node, in memory:
/// behind the sticky proxy a client mostly meets one node, and a restart forgiving everyone is harmless.
/// </summary>
public sealed class Throttles(IOptions<ThrottleOptions> options, TimeProvider time)
{
    private readonly ThrottleOptions _o = options.Value;
    private readonly ConcurrentDictionary<string, AccountFailures> _accounts = new(StringComparer.Ordinal);

    public AttemptLimiter PinPerAddress { get; } = new(options.Value.PinFailuresPerAddress, options.Value.PinWindowSeconds, time);
    public AttemptLimiter PinPerConnection { get; } = new(options.Value.PinFailuresPerConnection, options.Value.PinWindowSeconds, time);
    public AttemptLimiter JoinPerConnection { get; } = new(options.Value.JoinsPerConnection, options.Value.PinWindowSeconds, time);
    public AttemptLimiter JoinPerAddress { get; } = new(options.Value.JoinsPerAddress, options.Value.PinWindowSeconds, time);
    public AttemptLimiter LoginPerAddress { get; } = new(options.Value.LoginFailuresPerAddress, options.Value.LoginWindowSeconds, time);
    public AttemptLimiter SignupTakenPerAddress { get; } = new(options.Value.SignupTakenPerAddress, options.Value.SignupWindowSeconds, time);

    /// <summary>Per participant: a "hidden" report needs two permits left and spends one, so the "visible" report that
    /// ends the spell it opened always has one and the hidden time is never stretched by a refusal.</summary>
    public AttemptLimiter VisibilityPerParticipant { get; } = new(options.Value.VisibilityReportsPerMinute, 60, time);

    /// <summary>Seconds this user name must still wait before its next attempt, or null. Keyed by the name as typed, so a
    /// name that has no account behaves exactly like one that has.</summary>
    public int? AccountWait(string userName)
    {
        if (!_accounts.TryGetValue(Key(userName), out var f)) return null;
        lock (f)
        {
            var left = f.NotBefore - time.GetUtcNow();
            return left > TimeSpan.Zero ? Math.Max(1, (int)Math.Ceiling(left.TotalSeconds)) : null;
        }
    }

    public void AccountFailed(string userName)
    {
        var now = time.GetUtcNow();
        if (_accounts.Count > 10_000) Forget(now);
        var f = _accounts.GetOrAdd(Key(userName), _ => new AccountFailures());
        lock (f)
        {
            // A quarter of an hour without failures forgives the earlier ones.
            if (now - f.LastFailure > TimeSpan.FromMinutes(15)) f.Count = 0;
            f.Count++;
            f.LastFailure = now;
            var over = f.Count - _o.AccountFreeFailures;
            if (over > 0) f.NotBefore = now + TimeSpan.FromSeconds(Math.Min(_o.AccountMaxDelaySeconds, Math.Pow(2, Math.Min(over - 1, 20))));
        }
    }

    public void AccountSucceeded(string userName) => _accounts.TryRemove(Key(userName), out _);

    /// <summary>Many random names must not fill memory: forget names quiet for longer than the longest wait.</summary>
    private void Forget(DateTimeOffset now)
    {
        foreach (var (key, f) in _accounts)
        {
            if (now - f.LastFailure > TimeSpan.FromSeconds(Math.Max(_o.AccountMaxDelaySeconds, 60) * 2)) _accounts.TryRemove(key, out _);
        }
    }

    private static string Key(string userName) => userName.Trim().ToUpperInvariant();

    private sealed class AccountFailures
    {
        public int Count;
        public DateTimeOffset LastFailure;
        public DateTimeOffset NotBefore;
    }
}
