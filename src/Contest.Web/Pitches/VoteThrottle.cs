using Contest.Engine.Pitches;
using Contest.Web.Hardening;

namespace Contest.Web.Pitches;

/// <summary>Vote attempts per client address per minute on this node (<see cref="AudienceVoteOptions.AttemptsPerAddressPerMinute"/>).</summary>
public sealed class VoteThrottle(AudienceVoteOptions options, TimeProvider time)
{
    private readonly AttemptLimiter _limiter = new(options.AttemptsPerAddressPerMinute, 60, time);

    public int? Spend(string address) => _limiter.Spend(address);
}
