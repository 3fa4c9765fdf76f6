using Contest.Engine.Accounts;
using Contest.Engine.Contests;
using Contest.Engine.LiveGames;
using Contest.Engine.Questions;
using Contest.Engine.Rounds;
using Contest.Testing;

namespace Contest.Web.Tests.LiveCluster;

/// <summary>
/// Rows in PostgreSQL, written directly, that a rebuild must turn back into Redis boards; the expected boards are
/// worked out by hand below.
/// <para>Live game (speed scoring, two questions, now at the leaderboard after question 2), points as stored:</para>
/// <list type="bullet">
/// <item>An: Q1 950 (at +5 s), Q2 500 (Q2 +8 s) = 1450, reached at Q2 +8 s;</item>
/// <item>Bình: Q1 750, Q2 700 (Q2 +3 s) = 1450, reached at Q2 +3 s, so ahead of An;</item>
/// <item>Chi: Q1 0 (wrong), Q2 1000 = 1000;</item>
/// <item>Dũng: Q1 900, then removed by the host: not on the board.</item>
/// </list>
/// Board: Bình 1450, An 1450, Chi 1000. Also an unfinished game created 13 h ago (left out) and a finished one (ignored).
/// <para>Round "Tuần 1" (live board shown, open), best finished attempt per participant:</para>
/// <list type="bullet">
/// <item>P1: 7 at 10:00, 9 at 10:30 → 9 reached 10:30;</item>
/// <item>P2: 9 at 10:20 → 9 reached 10:20, so ahead of P1;</item>
/// <item>P3: 10 at 11:00 (and an unfinished attempt) → 10;</item>
/// <item>P4: 10, but voided → left off; P5: only an unfinished attempt → not on the board.</item>
/// </list>
/// Board: P3 10, P2 9, P1 9. A second round without a live board is not rebuilt.
/// </summary>
internal static class RebuildSeed
{
    public sealed record Seeded(Guid GameId, string Pin, Guid An, Guid Binh, Guid Chi, Guid Dung, int RoundId, int[] Participants);

