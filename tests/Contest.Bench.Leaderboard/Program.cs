using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Contest.Bench.Leaderboard;
using Contest.Engine.Leaderboards;
using StackExchange.Redis;

// Leaderboard throughput (updates/s) of both implementations, beside redis-benchmark's ZINCRBY on the
// same machine and Redis. Usage:
//   dotnet run -c Release --project tests/Contest.Bench.Leaderboard [-- --redis 127.0.0.1:6379] [--ops 200000]
// Without --redis (or CONTEST_TEST_REDIS) it starts its own redis-server on a free loopback port.
var options = BenchOptions.Parse(args);
await using var server = options.Redis is null ? await LocalRedis.StartAsync() : null;
var endpoint = options.Redis ?? server!.Endpoint;
var (host, port) = SplitEndpoint(endpoint);
using var mux = await ConnectionMultiplexer.ConnectAsync(endpoint);
Console.WriteLine($"Redis {endpoint}, {Environment.ProcessorCount} cores, {options.Ops:N0} updates per Redis run, {options.Members:N0} members, {options.Clients} concurrent callers.");

var rows = new List<(string What, double PerSecond)>();

var zincrby = RedisBenchmark(host, port, options.Ops, pipeline: 1);
var zincrby16 = RedisBenchmark(host, port, options.Ops, pipeline: 16);
rows.Add(("redis-benchmark ZINCRBY (50 clients)", zincrby));
rows.Add(("redis-benchmark ZINCRBY (50 clients, -P 16)", zincrby16));

var prefix = $"bench:{Guid.NewGuid():N}:";
rows.Add(("RedisLeaderboard.SetAsync", await MeasureAsync(new RedisLeaderboard(mux, prefix), options, options.Ops, options.Clients)));
foreach (var key in mux.GetServer(endpoint).Keys(pattern: prefix + "*").ToList()) await mux.GetDatabase().KeyDeleteAsync(key);

var memoryOps = options.Ops * 10;
rows.Add(("InMemoryLeaderboard.SetAsync, 1 thread", await MeasureAsync(new InMemoryLeaderboard(), options, memoryOps, 1)));
rows.Add(($"InMemoryLeaderboard.SetAsync, {Environment.ProcessorCount} threads", await MeasureAsync(new InMemoryLeaderboard(), options, memoryOps, Environment.ProcessorCount)));

Console.WriteLine();
Console.WriteLine("| what | updates/s | ratio to ZINCRBY | ratio to ZINCRBY -P 16 |");
Console.WriteLine("|---|---|---|---|");
foreach (var (what, perSecond) in rows)
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {what} | {perSecond:N0} | {perSecond / zincrby:0.00} | {perSecond / zincrby16:0.00} |"));
return 0;

static async Task<double> MeasureAsync(ILeaderboard board, BenchOptions options, int ops, int callers)
{
    var name = $"b{Guid.NewGuid():N}";
    var t0 = new DateTimeOffset(2026, 3, 26, 8, 0, 0, TimeSpan.Zero);
    // Warm-up (JIT, script cache, connection) on another board.
    await RunAsync(board, $"{name}-warm", options, Math.Min(ops, 10_000), callers, t0);
    var clock = Stopwatch.StartNew();
    await RunAsync(board, name, options, ops, callers, t0);
    var rate = ops / clock.Elapsed.TotalSeconds;
    var top = (await board.TopAsync(name, 1)).Single();
    if (top.Score <= 0) throw new InvalidOperationException("The board did not fill.");
    return rate;
}

static Task RunAsync(ILeaderboard board, string name, BenchOptions options, int ops, int callers, DateTimeOffset t0)
{
    var next = -1;
    return Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
    {
        int i;
        while ((i = Interlocked.Increment(ref next)) < ops)
        {
            // Like a quiz: member i % members is set to its running score (1..1000 points per question), a millisecond apart.
            var m = i % options.Members;
            var score = (long)(i / options.Members + 1) * (1 + (i * 7919 % 1000));
            await board.SetAsync(name, $"p{m}", score, t0.AddMilliseconds(i));
        }
    })));
}

static double RedisBenchmark(string host, int port, int ops, int pipeline)
{
    var info = new ProcessStartInfo("redis-benchmark") { RedirectStandardOutput = true, RedirectStandardError = true };
    foreach (var a in new[] { "-h", host, "-p", port.ToString(CultureInfo.InvariantCulture), "-n", ops.ToString(CultureInfo.InvariantCulture),
                 "-r", "10000", "-P", pipeline.ToString(CultureInfo.InvariantCulture), "-q", "ZINCRBY", "bench:zincrby", "1", "m:__rand_int__" })
        info.ArgumentList.Add(a);
    using var p = Process.Start(info)!;
    var output = p.StandardOutput.ReadToEnd();
    p.WaitForExit();
    // -q prints e.g. "ZINCRBY bench:zincrby 1 m:__rand_int__: 86505.19 requests per second, p50=0.287 msec"
    var m = Regex.Match(output.Split('\r', '\n').Last(l => l.Contains("requests per second")), @"([\d.]+) requests per second");
    if (!m.Success) throw new InvalidOperationException("Unexpected redis-benchmark output: " + output);
    return double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
}

static (string Host, int Port) SplitEndpoint(string endpoint)
{
    var colon = endpoint.LastIndexOf(':');
    return colon < 0 ? (endpoint, 6379) : (endpoint[..colon], int.Parse(endpoint[(colon + 1)..].Split(',')[0], CultureInfo.InvariantCulture));
}
