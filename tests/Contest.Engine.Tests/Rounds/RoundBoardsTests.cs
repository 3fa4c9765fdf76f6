using Contest.Engine.Accounts;
using Contest.Engine.Contests;
using Contest.Engine.Leaderboards;
using Contest.Engine.Rounds;
using Contest.Engine.Storage;
using Contest.Testing;

namespace Contest.Engine.Tests.Rounds;

public class RoundBoardsTests
{
    private static readonly DateTimeOffset Day = new(2026, 11, 24, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task A_rebuild_writes_each_participants_best_finished_attempt_of_every_round_that_shows_a_board(StorageProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var ctx = db.NewContext();
        var contest = new ContestInfo { Name = "Tìm hiểu lịch sử Đoàn", Kind = ContestKind.OnlineRound };
        ctx.Contests.Add(contest);
        await ctx.SaveChangesAsync();
        ContestRound Round(string name, bool live, RoundStatus status) => new()
        {
            ContestId = contest.Id, Name = name, OpensAt = Day, ClosesAt = Day.AddDays(7), Selection = SelectionMode.Fixed, FixedQuestionIds = [1],
            ShowLiveLeaderboard = live, Status = status,
        };
        var open = Round("Tuần 1", true, RoundStatus.Open);
        var closed = Round("Tuần 2", true, RoundStatus.Closed);
        var hidden = Round("Tuần 3", false, RoundStatus.Open);
        var scheduled = Round("Tuần 4", true, RoundStatus.Scheduled);
        ctx.AddRange(open, closed, hidden, scheduled);
        var people = Enumerable.Range(1, 4).Select(i =>
        {
            var user = new AppUser { UserName = $"p{i}" };
            ctx.Add(user);
            return new RoundParticipant { UserId = user.Id, FullName = $"Người {i}", CreatedAt = Day, VoidedAt = i == 4 ? Day : null };
        }).ToArray();
        ctx.AddRange(people);
        await ctx.SaveChangesAsync();
        RoundAttempt Attempt(ContestRound r, int person, int number, int correct, int? minute) => new()
        {
            RoundId = r.Id, ParticipantId = people[person - 1].Id, Number = number, StartedAt = Day, Deadline = Day.AddHours(1), Correct = correct,
            FinishedAt = minute is { } m ? Day.AddMinutes(m) : null,
        };
        ctx.AddRange(
            // Tuần 1: P1 best 8 (the first of two 8s, minute 20), P2 8 at minute 15 (earlier, so first), P3 only unfinished, P4 voided.
            Attempt(open, 1, 1, 5, 10), Attempt(open, 1, 2, 8, 20), Attempt(open, 1, 3, 8, 30),
            Attempt(open, 2, 1, 8, 15),
            Attempt(open, 3, 1, 9, null),
            Attempt(open, 4, 1, 10, 5),
            // Tuần 2 (closed): P3 4. Tuần 3 (no board) and Tuần 4 (not open yet): not written.
            Attempt(closed, 3, 1, 4, 40),
            Attempt(hidden, 1, 1, 7, 50));
        await ctx.SaveChangesAsync();

        var board = new InMemoryLeaderboard();
        // Two rounds with boards (Tuần 1, Tuần 2); 2 + 1 = 3 participants on them.
        Assert.Equal(new RoundBoardsRebuilt(2, 3), await RoundBoards.RebuildAsync(ctx, board));
        Assert.Equal([(people[1].Id.ToString(), 8L), (people[0].Id.ToString(), 8L)],
            (await board.TopAsync(RoundBoards.Board(open.Id), 10)).Select(e => (e.Member, e.Score)).ToArray());
        Assert.Equal([(people[2].Id.ToString(), 4L)], (await board.TopAsync(RoundBoards.Board(closed.Id), 10)).Select(e => (e.Member, e.Score)).ToArray());
        Assert.Equal(0, await board.CountAsync(RoundBoards.Board(hidden.Id)));

        // The submit path picks the same attempt: P1's first 8, finished at minute 20.
        Assert.Equal((8, Day.AddMinutes(20)), await RoundBoards.BestAsync(ctx, open.Id, people[0].Id));
        Assert.Null(await RoundBoards.BestAsync(ctx, open.Id, people[2].Id));

        // Run again (another node, or the command beside the nodes): the same boards.
        await RoundBoards.RebuildAsync(ctx, board);
        Assert.Equal(2, await board.CountAsync(RoundBoards.Board(open.Id)));
    }
}
