using Contest.Engine.Accounts;
using Contest.Engine.Contests;
using Contest.Engine.Rounds;
using Contest.Engine.Units;
namespace Contest.Testing.Units;

/// <summary>
/// A province tree where chapter names repeat, as they do in real provinces: "Chi đoàn 1A" under three grassroots
/// unions, plus 25 "Chi đoàn Khu phố N" under one ward (more than a search returns), and a roster on one chapter.
/// </summary>
public sealed record UnitTreeSeed(int Province, int BuDang, int DucLieu, int DucLieu1A, int DucLieu2B, int School, int School1A, int DongXoai, int TanPhu, int TanPhu1A)
{
    public static readonly (string Name, DateOnly Birth, string? MemberId)[] Roster =
    [
        ("Nguyễn Văn Ân", new DateOnly(2001, 5, 19), "DV-001"),
        ("Trần Thị Bình", new DateOnly(2002, 3, 4), "DV-002"),
        ("Lê Văn Cường", new DateOnly(2000, 1, 1), null),
    ];

    public static async Task<UnitTreeSeed> CreateAsync(TestDatabase db)
    {
        await using var ctx = db.NewContext();
        Unit U(string name, UnitLevel level, int members = 0, params Unit[] children) => new() { Name = name, Level = level, MemberCount = members, Children = [.. children] };
        var ducLieu1A = U("Chi đoàn 1A", UnitLevel.Chapter);
        var ducLieu2B = U("Chi đoàn 2B", UnitLevel.Chapter, 12);
        var ducLieu = U("Xã Đoàn Đức Liễu", UnitLevel.Grassroots, 0, ducLieu1A, ducLieu2B);
        var school1A = U("Chi đoàn 1A", UnitLevel.Chapter, 30);
        var school = U("Đoàn Trường THPT Bù Đăng", UnitLevel.Grassroots, 0, school1A);
        var buDang = U("Huyện Đoàn Bù Đăng", UnitLevel.District, 500, ducLieu, school);
        var tanPhu1A = U("Chi đoàn 1A", UnitLevel.Chapter, 8);
        var tanPhu = U("Đoàn Phường Tân Phú", UnitLevel.Grassroots, 0, [tanPhu1A, .. Enumerable.Range(1, 25).Select(n => U($"Chi đoàn Khu phố {n}", UnitLevel.Chapter, 10))]);
        var dongXoai = U("Thành Đoàn Đồng Xoài", UnitLevel.District, 0, tanPhu);
        var province = U("Tỉnh Đoàn Bình Phước", UnitLevel.Province, 0, buDang, dongXoai);
        ctx.Units.Add(province);
        await ctx.SaveChangesAsync();
        foreach (var (name, birth, memberId) in Roster)
            ctx.Add(new RosterEntry { UnitId = ducLieu1A.Id, FullName = name, DateOfBirth = birth, MemberId = RosterEntry.CleanMemberId(memberId) });
        await ctx.SaveChangesAsync();
        return new(province.Id, buDang.Id, ducLieu.Id, ducLieu1A.Id, ducLieu2B.Id, school.Id, school1A.Id, dongXoai.Id, tanPhu.Id, tanPhu1A.Id);
    }

    /// <summary>
    /// A closed round with seven results: Đức Liễu 1A (roster of 3) 2 and 1 right; Đức Liễu 2B (12 members) 2;
    /// the school's 1A (30) 2, 2 and 0; Tân Phú 1A (8) 1. The report's figures are worked by hand from these.
    /// </summary>
    public async Task<int> ClosedRoundAsync(TestDatabase db)
    {
        await using var ctx = db.NewContext();
        var contest = new ContestInfo { Name = "Tìm hiểu Nghị quyết", Kind = ContestKind.OnlineRound };
        ctx.Contests.Add(contest);
        await ctx.SaveChangesAsync();
        var now = DateTimeOffset.UtcNow;
        var round = new ContestRound { ContestId = contest.Id, Name = "Tuần 1", OpensAt = now.AddDays(-8), ClosesAt = now.AddDays(-1), Status = RoundStatus.Closed, Selection = SelectionMode.Fixed, FixedQuestionIds = [1, 2] };
        ctx.Add(round);
        await ctx.SaveChangesAsync();
        (int Unit, int Correct)[] people = [(DucLieu1A, 2), (DucLieu1A, 1), (DucLieu2B, 2), (School1A, 2), (School1A, 2), (School1A, 0), (TanPhu1A, 1)];
        for (var i = 0; i < people.Length; i++)
        {
            var user = new AppUser { UserName = $"09120004{i:00}", DisplayName = $"Người {i}", CreatedAt = now };
            ctx.Users.Add(user);
            var p = new RoundParticipant { UserId = user.Id, FullName = $"Người {i}", UnitId = people[i].Unit, Phone = user.UserName, CreatedAt = now };
            ctx.Add(p);
            await ctx.SaveChangesAsync();
            ctx.Add(new RoundResult { RoundId = round.Id, ParticipantId = p.Id, AttemptId = i + 1, Rank = i + 1, Correct = people[i].Correct, SubmittedAt = now.AddDays(-2) });
        }
        await ctx.SaveChangesAsync();
        return round.Id;
    }
}
