using Contest.Engine.Accounts;
using Contest.Engine.Contests;
using Contest.Engine.Rounds;
using Contest.Engine.Units;

namespace Contest.Testing.Events;

/// <summary>
/// A scheduled round for the round and unit screens, small enough to work out by hand. Written straight
/// into the database before the app starts (so no demo data is added beside it), then closed and
/// published by the real <see cref="RoundLifecycle"/>.
/// <code>
/// Tỉnh Đoàn Bình Phước (province)
/// ├─ Huyện Đoàn Đồng Phú (district, 10 members)
/// │  └─ Đoàn xã Tân Lập (grassroots)      Nguyễn Văn An 5/5, Trần Thị Bình 1/5
/// │  (registered with the district)       Lê Văn Cường 3/5
/// ├─ Huyện Đoàn Lộc Ninh (district, 20 members)   nobody
/// └─ Thành Đoàn Đồng Xoài (district, 4 members)   Phạm Minh Dũng 4/5, Võ Thị Em 0/5
/// </code>
/// Prizes: "Giải Nhất" (top 1 overall) and "Giải tập thể" (the district with most participants).
/// Every participant has a phone number and an e-mail, which must never reach a projector.
/// </summary>
public static class RoundScreenSeed
{
    public const string RoundName = "Tuần 3: Lịch sử Đoàn";
    public const string DongPhu = "Huyện Đoàn Đồng Phú";
    public const string LocNinh = "Huyện Đoàn Lộc Ninh";
    public const string DongXoai = "Thành Đoàn Đồng Xoài";
    public const string TanLap = "Đoàn xã Tân Lập";

    /// <summary>(name, unit, correct answers, phone): in the order they submitted.</summary>
    public static readonly (string Name, string Unit, int Correct, string Phone)[] People =
    [
        ("Nguyễn Văn An", TanLap, 5, "0912000001"),
        ("Trần Thị Bình", TanLap, 1, "0912000002"),
        ("Lê Văn Cường", DongPhu, 3, "0912000003"),
        ("Phạm Minh Dũng", DongXoai, 4, "0912000004"),
        ("Võ Thị Em", DongXoai, 0, "0912000005"),
    ];

    public static readonly DateTimeOffset OpensAt = new(2026, 3, 20, 1, 0, 0, TimeSpan.Zero);

    public sealed record Seeded(int RoundId, IReadOnlyDictionary<string, int> ParticipantIds, IReadOnlyDictionary<string, DateTimeOffset> FinishedAt);

    /// <summary>Creates the units, the participants and the open round with every attempt finished.</summary>
    public static async Task<Seeded> SeedOpenAsync(TestDatabase db)
    {
        await using var ctx = db.NewContext();
        var dongPhu = new Unit { Name = DongPhu, Level = UnitLevel.District, MemberCount = 10, Children = [new Unit { Name = TanLap, Level = UnitLevel.Grassroots }] };
        var dongXoai = new Unit { Name = DongXoai, Level = UnitLevel.District, MemberCount = 4 };
        var province = new Unit { Name = "Tỉnh Đoàn Bình Phước", Level = UnitLevel.Province, Children = [dongPhu, new Unit { Name = LocNinh, Level = UnitLevel.District, MemberCount = 20 }, dongXoai] };
        ctx.Units.Add(province);
        var contest = new ContestInfo { Name = "Tìm hiểu lịch sử Đoàn", Kind = ContestKind.OnlineRound };
        ctx.Contests.Add(contest);
        await ctx.SaveChangesAsync();
        var units = new Dictionary<string, int> { [DongPhu] = dongPhu.Id, [TanLap] = dongPhu.Children[0].Id, [DongXoai] = dongXoai.Id };

        var round = new ContestRound
        {
            ContestId = contest.Id, Name = RoundName, OpensAt = OpensAt, ClosesAt = OpensAt.AddHours(1), Status = RoundStatus.Open, OpenedAt = OpensAt,
            Selection = SelectionMode.Fixed, FixedQuestionIds = [1, 2, 3, 4, 5], ShowLiveLeaderboard = true, CreatedAt = OpensAt.AddDays(-1),
            Prizes =
            [
                new PrizeRule { Kind = PrizeKind.RankTier, Name = "Giải Nhất", Count = 1, SortOrder = 0 },
                new PrizeRule { Kind = PrizeKind.UnitMostParticipants, Name = "Giải tập thể", Count = 1, UnitLevel = UnitLevel.District, SortOrder = 1 },
            ],
        };
        ctx.Add(round);
        await ctx.SaveChangesAsync();

        var ids = new Dictionary<string, int>();
        var finished = new Dictionary<string, DateTimeOffset>();
        for (var i = 0; i < People.Length; i++)
        {
            var (name, unit, correct, phone) = People[i];
            var user = new AppUser { UserName = phone, DisplayName = name, CreatedAt = OpensAt };
            ctx.Users.Add(user);
            var p = new RoundParticipant { UserId = user.Id, FullName = name, UnitId = units[unit], Phone = phone, Email = $"p{i + 1}@example.vn", DateOfBirth = new DateOnly(2001, 5, 19), CreatedAt = OpensAt };
            ctx.Add(p);
            await ctx.SaveChangesAsync();
            var start = OpensAt.AddMinutes(1 + i);
            ctx.Add(new RoundAttempt
            {
                RoundId = round.Id, ParticipantId = p.Id, Number = 1, StartedAt = start, Deadline = start.AddMinutes(10),
                FinishedAt = start.AddMinutes(4), End = AttemptEnd.Submitted, Correct = correct, Score = correct, TimeTakenMs = 240_000,
            });
            ids[name] = p.Id;
            finished[name] = start.AddMinutes(4);
        }
        await ctx.SaveChangesAsync();
        return new Seeded(round.Id, ids, finished);
    }

    /// <summary>Closes and publishes the round as its jobs would after the close time.</summary>
    public static async Task CloseAndPublishAsync(TestDatabase db, int roundId)
    {
        var after = new FixedTime(OpensAt.AddHours(1).AddMinutes(1));
        await using (var ctx = db.NewContext())
        {
            if (!await new RoundLifecycle(ctx, after).CloseAsync(roundId)) throw new InvalidOperationException("The round did not close.");
        }
        await using (var ctx = db.NewContext())
        {
            if (!await new RoundLifecycle(ctx, after).PublishAsync(roundId)) throw new InvalidOperationException("The round was not published.");
        }
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
