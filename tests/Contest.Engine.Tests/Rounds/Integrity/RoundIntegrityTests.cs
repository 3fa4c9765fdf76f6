using Contest.Engine.Questions.Answers;
using Contest.Engine.Rounds;
using Contest.Engine.Rounds.Integrity;
using Contest.Engine.Storage;
using Contest.Testing;
using Microsoft.EntityFrameworkCore;
using static Contest.Engine.Tests.Rounds.Integrity.IntegrityKit;

namespace Contest.Engine.Tests.Rounds.Integrity;

/// <summary>
/// Integrity flags from hand-made attempts on a fake clock, through the real round code, on SQLite and PostgreSQL.
/// The kit's questions have a 4 s reading floor each (200 characters at 20 ms), 20 s for all five.
/// </summary>
public class RoundIntegrityTests
{
    public static TheoryData<StorageProvider> Providers => [StorageProvider.Sqlite, StorageProvider.Postgres];

    private static ClientOrigin Own(int n) => new($"device-{n}", $"10.0.0.{n}");

    [Theory, MemberData(nameof(Providers))]
    public async Task Answers_under_the_reading_floor_are_flagged_and_a_fast_but_plausible_reader_is_not(StorageProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var kit = await CreateAsync(db);
        var (p1, p2, p3, p4) = (await kit.PersonAsync(), await kit.PersonAsync(), await kit.PersonAsync(), await kit.PersonAsync());
        // P1 answers one question every 4.1 s: just above the 4 s floor.
        await kit.TakeAsync(p1, T0.AddMinutes(1), Own(1), Every(4100), [0, 0, 0, 0, 0], 30_000);
        // P2 answers one every 1.5 s: 5 of 5 under the floor, 7.5 s where 20 s are needed.
        await kit.TakeAsync(p2, T0.AddMinutes(5), Own(2), Every(1500), [1, 1, 1, 1, 1], 30_000);
        // P3 saves all five together (one page) after 25.04 s: enough for 20 s of reading.
        await kit.TakeAsync(p3, T0.AddMinutes(10), Own(3), [25_000, 25_010, 25_020, 25_030, 25_040], [2, 2, 2, 2, 2], 30_000);
        // P4 saves all five together after 12.04 s: 5 of 5 under the floor.
        await kit.TakeAsync(p4, T0.AddMinutes(15), Own(4), [12_000, 12_010, 12_020, 12_030, 12_040], [3, 3, 3, 3, 3], 30_000);

        var flags = await kit.FlagsAsync();
        // Weight 0.5 + 2.5 × 5/5 = 3.0 each; equal weights in participant order.
        Assert.Equal([(p2, 3.0), (p4, 3.0)], flags.Select(f => (f.ParticipantId, f.Weight)).ToArray());
        var fast = Assert.Single(flags[0].Flags);
        Assert.Equal((FlagKind.TooFast, 5, 5, TimeSpan.FromMilliseconds(7500), TimeSpan.FromSeconds(20)), (fast.Kind, fast.Facts.Count, fast.Facts.OutOf, fast.Facts.Duration, fast.Facts.Threshold));
        Assert.Equal((5, TimeSpan.FromMilliseconds(12_040), TimeSpan.FromSeconds(20)), (flags[1].Flags[0].Facts.Count, flags[1].Flags[0].Facts.Duration, flags[1].Flags[0].Facts.Threshold));
        var evidence = await kit.EvidenceAsync();
        Assert.Empty(evidence[p1].Flags);
        Assert.Empty(evidence[p3].Flags);

        // The floor is the round's: at 5 ms per character (1 s, so the 1.5 s minimum) P2's 1.5 s and P4's 12.04 s for 7.5 s pass.
        await using (var ctx = db.NewContext())
            await ctx.Set<ContestRound>().Where(r => r.Id == kit.RoundId).ExecuteUpdateAsync(u => u.SetProperty(r => r.ReadingMsPerCharacter, 5));
        Assert.Empty(await kit.FlagsAsync());
        // Checks turned off: no flags at all, whatever the evidence.
        await using (var ctx = db.NewContext())
            await ctx.Set<ContestRound>().Where(r => r.Id == kit.RoundId).ExecuteUpdateAsync(u => u.SetProperty(r => r.ReadingMsPerCharacter, 20).SetProperty(r => r.IntegrityChecks, false));
        Assert.Empty(await kit.FlagsAsync(threshold: 0));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task One_device_for_two_participants_flags_both_and_siblings_on_one_home_network_are_not_flagged(StorageProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var kit = await CreateAsync(db);
        var (p1, p2, sister, brother) = (await kit.PersonAsync(), await kit.PersonAsync(), await kit.PersonAsync(), await kit.PersonAsync());
        // P1 (at 08:01) and P2 (08:20) on one phone, from two different networks, with different answers and plausible times.
        // Two siblings at home (08:05 and 08:30): one network, their own devices, their own answers and pace.
        await kit.TakeAsync(p1, T0.AddMinutes(1), new("shared-phone", "203.0.113.7"), Every(6000), [0, 0, 0, 0, 0], 40_000);
        await kit.TakeAsync(sister, T0.AddMinutes(5), new("sister-phone", "192.0.2.10"), Every(5000), [0, 1, 2, 3, 0], 40_000);
        await kit.TakeAsync(p2, T0.AddMinutes(20), new("shared-phone", "198.51.100.9"), Every(7000), [1, 1, 1, 1, 1], 40_000);
        await kit.TakeAsync(brother, T0.AddMinutes(30), new("brother-laptop", "192.0.2.10"), Every(9000), [3, 2, 1, 0, 1], 60_000);

        var flags = await kit.FlagsAsync();
        Assert.Equal([(p1, 2.0), (p2, 2.0)], flags.Select(f => (f.ParticipantId, f.Weight)).ToArray());
        var device = Assert.Single(flags[0].Flags);
        Assert.Equal((FlagKind.SharedDevice, 2), (device.Kind, device.Facts.Count));
        Assert.Equal([p2], device.Facts.OtherParticipantIds!);
        Assert.Equal([p1], flags[1].Flags[0].Facts.OtherParticipantIds!);

        // The siblings' shared network weighs 0.3: context, below the threshold of 1.
        var evidence = await kit.EvidenceAsync();
        var network = Assert.Single(evidence[sister].Flags);
        Assert.Equal((FlagKind.SharedNetwork, 0.3, "192.0.2.10"), (network.Kind, network.Weight, network.Facts.Network));
        Assert.Equal([brother], network.Facts.OtherParticipantIds!);
        Assert.Equal(0.3, evidence[brother].Weight);

        // A voided entry leaves the queue but still counts as the other holder of the device.
        await using (var ctx = db.NewContext())
            await ctx.Set<RoundParticipant>().Where(p => p.Id == p2).ExecuteUpdateAsync(u => u.SetProperty(p => p.VoidedAt, T0.AddHours(3)));
        var after = Assert.Single(await kit.FlagsAsync());
        Assert.Equal(p1, after.ParticipantId);
        Assert.Equal([p2], after.Flags[0].Facts.OtherParticipantIds!);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Identical_answers_in_near_identical_timing_are_flagged(StorageProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var kit = await CreateAsync(db);
        var (p1, p2, p3, p4) = (await kit.PersonAsync(), await kit.PersonAsync(), await kit.PersonAsync(), await kit.PersonAsync());
        int[] picks = [0, 1, 2, 3, 0];
        await kit.TakeAsync(p1, T0.AddMinutes(1), Own(1), [5000, 10_000, 15_000, 20_000, 25_000], picks, 30_000);
        // P2, two minutes later: the same answers, each within 2 s of P1's time after the start (0.5, 1.0, 0.2, 1.9, 1.0 s apart).
        await kit.TakeAsync(p2, T0.AddMinutes(3), Own(2), [5500, 11_000, 15_200, 21_900, 26_000], picks, 30_000);
        // P3: the same answers, but question 4 came 4.5 s after P1's and 2.6 s after P2's.
        await kit.TakeAsync(p3, T0.AddMinutes(6), Own(3), [5000, 10_000, 15_000, 24_500, 28_500], picks, 30_000);
        // P4: P1's timing exactly, but another answer to question 5.
        await kit.TakeAsync(p4, T0.AddMinutes(9), Own(4), [5000, 10_000, 15_000, 20_000, 25_000], [0, 1, 2, 3, 1], 30_000);

        var flags = await kit.FlagsAsync();
        Assert.Equal([(p1, 1.5), (p2, 1.5)], flags.Select(f => (f.ParticipantId, f.Weight)).ToArray());
        var same = Assert.Single(flags[0].Flags);
        Assert.Equal((FlagKind.SameAnswers, 5, TimeSpan.FromMilliseconds(1900), TimeSpan.FromSeconds(2)), (same.Kind, same.Facts.Count, same.Facts.Duration, same.Facts.Threshold));
        Assert.Equal([p2], same.Facts.OtherParticipantIds!);
        Assert.Equal([p1], flags[1].Flags[0].Facts.OtherParticipantIds!);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Hidden_page_spells_are_timed_by_the_server_weigh_little_and_are_refused_after_the_end(StorageProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var kit = await CreateAsync(db);
        var (p1, p2) = (await kit.PersonAsync(), await kit.PersonAsync());
        var clock = kit.Clock;
        var start = T0.AddMinutes(1);
        long a1, a2;
        await using (var ctx = db.NewContext())
        {
            var attempts = new RoundAttempts(ctx, clock);
            clock.SetUtcNow(start);
            a1 = (await attempts.StartAsync(kit.RoundId, p1, Own(1))).View!.AttemptId;
            a2 = (await attempts.StartAsync(kit.RoundId, p2, Own(2))).View!.AttemptId;
            for (var k = 1; k <= IntegrityKit.Questions; k++)
            {
                clock.SetUtcNow(start.AddSeconds(5 * k));
                Assert.Null(await attempts.AnswerAsync(a1, p1, k, SubmittedAnswer.Choice(0)));
                Assert.Null(await attempts.AnswerAsync(a2, p2, k, SubmittedAnswer.Choice(1)));
            }
            // P1: hidden at +30 s (told twice: one spell), shown at +60 s; hidden +70 s, shown +75 s: 2 spells, 35 s.
            async Task At(int seconds, long attempt, int who, bool hidden)
            {
                clock.SetUtcNow(start.AddSeconds(seconds));
                Assert.Null(await attempts.PageVisibilityAsync(attempt, who, hidden));
            }
            // P2 leaves at +50 s and submits from another tab at +80 s without coming back: the spell ends with the attempt.
            await At(30, a1, p1, true);
            await At(35, a1, p1, true);
            await At(50, a2, p2, true);
            await At(60, a1, p1, false);
            await At(70, a1, p1, true);
            await At(75, a1, p1, false);
            Assert.Equal("not-found", (await attempts.PageVisibilityAsync(a2, p1, true))!.Code);
            clock.SetUtcNow(start.AddSeconds(80));
            Assert.Null((await attempts.SubmitAsync(a2, p2, 1, Own(2))).Error);
            clock.SetUtcNow(start.AddSeconds(100));
            Assert.Null((await attempts.SubmitAsync(a1, p1, 1, Own(1))).Error);
            clock.SetUtcNow(start.AddSeconds(110));
            Assert.Equal("finished", (await attempts.PageVisibilityAsync(a1, p1, true))!.Code);
        }
        await using (var ctx = db.NewContext())
        {
            var row = await ctx.Set<RoundAttempt>().AsNoTracking().SingleAsync(a => a.Id == a1);
            Assert.Equal((2, 35_000L, (DateTimeOffset?)null), (row.HiddenCount, row.HiddenMs, row.HiddenSince));
        }

        // Hidden for 35 of 100 s and 30 of 80 s: a quarter or more, 0.6 each, below the threshold alone.
        Assert.Empty(await kit.FlagsAsync());
        var evidence = await kit.EvidenceAsync();
        var h1 = Assert.Single(evidence[p1].Flags);
        Assert.Equal((FlagKind.PageHidden, 0.6, 2, TimeSpan.FromSeconds(35), TimeSpan.FromSeconds(100)), (h1.Kind, h1.Weight, h1.Facts.Count, h1.Facts.Duration, h1.Facts.Threshold));
        var h2 = Assert.Single(evidence[p2].Flags);
        Assert.Equal((1, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(80)), (h2.Facts.Count, h2.Facts.Duration, h2.Facts.Threshold));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Revisions_count_changed_answers_only_and_survive_a_fresh_cache(StorageProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var kit = await CreateAsync(db);
        var p1 = await kit.PersonAsync();
        var clock = kit.Clock;
        var start = T0.AddMinutes(1);
        long a1;
        async Task Save(RoundAttempts attempts, int seconds, int position, int pick)
        {
            clock.SetUtcNow(start.AddSeconds(seconds));
            Assert.Null(await attempts.AnswerAsync(a1, p1, position, SubmittedAnswer.Choice(pick)));
        }
        await using (var ctx = db.NewContext())
        {
            var attempts = new RoundAttempts(ctx, clock);
            clock.SetUtcNow(start);
            a1 = (await attempts.StartAsync(kit.RoundId, p1, Own(1))).View!.AttemptId;
            await Save(attempts, 5, 1, 0);
            await Save(attempts, 6, 1, 1);  // changed: 1
            await Save(attempts, 7, 1, 1);  // the same again: not a revision
            await Save(attempts, 12, 2, 2);
            await Save(attempts, 13, 2, 3); // changed: 2
        }
        // Another request scope with its own cache (as after a restart) reads the trail back from the items.
        await using (var ctx = db.NewContext())
        {
            var attempts = new RoundAttempts(ctx, clock);
            await Save(attempts, 20, 1, 0); // changed: 3
            await Save(attempts, 25, 3, 0);
            await Save(attempts, 30, 4, 0);
            await Save(attempts, 35, 5, 0);
            clock.SetUtcNow(start.AddSeconds(40));
            Assert.Null((await attempts.SubmitAsync(a1, p1, 1, Own(1))).Error);
        }
        await using (var ctx = db.NewContext())
        {
            var items = await ctx.Set<AttemptItem>().AsNoTracking().Where(i => i.AttemptId == a1).OrderBy(i => i.Position).ToListAsync();
            Assert.Equal([2, 1, 0, 0, 0], items.Select(i => i.Revisions).ToArray());
            Assert.Equal((start.AddSeconds(5), start.AddSeconds(20)), (items[0].FirstAnsweredAt!.Value, items[0].AnsweredAt!.Value));
        }
        // First answers at 5, 12, 25, 30, 35 s: every one at least 4 s after the previous, so not too fast.
        var revisions = Assert.Single((await kit.EvidenceAsync())[p1].Flags);
        Assert.Equal((FlagKind.Revisions, 0.2, 3, 5), (revisions.Kind, revisions.Weight, revisions.Facts.Count, revisions.Facts.OutOf));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Bursts_of_registrations_and_submits_from_one_network_are_flagged_together(StorageProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var kit = await CreateAsync(db);
        const string lab = "203.0.113.50", farm = "198.51.100.20";
        var day = T0.AddDays(-1);
        // P1–P5 registered from one network within 90 s; P6 from it ten minutes later.
        var people = new List<int>();
        foreach (var s in new[] { 0, 20, 40, 60, 90, 600 }) people.Add(await kit.PersonAsync($"reg-{s}", lab, day.AddSeconds(s)));
        // Each starts on its own device and network and submits 26 s later; P1–P5 submit from one network within
        // 108 s (under the 2 minutes), P6 half an hour later.
        int[] submits = [0, 27, 54, 81, 108, 1800];
        for (var i = 0; i < 6; i++)
        {
            var at = T0.AddMinutes(10).AddSeconds(submits[i]);
            await kit.TakeAsync(people[i], at.AddSeconds(-26), Own(i + 1), Every(5000), [(i + 1) % 4, (i + 1) / 4, 0, 0, 0], 26_000, new($"device-{i + 1}", farm));
        }

        var flags = await kit.FlagsAsync();
        // P1–P5: registration burst 0.5 + submit burst 0.5 + shared network 0.3 = 1.3; P6 only shares the network (0.3).
        Assert.Equal(people.Take(5).Select(p => (p, 1.3)).ToArray(), flags.Select(f => (f.ParticipantId, f.Weight)).ToArray());
        var first = flags[0].Flags;
        Assert.Equal([FlagKind.RegistrationBurst, FlagKind.SubmitBurst, FlagKind.SharedNetwork], first.Select(f => f.Kind).ToArray());
        Assert.Equal((5, lab, TimeSpan.FromMinutes(2)), (first[0].Facts.Count, first[0].Facts.Network, first[0].Facts.Duration));
        Assert.Equal(people.Skip(1).Take(4), first[0].Facts.OtherParticipantIds!);
        Assert.Equal((5, farm), (first[1].Facts.Count, first[1].Facts.Network));
        Assert.Equal(people.Skip(1).Take(4), first[1].Facts.OtherParticipantIds!);
        Assert.Equal((6, farm), (first[2].Facts.Count, first[2].Facts.Network));
        Assert.Equal(people.Skip(1), first[2].Facts.OtherParticipantIds!);
        Assert.Equal(0.3, (await kit.EvidenceAsync())[people[5]].Weight);
    }
}
