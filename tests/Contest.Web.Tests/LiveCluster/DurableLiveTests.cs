using System.Collections.Concurrent;
using Contest.Engine.LiveGames;
using Contest.Engine.Storage;
using Contest.Testing;
using Contest.Web.LiveCluster;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;

namespace Contest.Web.Tests.LiveCluster;

/// <summary>What must hold across nodes and across Redis losing its data: removed players stay out, a PIN names one open game.</summary>
public class DurableLiveTests
{
    [Fact]
    public async Task A_kicked_player_stays_out_after_a_takeover_and_after_Redis_is_emptied()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Postgres);
        await using var mux = await ConnectionMultiplexer.ConnectAsync(TestServers.Redis);
        var prefix = $"test-{Guid.NewGuid():N}:";
        var keys = new LiveKeys(prefix);
        var redis = mux.GetDatabase();
        try
        {
            var question = await ClusterNode.SeedQuestionAsync(db);
            var a = new ClusterNode("a", db, mux, prefix);
            var game = await a.CreateGameAsync(question);
            var (_, an, anJoin) = await a.Games.JoinAsync(game.Pin, "An", null, "c-an");
            var (_, binh, binhJoin) = await a.Games.JoinAsync(game.Pin, "Bình", null, "c-binh");
            await a.Games.KickAsync(game.Id, binh.Id);

            // Stored when it happened, not only at the podium: in PostgreSQL and in Redis's live state.
            await using (var ctx = db.NewContext())
                Assert.True((await ctx.Set<LivePlayerRecord>().SingleAsync(r => r.Id == binh.Id)).Kicked);
            Assert.True(await redis.SetContainsAsync(keys.Kicked(game.Id), binh.Id.ToString("N")));

            // Node a dies (kill -9: nothing more from it) and its lease runs out; node b takes the game over.
            await a.DisposeAsync();
            await redis.KeyDeleteAsync(keys.Lease(game.Id));
            await using var b = new ClusterNode("b", db, mux, prefix);
            Assert.True(await b.Cluster.AdoptAsync(game.Id, "a"));
            await AssertBinhStaysOutAsync(b, game.Pin, binhJoin.ResumeToken);
            Assert.Equal(an.Id, (await b.Games.ResumeAsync(game.Pin, anJoin.ResumeToken, "c-an2")).Player.Id);

            // Redis emptied: the rebuild puts the removal back into the live state, and b still refuses Bình.
            await ClusterNode.DeleteKeysAsync(mux, prefix);
            var (games, _) = await b.Cluster.RebuildAsync();
            Assert.Equal(1, games);
            Assert.True(await redis.SetContainsAsync(keys.Kicked(game.Id), binh.Id.ToString("N")));
            await AssertBinhStaysOutAsync(b, game.Pin, binhJoin.ResumeToken);

            // Both gone at once: b dies and Redis is emptied again. Node c has only PostgreSQL to go on.
            await b.DisposeAsync();
            await ClusterNode.DeleteKeysAsync(mux, prefix);
            await using var c = new ClusterNode("c", db, mux, prefix);
            Assert.True(await c.Cluster.AdoptAsync(game.Id, "b"));
            await AssertBinhStaysOutAsync(c, game.Pin, binhJoin.ResumeToken);
            // An, plus Chi who joined on b: Bình is not counted.
            Assert.Equal(["An", "Chi"], (await c.Games.FindAsync(game.Id)).Players.Select(p => p.Nickname).Order().ToArray());
        }
        finally
        {
            await ClusterNode.DeleteKeysAsync(mux, prefix);
        }
    }

    private static async Task AssertBinhStaysOutAsync(ClusterNode node, string pin, string binhToken)
    {
        Assert.Equal("kicked", (await Assert.ThrowsAsync<LiveGameException>(() => node.Games.ResumeAsync(pin, binhToken, "c-binh2"))).Code);
        // The same nickname, spelt with or without its diacritics or in capitals, is still the removed player's.
        foreach (var nickname in new[] { "Bình", "binh", "BÌNH" })
            Assert.Equal("kicked", (await Assert.ThrowsAsync<LiveGameException>(() => node.Games.JoinAsync(pin, nickname, null, "c-x"))).Code);
        var game = (await node.Games.Store.FindByPinAsync(pin))!;
        if (game.Players.All(p => p.Nickname != "Chi")) await node.Games.JoinAsync(pin, "Chi", null, "c-chi");
    }

    [Fact]
    public async Task Two_nodes_never_hand_out_one_PIN_to_two_open_games()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Postgres);
        await using var mux = await ConnectionMultiplexer.ConnectAsync(TestServers.Redis);
        var prefix = $"test-{Guid.NewGuid():N}:";
        var keys = new LiveKeys(prefix);
        var redis = mux.GetDatabase();
        // Each node draws its PINs from a list, so that both want the same ones.
        var drawsA = new ConcurrentQueue<string>(["123456", "777777", "333333"]);
        var drawsB = new ConcurrentQueue<string>(["123456", "654321", "123456", "222222", "123456", "777777", "444444"]);
        LiveOptions Draws(ConcurrentQueue<string> q) => new() { SealGrace = TimeSpan.Zero, NextPin = () => q.TryDequeue(out var pin) ? pin : throw new InvalidOperationException("out of PINs") };
        try
        {
            var question = await ClusterNode.SeedQuestionAsync(db);
            await using var a = new ClusterNode("a", db, mux, prefix, Draws(drawsA));
            await using var b = new ClusterNode("b", db, mux, prefix, Draws(drawsB));

            var gameA = await a.CreateGameAsync(question);
            Assert.Equal("123456", gameA.Pin);
            // b's first draw, 123456, is free on b but held by a's open game: b draws again.
            var gameB = await b.CreateGameAsync(question);
            Assert.Equal("654321", gameB.Pin);
            Assert.Equal(gameA.Id.ToString("N"), (string?)await redis.StringGetAsync(keys.Pin("123456")));

            // Redis loses every PIN: PostgreSQL still knows 123456 is a's open game, so b's next 123456 is refused too
            // (and not left reserved), and b gets 222222.
            await ClusterNode.DeleteKeysAsync(mux, prefix);
            var gameB2 = await b.CreateGameAsync(question);
            Assert.Equal("222222", gameB2.Pin);
            Assert.False(await redis.KeyExistsAsync(keys.Pin("123456")));

            // a puts its game back (as its lease keeping does after a flush), then ends it: the PIN is free again.
            await a.Sync.ShareAsync(gameA);
            Assert.Equal(gameA.Id.ToString("N"), (string?)await redis.StringGetAsync(keys.Pin("123456")));
            await a.Games.EndAsync(gameA.Id);
            Assert.False(await redis.KeyExistsAsync(keys.Pin("123456")));
            var gameB3 = await b.CreateGameAsync(question);
            Assert.Equal("123456", gameB3.Pin);

            // Both nodes draw 777777 at the same moment: one gets it, the other takes its next draw.
            var raced = await Task.WhenAll(a.CreateGameAsync(question), b.CreateGameAsync(question));
            Assert.Single(raced, g => g.Pin == "777777");
            Assert.Single(raced, g => g.Pin is "333333" or "444444");
            var winner = raced.Single(g => g.Pin == "777777");
            Assert.Equal(winner.Id.ToString("N"), (string?)await redis.StringGetAsync(keys.Pin("777777")));
        }
        finally
        {
            await ClusterNode.DeleteKeysAsync(mux, prefix);
        }
    }
}
