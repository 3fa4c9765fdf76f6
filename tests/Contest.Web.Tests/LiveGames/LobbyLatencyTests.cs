using System.Collections.Concurrent;
using System.Diagnostics;
using Contest.Engine.LiveGames;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit.Abstractions;

namespace Contest.Web.Tests.LiveGames;

public class LobbyLatencyTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_host_sees_each_join_in_the_lobby_within_300_ms()
    {
        await using var h = await LiveHarness.StartAsync();
        // The process's very first join compiles the join path (JIT); a game played before this one has paid that.
        var warm = await h.CreateGameAsync();
        await (await h.ConnectAsync()).InvokeAsync<JoinResult>("Join", warm.Pin, "Khởi động", null);
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
        Assert.All(lags, l => Assert.True(l < TimeSpan.FromMilliseconds(300), $"{l.TotalMilliseconds:0} ms"));
        Assert.Equal(names.Length, Volatile.Read(ref players));
    }
}
