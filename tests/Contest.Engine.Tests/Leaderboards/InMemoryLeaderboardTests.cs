using Contest.Engine.Leaderboards;

namespace Contest.Engine.Tests.Leaderboards;

public sealed class InMemoryLeaderboardTests : LeaderboardContract
{
    protected override ILeaderboard Board { get; } = new InMemoryLeaderboard();
}
