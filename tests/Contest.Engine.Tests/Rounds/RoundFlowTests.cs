using System.Text.Json;
using Contest.Engine.Accounts;
using Contest.Engine.Contests;
using Contest.Engine.Questions;
using Contest.Engine.Questions.Answers;
using Contest.Engine.Rounds;
using Contest.Engine.Storage;
using Contest.Engine.Units;
using Contest.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Contest.Engine.Tests.Rounds;

/// <summary>A round from open to close on the real stores; every case runs on SQLite and PostgreSQL.</summary>
public class RoundFlowTests
{
    public static TheoryData<StorageProvider> Providers => [StorageProvider.Sqlite, StorageProvider.Postgres];

    private static readonly DateTimeOffset T0 = new(2023, 3, 6, 1, 0, 0, TimeSpan.Zero); // Monday 08:00 in Vietnam

    [Theory, MemberData(nameof(Providers))]
    public async Task A_round_runs_from_open_to_a_hand_worked_ranking(StorageProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(T0.AddMinutes(-5));
        var seed = await SeedAsync(db);

        await using (var ctx = db.NewContext())
        {
            var (_, early) = await Attempts(ctx, clock).StartAsync(seed.RoundId, seed.P1);
            Assert.Equal("not-open", early!.Code);
        }

        clock.SetUtcNow(T0);
        await using (var ctx = db.NewContext())
        {
            Assert.True(await new RoundLifecycle(ctx, clock).OpenAsync(seed.RoundId));
            Assert.False(await new RoundLifecycle(ctx, clock).OpenAsync(seed.RoundId));
        }

        // P1: starts 08:01 and answers all three right. P2: starts 08:02 and answers all three right.
        clock.SetUtcNow(T0.AddMinutes(1));
        long a1, a2, a3;
        await using (var ctx = db.NewContext())
        {
            var (view, error) = await Attempts(ctx, clock).StartAsync(seed.RoundId, seed.P1);
            Assert.Null(error);
            a1 = view!.AttemptId;
            await AnswerAllAsync(ctx, clock, view, seed.P1, rightCount: 3);
        }
        clock.SetUtcNow(T0.AddMinutes(2));
        await using (var ctx = db.NewContext())
        {
            var (view, _) = await Attempts(ctx, clock).StartAsync(seed.RoundId, seed.P2);
            a2 = view!.AttemptId;
            await AnswerAllAsync(ctx, clock, view, seed.P2, rightCount: 3);
        }

        // 08:03: P1 submits predicting 2 → 120 s. P3 starts, two right and one wrong, predicts 2, never submits.
        clock.SetUtcNow(T0.AddMinutes(3));
        await using (var ctx = db.NewContext())
        {
            var (done, error) = await Attempts(ctx, clock).SubmitAsync(a1, seed.P1, prediction: 2);
            Assert.Null(error);
            Assert.True(done!.Finished);
            var (view, _) = await Attempts(ctx, clock).StartAsync(seed.RoundId, seed.P3);
            a3 = view!.AttemptId;
            await AnswerAllAsync(ctx, clock, view, seed.P3, rightCount: 2);
            Assert.Null(await Attempts(ctx, clock).PredictAsync(a3, seed.P3, 2));
        }

        // P2 lost the connection; back at 08:04 the same attempt has 600 − 120 = 480 s left and keeps its answers.
        clock.SetUtcNow(T0.AddMinutes(4));
        await using (var ctx = db.NewContext())
        {
            var (resumed, _) = await Attempts(ctx, clock).StartAsync(seed.RoundId, seed.P2);
            Assert.Equal(a2, resumed!.AttemptId);
            Assert.Equal(480_000, resumed.MillisecondsLeft);
            Assert.All(resumed.Questions, q => Assert.True(q.Answered));
        }
        // P2 submits at 08:06 predicting 1 → 240 s.
        clock.SetUtcNow(T0.AddMinutes(6));
        await using (var ctx = db.NewContext()) Assert.Null((await Attempts(ctx, clock).SubmitAsync(a2, seed.P2, 1)).Error);

        // P3's 600 s end at 08:13; an answer at 08:13:01 is refused and the attempt stands as it was.
        clock.SetUtcNow(T0.AddMinutes(13).AddSeconds(1));
        await using (var ctx = db.NewContext())
        {
            var late = await Attempts(ctx, clock).AnswerAsync(a3, seed.P3, 1, SubmittedAnswer.Choice(0));
            Assert.Equal("time-up", late!.Code);
        }

        // P1 tries a second attempt: one is allowed.
        await using (var ctx = db.NewContext())
        {
            var (_, refused) = await Attempts(ctx, clock).StartAsync(seed.RoundId, seed.P1);
            Assert.Equal("attempts-used", refused!.Code);
        }

        clock.SetUtcNow(T0.AddHours(1));
        await using (var ctx = db.NewContext())
        {
            Assert.True(await new RoundLifecycle(ctx, clock).CloseAsync(seed.RoundId));
            Assert.False(await new RoundLifecycle(ctx, clock).CloseAsync(seed.RoundId));
        }

        await using var read = db.NewContext();
        var round = await read.Set<ContestRound>().SingleAsync();
        Assert.Equal(RoundStatus.Closed, round.Status);
        // All correct: P1 and P2 → 2. P1: 3 right, |2−2| = 0, 120 s → 1st. P2: 3 right, |1−2| = 1 → 2nd.
        // P3: 2 right (timed out at 600 s) → 3rd.
        Assert.Equal(2, round.AllCorrectCount);
        var results = await read.Set<RoundResult>().OrderBy(r => r.Rank).ToListAsync();
        Assert.Equal([(1, seed.P1, 3, 0, 120_000L), (2, seed.P2, 3, 1, 240_000L), (3, seed.P3, 2, 0, 600_000L)],
            results.Select(r => (r.Rank, r.ParticipantId, r.Correct, r.PredictionError!.Value, r.TimeTakenMs)).ToArray());
        var p3 = await read.Set<RoundAttempt>().SingleAsync(a => a.Id == a3);
        Assert.Equal(AttemptEnd.TimedOut, p3.End);
        var prizes = await read.Set<RoundPrize>().OrderBy(p => p.Place).ToListAsync();
        Assert.Equal([(seed.P1, 1)], prizes.Where(p => p.Kind == PrizeKind.RankTier).Select(p => (p.ParticipantId!.Value, p.Place)).ToArray());
        // Closest prediction: P1 and P3 both err by 0; P1 ranks higher → P1 1st, P3 2nd.
        Assert.Equal([(seed.P1, 1), (seed.P3, 2)], prizes.Where(p => p.Kind == PrizeKind.ClosestPrediction).Select(p => (p.ParticipantId!.Value, p.Place)).ToArray());
        // Open and close each changed the round once; the repeated runs were logged as no-ops.
        Assert.Equal(2, read.Set<RoundEvent>().Count(e => e.Changed));
        Assert.Equal(4, read.Set<RoundEvent>().Count());
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task The_attempt_view_holds_no_answer_key_and_answers_map_back_through_the_shuffle(StorageProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(T0);
        var seed = await SeedAsync(db);
        await using var ctx = db.NewContext();
        await new RoundLifecycle(ctx, clock).OpenAsync(seed.RoundId);
        var (view, _) = await Attempts(ctx, clock).StartAsync(seed.RoundId, seed.P1);

        var json = JsonSerializer.Serialize(view);
        Assert.DoesNotContain("Correct", json);
        Assert.DoesNotContain("Explanation", json);
        Assert.DoesNotContain(Explanation, json);

        var items = await ctx.Set<AttemptItem>().Where(i => i.AttemptId == view!.AttemptId).OrderBy(i => i.Position).ToListAsync();
        var questions = await ctx.Questions.ToDictionaryAsync(q => q.Id);
        foreach (var (item, shown) in items.Zip(view!.Questions))
        {
            var q = questions[item.QuestionId];
            // The text the participant sees at shown position i is stored option OptionOrder[i].
            Assert.Equal(item.OptionOrder.Select(o => q.Options[o]), shown.Options);
        }

        var single = items.Single(i => questions[i.QuestionId].Type == QuestionType.SingleChoice);
        var shownRight = single.OptionOrder.IndexOf(1);
        Assert.Null(await Attempts(ctx, clock).AnswerAsync(view.AttemptId, seed.P1, single.Position, SubmittedAnswer.Choice(shownRight)));
        ctx.ChangeTracker.Clear();
        Assert.Equal([1], (await ctx.Set<AttemptItem>().SingleAsync(i => i.Id == single.Id)).AnswerOptions);

        var bad = await Attempts(ctx, clock).AnswerAsync(view.AttemptId, seed.P1, single.Position, SubmittedAnswer.Choice(7));
        Assert.Equal("invalid-answer", bad!.Code);
        var otherPerson = await Attempts(ctx, clock).AnswerAsync(view.AttemptId, seed.P2, single.Position, SubmittedAnswer.Choice(0));
        Assert.Equal("not-found", otherPerson!.Code);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_voided_entry_cannot_start_and_drops_out_of_the_ranking(StorageProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(T0);
        var seed = await SeedAsync(db);
        await using (var ctx = db.NewContext())
        {
            await new RoundLifecycle(ctx, clock).OpenAsync(seed.RoundId);
            var (v, _) = await Attempts(ctx, clock).StartAsync(seed.RoundId, seed.P1);
            await AnswerAllAsync(ctx, clock, v!, seed.P1, 3);
            await Attempts(ctx, clock).SubmitAsync(v!.AttemptId, seed.P1, 1);
            var (v2, _) = await Attempts(ctx, clock).StartAsync(seed.RoundId, seed.P2);
            await Attempts(ctx, clock).SubmitAsync(v2!.AttemptId, seed.P2, 1);
            Assert.Equal("Give the reason for voiding the entry.", (await new ParticipantRegistry(ctx, clock).VoidAsync(seed.P1, " ", "org"))?.Message);
            Assert.Null(await new ParticipantRegistry(ctx, clock).VoidAsync(seed.P1, "Khai sai số CCCD", "org"));
            Assert.Equal("voided", (await Attempts(ctx, clock).StartAsync(seed.RoundId, seed.P1)).Error!.Code);
        }
        clock.SetUtcNow(T0.AddHours(1));
        await using (var ctx = db.NewContext()) await new RoundLifecycle(ctx, clock).CloseAsync(seed.RoundId);
        await using var read = db.NewContext();
        // Only P2 (0 right) remains; P1's all-correct attempt no longer counts, so nobody is all-correct.
        Assert.Equal([seed.P2], await read.Set<RoundResult>().Select(r => r.ParticipantId).ToListAsync());
        Assert.Equal(0, (await read.Set<ContestRound>().SingleAsync()).AllCorrectCount);
        Assert.Equal("Khai sai số CCCD", (await read.Set<RoundParticipant>().SingleAsync(p => p.Id == seed.P1)).VoidReason);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Registration_refuses_a_second_entry_with_the_same_phone_or_id_number(StorageProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(T0);
        var seed = await SeedAsync(db);
        await using var ctx = db.NewContext();
        var registry = new ParticipantRegistry(ctx, clock);
        var user = new AppUser { UserName = "new-person" };
        ctx.Users.Add(user);
        await ctx.SaveChangesAsync();

        // P1 was seeded with 0912345678 and 012345678901.
        var dupPhone = await registry.CheckAsync(new Registration("Trần Văn B", new DateOnly(2000, 1, 1), seed.UnitId, "+84 912 345 678", null, null));
        Assert.Equal(("Phone", "duplicate"), dupPhone.Select(e => (e.Field, e.Code)).Single());
        var dupId = await registry.CheckAsync(new Registration("Trần Văn B", new DateOnly(2000, 1, 1), seed.UnitId, "0987654321", null, "0123 4567 8901"));
        Assert.Equal(("IdNumber", "duplicate"), dupId.Select(e => (e.Field, e.Code)).Single());
        Assert.Null(await registry.RegisterAsync(user.Id, new Registration("Trần Văn B", new DateOnly(2000, 1, 1), seed.UnitId, "0912.345.678", null, null)));

        var missing = await registry.CheckAsync(new Registration(" ", null, null, null, "not-an-email", "12"));
        Assert.Equal(["FullName", "DateOfBirth", "UnitId", "Phone", "Email", "IdNumber"], missing.Select(e => e.Field).ToArray());

        await registry.SaveSettingsAsync(new RegistrationSettings { RequireDateOfBirth = false, RequireUnit = false, RequirePhone = false });
        var ok = await registry.RegisterAsync(user.Id, new Registration("  Trần   Văn B ", null, null, null, null, null));
        Assert.Equal("Trần Văn B", ok!.FullName);
    }

    [Fact]
    public void Phone_numbers_have_one_spelling()
    {
        Assert.Equal("0912345678", ParticipantRegistry.NormalizePhone("0912 345 678"));
        Assert.Equal("0912345678", ParticipantRegistry.NormalizePhone("+84 912-345-678"));
        Assert.Equal("0912345678", ParticipantRegistry.NormalizePhone("84912345678"));
        Assert.Null(ParticipantRegistry.NormalizePhone("091234567"));
        Assert.Null(ParticipantRegistry.NormalizePhone("0912a45678"));
        Assert.Equal("012345678901", ParticipantRegistry.NormalizeIdNumber(" 0123 4567 8901 "));
        Assert.Null(ParticipantRegistry.NormalizeIdNumber("12345"));
    }

    [Fact]
    public void Random_selection_follows_the_difficulty_mix_and_refuses_a_pool_too_small()
    {
        var pool = Enumerable.Range(1, 12).Select(i => new Question
        {
            Id = i, BankId = i <= 10 ? 1 : 2, Text = $"Q{i}", Type = QuestionType.SingleChoice, Options = ["a", "b", "c", "d"], CorrectOptions = [0],
            Difficulty = (Difficulty)(i % 3 + 1), Tags = i % 2 == 0 ? ["nghị quyết"] : ["lịch sử"],
        }).ToList();
        // Bank 1, ids 1..10: Easy = i%3==0 → 3, 6, 9; Medium → 1, 4, 7, 10; Hard → 2, 5, 8.
        var round = new ContestRound { Name = "W1", BankIds = [1], EasyCount = 2, MediumCount = 3, HardCount = 1 };
        var (drawn, error) = QuestionDraw.Draw(round, pool, new Random(7));
        Assert.Null(error);
        Assert.Equal(6, drawn!.Count);
        Assert.Equal(2, drawn.Count(d => d.Question.Difficulty == Difficulty.Easy));
        Assert.Equal(3, drawn.Count(d => d.Question.Difficulty == Difficulty.Medium));
        Assert.All(drawn, d => Assert.Equal(1, d.Question.BankId));
        Assert.All(drawn, d => Assert.Equal([0, 1, 2, 3], d.OptionOrder.Order()));

        // Tag "nghị quyết" (even ids) in bank 1 and Hard (2, 5, 8) → only 2 and 8: three cannot be drawn.
        var tagged = new ContestRound { Name = "W2", BankIds = [1], Tags = ["nghị quyết"], HardCount = 3 };
        Assert.Equal("The banks have 2 Hard questions; the round asks for 3.", QuestionDraw.Draw(tagged, pool, new Random(1)).Error);

        var fixedSet = new ContestRound { Name = "W3", Selection = SelectionMode.Fixed, FixedQuestionIds = [11, 3, 5], ShuffleOptions = false };
        var (f, _) = QuestionDraw.Draw(fixedSet, pool, new Random(1));
        Assert.Equal([11, 3, 5], f!.Select(d => d.Question.Id).ToArray());
        Assert.All(f!, d => Assert.Equal([0, 1, 2, 3], d.OptionOrder));
    }

    private const string Explanation = "Giải thích bí mật";

    private static RoundAttempts Attempts(ContestDb ctx, TimeProvider clock) => new(ctx, clock) { Random = new Random(42) };

    /// <summary>Answers <paramref name="rightCount"/> questions right (in position order) and the rest wrong, using shown indexes.</summary>
    private static async Task AnswerAllAsync(ContestDb ctx, TimeProvider clock, AttemptView view, int participant, int rightCount)
    {
        var items = await ctx.Set<AttemptItem>().AsNoTracking().Where(i => i.AttemptId == view.AttemptId).OrderBy(i => i.Position).ToListAsync();
        var questions = await ctx.Questions.AsNoTracking().ToDictionaryAsync(q => q.Id);
        var n = 0;
        foreach (var item in items)
        {
            var q = questions[item.QuestionId];
            var right = n++ < rightCount;
            var stored = right ? q.CorrectOptions : Enumerable.Range(0, q.Options.Count).Except(q.CorrectOptions).Take(1).ToList();
            var shown = stored.Select(s => item.OptionOrder.IndexOf(s)).ToArray();
            Assert.Null(await Attempts(ctx, clock).AnswerAsync(view.AttemptId, participant, item.Position, SubmittedAnswer.Choice(shown)));
        }
    }

    internal sealed record Seeded(int RoundId, int P1, int P2, int P3, int UnitId);

    /// <summary>A unit, a bank of three questions, a fixed-set round (600 s, one attempt, 08:00–09:00) and three participants.</summary>
    internal static async Task<Seeded> SeedAsync(TestDatabase db)
    {
        await using var ctx = db.NewContext();
        var province = new Unit { Name = "Tỉnh Đoàn", Level = UnitLevel.Province, Children = [new Unit { Name = "Huyện Đoàn A", Level = UnitLevel.District, MemberCount = 100 }] };
        ctx.Units.Add(province);
        var contest = new ContestInfo { Name = "Tìm hiểu Nghị quyết Đại hội Đoàn", Kind = ContestKind.OnlineRound };
        ctx.Contests.Add(contest);
        var bank = new QuestionBank { Name = "Nghị quyết" };
        bank.Questions.Add(new Question { Type = QuestionType.SingleChoice, Text = "Đại hội Đoàn toàn quốc lần thứ XII họp năm nào?", Options = ["2017", "2022", "2019", "2012"], CorrectOptions = [1], Explanation = Explanation });
        bank.Questions.Add(new Question { Type = QuestionType.TrueFalse, Text = "Đoàn thành lập ngày 26/3/1931.", Options = ["Đúng", "Sai"], CorrectOptions = [0], Explanation = Explanation });
        bank.Questions.Add(new Question { Type = QuestionType.MultipleSelect, Text = "Chọn các phong trào của Đoàn", Options = ["Thanh niên tình nguyện", "Tuổi trẻ sáng tạo", "Mùa hè xanh", "Đi bộ đồng hành"], CorrectOptions = [0, 1], Explanation = Explanation });
        ctx.QuestionBanks.Add(bank);
        await ctx.SaveChangesAsync();

        var round = new ContestRound
        {
            ContestId = contest.Id, Name = "Tuần 1", OpensAt = T0, ClosesAt = T0.AddHours(1), TimeLimitSeconds = 600, AttemptsAllowed = 1,
            Selection = SelectionMode.Fixed, FixedQuestionIds = bank.Questions.Select(q => q.Id).ToList(), ShuffleOptions = true,
            PredictionQuestion = "Có bao nhiêu người trả lời đúng tất cả các câu hỏi?",
            Prizes =
            [
                new PrizeRule { Kind = PrizeKind.RankTier, Name = "Giải Nhất", Count = 1, SortOrder = 1 },
                new PrizeRule { Kind = PrizeKind.ClosestPrediction, Name = "Giải dự đoán", Count = 2, SortOrder = 2 },
            ],
        };
        ctx.Add(round);
        var district = province.Children[0];
        var ids = new List<int>();
        foreach (var (name, phone, idNumber) in new[] { ("Nguyễn Văn A", "0912345678", "012345678901"), ("Lê Thị B", "0912000002", null), ("Phạm Văn C", "0912000003", null) })
        {
            var user = new AppUser { UserName = phone };
            ctx.Users.Add(user);
            var p = new RoundParticipant { UserId = user.Id, FullName = name, Phone = phone, IdNumber = idNumber, UnitId = district.Id };
            ctx.Add(p);
            await ctx.SaveChangesAsync();
            ids.Add(p.Id);
        }
        return new Seeded(round.Id, ids[0], ids[1], ids[2], district.Id);
    }
}
