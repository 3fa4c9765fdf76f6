using Contest.Engine.Contests;
using Contest.Engine.Pitches;
using Contest.Engine.Storage;
using Contest.Testing;
using Microsoft.EntityFrameworkCore;

namespace Contest.Engine.Tests.Pitches;

/// <summary>Every case runs on SQLite and on the real PostgreSQL server that ./test.sh starts.</summary>
public class PitchStorageTests
{
    public static TheoryData<StorageProvider> Providers => [StorageProvider.Sqlite, StorageProvider.Postgres];

    private static async Task<int> TeamAsync(TestDatabase db)
    {
        await using var ctx = db.NewContext();
        var contest = new ContestInfo { Name = "Khởi nghiệp", Kind = ContestKind.Pitch };
        ctx.Contests.Add(contest);
        await ctx.SaveChangesAsync();
        var round = new PitchRound { ContestId = contest.Id, Name = "Chung kết", Teams = [new PitchTeam { Name = "Đội A" }] };
        ctx.PitchRounds.Add(round);
        await ctx.SaveChangesAsync();
        return round.Teams[0].Id;
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_score_save_that_races_a_lock_loses(StorageProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var teamId = await TeamAsync(db);

        // The judge's save has read the team while it was still open...
        await using var saving = db.NewContext();
        var seenBySave = await saving.PitchTeams.SingleAsync(t => t.Id == teamId);
        Assert.False(seenBySave.IsLocked);

        // ...then the organizer locks it...
        await using (var locking = db.NewContext())
        {
            var t = await locking.PitchTeams.SingleAsync(x => x.Id == teamId);
            t.LockedAt = DateTimeOffset.UnixEpoch;
            t.LockedBy = "org";
            await locking.SaveChangesAsync();
        }

        // ...so the save's "where not locked" update matches no row and nothing is written.
        seenBySave.ScoreRevision++;
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => saving.SaveChangesAsync());

        await using var check = db.NewContext();
        var team = await check.PitchTeams.SingleAsync(t => t.Id == teamId);
        Assert.Equal((0, "org"), (team.ScoreRevision, team.LockedBy));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task One_audience_vote_per_phone_and_per_ticket_is_enforced_by_the_database(StorageProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var teamId = await TeamAsync(db);
        await using var ctx = db.NewContext();
        var roundId = (await ctx.PitchTeams.SingleAsync(t => t.Id == teamId)).RoundId;
        var ticket = new AudienceTicket { RoundId = roundId, Code = "ABCD2345" };
        ctx.Add(ticket);
        await ctx.SaveChangesAsync();
        ctx.Add(new AudienceVote { RoundId = roundId, TeamId = teamId, DeviceId = "phone-1", Address = "10.0.0.1", TicketId = ticket.Id });
        await ctx.SaveChangesAsync();

        await using (var samePhone = db.NewContext())
        {
            samePhone.Add(new AudienceVote { RoundId = roundId, TeamId = teamId, DeviceId = "phone-1", Address = "10.0.0.1" });
            await Assert.ThrowsAsync<DbUpdateException>(() => samePhone.SaveChangesAsync());
        }
        await using (var sameTicket = db.NewContext())
        {
            sameTicket.Add(new AudienceVote { RoundId = roundId, TeamId = teamId, DeviceId = "phone-2", Address = "10.0.0.1", TicketId = ticket.Id });
            await Assert.ThrowsAsync<DbUpdateException>(() => sameTicket.SaveChangesAsync());
        }
        await using var otherPhone = db.NewContext();
        otherPhone.Add(new AudienceVote { RoundId = roundId, TeamId = teamId, DeviceId = "phone-2", Address = "10.0.0.1" });
        await otherPhone.SaveChangesAsync();
    }
}
