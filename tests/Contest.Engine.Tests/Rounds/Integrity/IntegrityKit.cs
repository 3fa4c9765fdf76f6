using Contest.Engine.Accounts;
using Contest.Engine.Contests;
using Contest.Engine.Questions;
using Contest.Engine.Questions.Answers;
using Contest.Engine.Rounds;
using Contest.Engine.Rounds.Integrity;
using Contest.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Contest.Engine.Tests.Rounds.Integrity;

/// <summary>
/// A round of five questions whose reading floor is worked by hand: each question is 160 characters of text and four
/// options of 10 characters, 200 characters, so at the default 20 ms per character its floor is 4 s (above the 1.5 s
/// minimum), and five questions need 20 s. Options are not shuffled, so shown index = stored index.
/// </summary>
internal sealed class IntegrityKit(TestDatabase db, int roundId, FakeTimeProvider clock)
{
    public static readonly DateTimeOffset T0 = new(2023, 3, 6, 1, 0, 0, TimeSpan.Zero); // Monday 08:00 in Vietnam
    public const int Questions = 5;

    public TestDatabase Db => db;
    public int RoundId => roundId;
    public FakeTimeProvider Clock => clock;

    public static async Task<IntegrityKit> CreateAsync(TestDatabase db)
    {
        int roundId;
        await using (var ctx = db.NewContext())
        {
            var contest = new ContestInfo { Name = "Tìm hiểu lịch sử Đoàn", Kind = ContestKind.OnlineRound };
            ctx.Contests.Add(contest);
            var bank = new QuestionBank { Name = "Lịch sử Đoàn" };
            for (var n = 1; n <= Questions; n++)
            {
                var text = $"Câu {n}: ".PadRight(160, 'x');
                bank.Questions.Add(new Question { Type = QuestionType.SingleChoice, Text = text, Options = ["Lựa chọn A", "Lựa chọn B", "Lựa chọn C", "Lựa chọn D"], CorrectOptions = [0] });
            }
            ctx.QuestionBanks.Add(bank);
            await ctx.SaveChangesAsync();
            Assert.All(bank.Questions, q => Assert.Equal(200, q.Text.Length + q.Options.Sum(o => o.Length)));
            var round = new ContestRound
            {
                ContestId = contest.Id, Name = "Tuần 1", OpensAt = T0, ClosesAt = T0.AddHours(2), TimeLimitSeconds = 1800,
                Selection = SelectionMode.Fixed, FixedQuestionIds = bank.Questions.Select(q => q.Id).ToList(), ShuffleOptions = false,
            };
            ctx.Add(round);
            await ctx.SaveChangesAsync();
            roundId = round.Id;
        }
        var clock = new FakeTimeProvider(T0);
        await using (var ctx = db.NewContext()) Assert.True(await new RoundLifecycle(ctx, clock).OpenAsync(roundId));
        return new IntegrityKit(db, roundId, clock);
    }

    private int _people;

    /// <summary>A registered participant; the registration's device and network as the web layer stores them.</summary>
    public async Task<int> PersonAsync(string? device = null, string? network = null, DateTimeOffset? registeredAt = null)
    {
        await using var ctx = db.NewContext();
        var n = ++_people;
        var user = new AppUser { UserName = $"09120000{n:D2}" };
        ctx.Users.Add(user);
        var p = new RoundParticipant { UserId = user.Id, FullName = $"Thí sinh {n}", Phone = user.UserName, CreatedAt = registeredAt ?? T0.AddDays(-7), RegisteredDevice = device, RegisteredNetwork = network };
        ctx.Add(p);
        await ctx.SaveChangesAsync();
        return p.Id;
    }

    /// <summary>
    /// One attempt through the real round code: started at <paramref name="start"/> from <paramref name="origin"/>,
    /// question k answered with option <paramref name="picks"/>[k] at start + <paramref name="offsetsMs"/>[k], submitted
    /// at start + <paramref name="submitAfterMs"/> from <paramref name="submitOrigin"/> (else the start's origin).
    /// </summary>
    public async Task<long> TakeAsync(int participant, DateTimeOffset start, ClientOrigin origin, int[] offsetsMs, int[] picks, int submitAfterMs, ClientOrigin? submitOrigin = null)
    {
        clock.SetUtcNow(start);
        await using var ctx = db.NewContext();
        var attempts = new RoundAttempts(ctx, clock);
        var (view, error) = await attempts.StartAsync(roundId, participant, origin);
        Assert.Null(error);
        for (var k = 0; k < offsetsMs.Length; k++)
        {
            clock.SetUtcNow(start.AddMilliseconds(offsetsMs[k]));
            Assert.Null(await attempts.AnswerAsync(view!.AttemptId, participant, k + 1, SubmittedAnswer.Choice(picks[k])));
        }
        clock.SetUtcNow(start.AddMilliseconds(submitAfterMs));
        Assert.Null((await attempts.SubmitAsync(view!.AttemptId, participant, 3, submitOrigin ?? origin)).Error);
        return view.AttemptId;
    }

    public async Task<IReadOnlyList<FlaggedParticipant>> FlagsAsync(double threshold = 1.0)
    {
        await using var ctx = db.NewContext();
        return await new RoundIntegrity(ctx, clock) { Settings = IntegritySettings.Default with { FlagThreshold = threshold } }.FlagsAsync(roundId);
    }

    /// <summary>Every participant's flags, threshold 0: what the evidence weighs even when it is not enough to flag.</summary>
    public async Task<IReadOnlyDictionary<int, FlaggedParticipant>> EvidenceAsync() => (await FlagsAsync(0)).ToDictionary(f => f.ParticipantId);

    /// <summary>Five answers, <paramref name="gapMs"/> apart, the first one <paramref name="gapMs"/> after the start.</summary>
    public static int[] Every(int gapMs) => Enumerable.Range(1, Questions).Select(k => k * gapMs).ToArray();
}
