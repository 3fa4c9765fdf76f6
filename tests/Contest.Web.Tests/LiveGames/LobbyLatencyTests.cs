using System.Collections.Concurrent;
using System.Diagnostics;
using Contest.Engine.LiveGames;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit.Abstractions;

namespace Contest.Web.Tests.LiveGames;

public class LobbyLatencyTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_host_sees_each_join_in_the_lobby_with_the_next_200_ms_batch()
    {
        await using var h = await LiveHarness.StartAsync();
        // The process's very first join compiles the join path and the host's roster push (JIT); a game hosted before
        // this one has paid that, as it has on a server that has run for a while.
        var warm = await h.CreateGameAsync();
        var warmHost = await h.ConnectAsync(asHost: true);
        var warmSeen = new TaskCompletionSource();
        warmHost.On<HostProgress>("HostProgress", p => { if (p.Players > 0) warmSeen.TrySetResult(); });
        await warmHost.InvokeAsync<HostState>("HostGame", warm.GameId);
        await (await h.ConnectAsync()).InvokeAsync<JoinResult>("Join", warm.Pin, "Khởi động", null);
        await warmSeen.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var game = await h.CreateGameAsync();
        var host = await h.ConnectAsync(asHost: true);
        var clock = Stopwatch.StartNew();
        var seen = new ConcurrentDictionary<string, TimeSpan>();
        var players = 0;
        host.On<HostProgress>("HostProgress", p =>
        {
            foreach (var j in p.Joined) seen.TryAdd(j.Nickname, clock.Elapsed);
            Volatile.Write(ref players, p.Players);
        });
        await host.InvokeAsync<HostState>("HostGame", game.GameId);

        var lags = new List<TimeSpan>();
        string[] names = ["An", "Bình", "Chi", "Dũng", "Em", "Giang", "Hà", "Khánh"];
        for (var i = 0; i < names.Length; i++)
        {
            var conn = await h.ConnectAsync();
            // Spread the joins over the batching period, so a join that just misses a flush is measured too.
            await Task.Delay(37 * i);
            var started = clock.Elapsed;
            await conn.InvokeAsync<JoinResult>("Join", game.Pin, names[i], null);
            var until = DateTime.UtcNow.AddSeconds(10);
            while (!seen.ContainsKey(names[i]) && DateTime.UtcNow < until) await Task.Delay(2);
            Assert.True(seen.TryGetValue(names[i], out var at), $"{names[i]} never reached the host");
            lags.Add(at - started);
        }
        output.WriteLine("join → host roster: " + string.Join(", ", lags.Select(l => $"{l.TotalMilliseconds:0} ms")));
        // The promise (docs/live-protocol.md): a join shows at once after a quiet 200 ms, else with the next 200 ms batch.
        // A join left for a later event would miss both bounds by far; the per-join bound leaves room for a collection
        // or a busy CI machine, the median holds the promise (the figure itself is a measurement, not a test).
        Assert.All(lags, l => Assert.True(l < TimeSpan.FromSeconds(1), $"{l.TotalMilliseconds:0} ms"));
        var median = lags.Order().ElementAt(lags.Count / 2);
        Assert.True(median < TimeSpan.FromMilliseconds(300), $"median {median.TotalMilliseconds:0} ms");
        Assert.Equal(names.Length, Volatile.Read(ref players));
    }
}