    public static async Task<Seeded> SeedAsync(TestDatabase db, DateTimeOffset now)
    {
        await using var ctx = db.NewContext();
        var bank = new QuestionBank { Name = "Lịch sử Đoàn" };
        var q1 = new Question { Type = QuestionType.SingleChoice, Text = "Đoàn thành lập năm nào?", Options = ["1930", "1931"], CorrectOptions = [1], Points = 1000, TimeLimitSeconds = 20 };
        var q2 = new Question { Type = QuestionType.SingleChoice, Text = "Đại hội Đoàn XII năm nào?", Options = ["2017", "2022"], CorrectOptions = [1], Points = 1000, TimeLimitSeconds = 20 };
        bank.Questions.Add(q1);
        bank.Questions.Add(q2);
        ctx.QuestionBanks.Add(bank);
        await ctx.SaveChangesAsync();

        var created = now.AddHours(-1);
        var q1Open = created.AddMinutes(1);
        var q2Open = created.AddMinutes(2);
        LiveGameRecord Game(string pin, DateTimeOffset at, DateTimeOffset? finished) => new()
        {
            Id = Guid.NewGuid(), Pin = pin, Title = "Đố vui", Host = "host", CreatedAt = at, FinishedAt = finished,
            QuestionIds = [q1.Id, q2.Id], QuestionPoints = [1000, 1000], QuestionSeconds = [20, 20],
            Phase = GamePhase.Leaderboard, CurrentIndex = 1, OpenedAt = q2Open, Deadline = q2Open.AddSeconds(20),
        };
        var game = Game("246810", created, null);
        ctx.AddRange(game, Game("135790", now.AddHours(-13), null), Game("112233", created, created.AddMinutes(30)));
        LivePlayerRecord Player(string name, int s, bool kicked = false) =>
            new() { Id = Guid.NewGuid(), GameId = game.Id, Nickname = name, ResumeTokenHash = LiveGameService.Hash(name), JoinedAt = created.AddSeconds(s), Kicked = kicked };
        var (an, binh, chi, dung) = (Player("An", 1), Player("Bình", 2), Player("Chi", 3), Player("Dũng", 4, kicked: true));
        ctx.AddRange(an, binh, chi, dung);
        LiveAnswerRecord Answer(LivePlayerRecord p, int index, DateTimeOffset open, int seconds, int points) => new()
        {
            GameId = game.Id, PlayerId = p.Id, QuestionIndex = index, QuestionId = index == 0 ? q1.Id : q2.Id, Answer = points > 0 ? "{\"options\":[1]}" : "{\"options\":[0]}",
            ReceivedAt = open.AddSeconds(seconds), ElapsedMs = seconds * 1000, Correct = points > 0, Credit = points > 0 ? 1 : 0, BasePoints = points, Points = points,
        };
        ctx.AddRange(
            Answer(an, 0, q1Open, 5, 950), Answer(binh, 0, q1Open, 7, 750), Answer(chi, 0, q1Open, 9, 0), Answer(dung, 0, q1Open, 4, 900),
            Answer(an, 1, q2Open, 8, 500), Answer(binh, 1, q2Open, 3, 700), Answer(chi, 1, q2Open, 12, 1000));

        var contest = new ContestInfo { Name = "Tìm hiểu lịch sử Đoàn", Kind = ContestKind.OnlineRound };
        ctx.Contests.Add(contest);
        await ctx.SaveChangesAsync();
        var day = new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero);
        ContestRound Round(string name, bool live) => new()
        {
            ContestId = contest.Id, Name = name, OpensAt = day, ClosesAt = day.AddDays(7), Selection = SelectionMode.Fixed, FixedQuestionIds = [q1.Id],
            ShowLiveLeaderboard = live, Status = RoundStatus.Open, OpenedAt = day,
        };
        var round = Round("Tuần 1", live: true);
        var hidden = Round("Tuần 2", live: false);
        ctx.AddRange(round, hidden);
        var participants = Enumerable.Range(1, 5).Select(i =>
        {
            var user = new AppUser { Id = Guid.NewGuid().ToString(), UserName = $"p{i}-{Guid.NewGuid():N}", DisplayName = $"P{i}" };
            ctx.Add(user);
            return new RoundParticipant { UserId = user.Id, FullName = $"Người {i}", CreatedAt = day, VoidedAt = i == 4 ? day.AddHours(12) : null, VoidReason = i == 4 ? "Sai thông tin" : null };
        }).ToArray();
        ctx.AddRange(participants);
        await ctx.SaveChangesAsync();

        RoundAttempt Attempt(ContestRound r, RoundParticipant p, int number, int correct, int? finishedHour, int finishedMinute = 0) => new()
        {
            RoundId = r.Id, ParticipantId = p.Id, Number = number, StartedAt = day.AddHours(9), Deadline = day.AddHours(12), Correct = correct,
            FinishedAt = finishedHour is { } h ? day.AddHours(h).AddMinutes(finishedMinute) : null, End = finishedHour is null ? null : AttemptEnd.Submitted,
        };
        ctx.AddRange(
            Attempt(round, participants[0], 1, 7, 10), Attempt(round, participants[0], 2, 9, 10, 30),
            Attempt(round, participants[1], 1, 9, 10, 20),
            Attempt(round, participants[2], 1, 10, 11), Attempt(round, participants[2], 2, 0, null),
            Attempt(round, participants[3], 1, 10, 9, 45),
            Attempt(round, participants[4], 1, 0, null),
            Attempt(hidden, participants[0], 1, 5, 10));
        await ctx.SaveChangesAsync();
        return new Seeded(game.Id, game.Pin, an.Id, binh.Id, chi.Id, dung.Id, round.Id, participants.Select(p => p.Id).ToArray());
    }
}
