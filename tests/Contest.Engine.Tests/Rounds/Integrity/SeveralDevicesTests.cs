using Contest.Engine.Questions.Answers;
using Contest.Engine.Rounds;
using Contest.Engine.Rounds.Integrity;
using Contest.Engine.Storage;
using Contest.Testing;
using Microsoft.EntityFrameworkCore;

namespace Contest.Engine.Tests.Rounds.Integrity;

/// <summary>
/// Devices and networks recorded when an attempt is resumed or its page loaded, not only at start and submit: one
/// account answered from three phones is flagged (1.0); a phone then a laptop (0.5) is not, alone.
/// </summary>
public class SeveralDevicesTests
{
    [Fact]
    public async Task An_attempt_resumed_from_other_devices_shows_them_with_their_networks()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        var kit = await IntegrityKit.CreateAsync(db);
        var shared = await kit.PersonAsync();
        var moved = await kit.PersonAsync();
        var start = IntegrityKit.T0.AddMinutes(1);

        // Shared account: started on phone 1 at home, resumed on phone 2 on 4G, page loaded on phone 3 at a café; 10 s a question.
        var a = await BeginAsync(kit, shared, start, new ClientOrigin("phone-1", "14.160.1.1"));
        kit.Clock.SetUtcNow(start.AddSeconds(30));
        await using (var ctx = db.NewContext()) Assert.Null((await new RoundAttempts(ctx, kit.Clock).StartAsync(kit.RoundId, shared, new ClientOrigin("phone-2", "27.72.9.9"))).Error);
        await using (var ctx = db.NewContext())
        {
            Assert.True(await AttemptOrigins.RecordAsync(ctx, a, shared, new ClientOrigin("phone-3", "113.161.5.5")));
            // Seen already: nothing new to write.
            Assert.False(await AttemptOrigins.RecordAsync(ctx, a, shared, new ClientOrigin("phone-3", "113.161.5.5")));
            // Another participant's attempt is not theirs to report on.
            Assert.False(await AttemptOrigins.RecordAsync(ctx, a, moved, new ClientOrigin("phone-9", "1.1.1.1")));
        }
        await FinishAsync(kit, shared, a, new ClientOrigin("phone-1", "14.160.1.1"));

        // One person: phone on the bus, then the laptop at home (one network each).
        var later = start.AddMinutes(5);
        var b = await BeginAsync(kit, moved, later, new ClientOrigin("phone-m", "27.72.1.2"));
        kit.Clock.SetUtcNow(later.AddSeconds(20));
        await using (var ctx = db.NewContext()) Assert.True(await AttemptOrigins.RecordAsync(ctx, b, moved, new ClientOrigin("laptop-m", "14.160.7.7")));
        await FinishAsync(kit, moved, b, new ClientOrigin("laptop-m", "14.160.7.7"));

        await using (var ctx = db.NewContext())
        {
            var row = await ctx.Set<RoundAttempt>().AsNoTracking().SingleAsync(x => x.Id == a);
            Assert.Equal(["phone-1", "phone-2", "phone-3"], row.SeenDevices);
            Assert.Equal(["14.160.1.1", "27.72.9.9", "113.161.5.5"], row.SeenNetworks);
            // A finished attempt records nothing more.
            Assert.False(await AttemptOrigins.RecordAsync(ctx, a, shared, new ClientOrigin("phone-4", "9.9.9.9")));
        }

        var evidence = await kit.EvidenceAsync();
        var flag = Assert.Single(evidence[shared].Flags, f => f.Kind == FlagKind.SeveralDevices);
        Assert.Equal(FlagWeights.SeveralDevicesMany, flag.Weight);
        Assert.Equal((3, 3, "113.161.5.5, 14.160.1.1, 27.72.9.9"), (flag.Facts.Count, flag.Facts.OutOf, flag.Facts.Network));
        var two = Assert.Single(evidence[moved].Flags, f => f.Kind == FlagKind.SeveralDevices);
        Assert.Equal((0.5, 2, 2), (two.Weight, two.Facts.Count, two.Facts.OutOf));
        // At the threshold: three devices are flagged alone, a phone then a laptop is not.
        Assert.Equal([shared], (await kit.FlagsAsync()).Select(f => f.ParticipantId));
    }

    [Fact]
    public async Task A_device_seen_on_resume_of_two_accounts_is_a_shared_device_and_the_sets_are_bounded()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        var kit = await IntegrityKit.CreateAsync(db);
        var one = await kit.PersonAsync();
        var two = await kit.PersonAsync();
        var start = IntegrityKit.T0.AddMinutes(1);
        var a = await BeginAsync(kit, one, start, new ClientOrigin("dev-1", "10.0.0.1"));
        var b = await BeginAsync(kit, two, start, new ClientOrigin("dev-2", "10.0.0.2"));
        // The first account's phone opens the second account's attempt (same hands, two accounts).
        await using (var ctx = db.NewContext()) Assert.True(await AttemptOrigins.RecordAsync(ctx, b, two, new ClientOrigin("dev-1", "10.0.0.1")));
        // A script inventing devices cannot grow the row past 8 of each.
        for (var i = 0; i < 20; i++)
        {
            await using var ctx = db.NewContext();
            await AttemptOrigins.RecordAsync(ctx, a, one, new ClientOrigin($"fake-{i}", $"10.9.0.{i}"));
        }
        await FinishAsync(kit, one, a, new ClientOrigin("dev-1", "10.0.0.1"));
        await FinishAsync(kit, two, b, new ClientOrigin("dev-2", "10.0.0.2"));
        await using (var ctx = db.NewContext())
        {
            var row = await ctx.Set<RoundAttempt>().AsNoTracking().SingleAsync(x => x.Id == a);
            Assert.Equal(AttemptOrigins.Max, row.SeenDevices!.Count);
            Assert.Equal(AttemptOrigins.Max, row.SeenNetworks!.Count);
        }
        var evidence = await kit.EvidenceAsync();
        var device = Assert.Single(evidence[two].Flags, f => f.Kind == FlagKind.SharedDevice);
        Assert.Equal([one], device.Facts.OtherParticipantIds);
    }

    private static async Task<long> BeginAsync(IntegrityKit kit, int participant, DateTimeOffset start, ClientOrigin origin)
    {
        kit.Clock.SetUtcNow(start);
        await using var ctx = kit.Db.NewContext();
        var (view, error) = await new RoundAttempts(ctx, kit.Clock).StartAsync(kit.RoundId, participant, origin);
        Assert.Null(error);
        return view!.AttemptId;
    }

    /// <summary>Five answers 10 s apart from now (above the 4 s floor), then submit.</summary>
    private static async Task FinishAsync(IntegrityKit kit, int participant, long attempt, ClientOrigin origin)
    {
        await using var ctx = kit.Db.NewContext();
        var attempts = new RoundAttempts(ctx, kit.Clock);
        var from = kit.Clock.GetUtcNow();
        for (var k = 1; k <= IntegrityKit.Questions; k++)
        {
            kit.Clock.SetUtcNow(from.AddSeconds(10 * k));
            Assert.Null(await attempts.AnswerAsync(attempt, participant, k, SubmittedAnswer.Choice(0)));
        }
        kit.Clock.SetUtcNow(from.AddSeconds(60));
        Assert.Null((await attempts.SubmitAsync(attempt, participant, 3, origin)).Error);
    }
}
