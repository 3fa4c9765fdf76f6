using System.Globalization;

namespace Contest.Bench.Leaderboard;

internal sealed record BenchOptions(string? Redis, int Ops, int Members, int Clients)
{
    public static BenchOptions Parse(string[] args)
    {
        string? redis = Environment.GetEnvironmentVariable("CONTEST_TEST_REDIS") is { Length: > 0 } env ? env : null;
        int ops = 200_000, members = 10_000, clients = 50;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            switch (args[i])
            {
                case "--redis": redis = value; break;
                case "--ops": ops = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--members": members = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--clients": clients = int.Parse(value, CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException($"Unknown option {args[i]}; known: --redis --ops --members --clients");
            }
        }
        return new BenchOptions(redis, ops, members, clients);
    }
}
