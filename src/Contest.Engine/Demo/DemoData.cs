using Contest.Engine.Contests;
using Contest.Engine.Pitches;
using Contest.Engine.Questions;
using Contest.Engine.Storage;
using Contest.Engine.Units;
using Microsoft.EntityFrameworkCore;

namespace Contest.Engine.Demo;

/// <summary>Demo content so a newcomer sees a working product at once: the Youth Month of a province.</summary>
public static class DemoData
{
    public const string ProvinceName = "Tỉnh Đoàn Bình Phước";
    public const string HistoryQuizName = "Rung chuông vàng — Lịch sử Đoàn";
    public const string EnglishQuizName = "English Challenge — Youth Month";
    public const string PitchContestName = "Cuộc thi Khởi nghiệp đổi mới sáng tạo tỉnh Bình Phước";

    /// <summary>The <see cref="DemoRow.Table"/> of the one row saying the demo was removed: it is never seeded again.</summary>
    public const string RemovedMark = "DemoRemoved";

    /// <summary>
    /// True when the database holds no contest content yet (the admin account does not count) and the demo was
    /// never removed: after "start clean" an empty database is the organizers' choice, not a fresh install.
    /// </summary>
    public static async Task<bool> IsEmptyAsync(ContestDb db, CancellationToken ct = default) =>
        !await db.Units.AnyAsync(ct) && !await db.QuestionBanks.AnyAsync(ct) && !await db.Contests.AnyAsync(ct)
        && !await db.Set<DemoRow>().AnyAsync(d => d.Table == RemovedMark, ct);

    public static async Task SeedAsync(ContestDb db, TimeProvider time, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var province = Province();
        db.Units.Add(province);
        QuestionBank[] banks = [DemoQuestions.UnionHistory(now), DemoQuestions.English(now)];
        db.QuestionBanks.AddRange(banks);
        db.Contests.Add(new ContestInfo
        {
            Name = HistoryQuizName, Kind = ContestKind.LiveQuiz, Language = "vi", CreatedAt = now,
            Description = "Hội thi trực tiếp tìm hiểu lịch sử Đoàn nhân kỷ niệm 26/3.",
        });
        db.Contests.Add(new ContestInfo
        {
            Name = "Cuộc thi trực tuyến tìm hiểu Nghị quyết Đại hội Đoàn", Kind = ContestKind.OnlineRound, Language = "vi", CreatedAt = now,
            Description = "Thi trực tuyến hằng tuần trong Tháng Thanh niên, có câu hỏi dự đoán.",
        });
        db.Contests.Add(new ContestInfo
        {
            Name = EnglishQuizName, Kind = ContestKind.LiveQuiz | ContestKind.English, Language = "en", CreatedAt = now,
            Description = "An English quiz for young people of the province.",
        });
        var pitch = new ContestInfo
        {
            Name = PitchContestName, Kind = ContestKind.Pitch, Language = "vi", CreatedAt = now,
            Description = "Vòng chung kết: các đội thuyết trình dự án trước hội đồng giám khảo.",
        };
        db.Contests.Add(pitch);
        await db.SaveChangesAsync(ct);

        var final = PitchFinal(pitch.Id);
        db.PitchRounds.Add(final);
        await db.SaveChangesAsync(ct);

        Mark(db, DemoRow.Unit, Tree(province).Select(u => u.Id));
        Mark(db, DemoRow.Bank, banks.Select(b => b.Id));
        Mark(db, DemoRow.Contest, db.ChangeTracker.Entries<ContestInfo>().Select(e => e.Entity.Id));
        Mark(db, DemoRow.PitchRound, [final.Id]);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Records seeded rows as demo, so "start clean" can tell them from what organizers create.</summary>
    public static void Mark(ContestDb db, string table, IEnumerable<int> ids) =>
        db.Set<DemoRow>().AddRange(ids.Select(id => new DemoRow { Table = table, Key = id.ToString(System.Globalization.CultureInfo.InvariantCulture) }));

    private static IEnumerable<Unit> Tree(Unit u) => u.Children.SelectMany(Tree).Prepend(u);

    private static Unit Province()
    {
        Unit District(string name, int members, params string[] grassroots) => new()
        {
            Name = name, Level = UnitLevel.District, MemberCount = members,
            Children = grassroots.Select((g, i) => new Unit
            {
                Name = g, Level = UnitLevel.Grassroots, MemberCount = members / grassroots.Length,
                Children = [new Unit { Name = $"Chi đoàn {i + 1}A", Level = UnitLevel.Chapter, MemberCount = 30 }],
            }).ToList(),
        };

        return new Unit
        {
            Name = ProvinceName, Level = UnitLevel.Province, MemberCount = 64_000,
            Children =
            [
                District("Thành Đoàn Đồng Xoài", 9_200, "Đoàn phường Tân Phú", "Đoàn trường THPT Đồng Xoài"),
                District("Thị Đoàn Bình Long", 5_100, "Đoàn phường An Lộc", "Đoàn trường THPT Bình Long"),
                District("Thị Đoàn Phước Long", 4_800, "Đoàn phường Long Thủy"),
                District("Huyện Đoàn Bù Đăng", 7_300, "Đoàn xã Đức Liễu", "Đoàn xã Minh Hưng"),
                District("Huyện Đoàn Lộc Ninh", 6_400, "Đoàn xã Lộc Thái"),
                District("Huyện Đoàn Đồng Phú", 5_900, "Đoàn xã Tân Lập"),
            ],
        };
    }

    private static PitchRound PitchFinal(int contestId) => new()
    {
        ContestId = contestId,
        Name = "Chung kết",
        Method = AggregationMethod.TrimmedMean,
        Criteria =
        [
            new RubricCriterion { Order = 1, Name = "Tính mới, sáng tạo", Weight = 25, MaxScore = 10, Description = "Ý tưởng có điểm mới so với giải pháp hiện có." },
            new RubricCriterion { Order = 2, Name = "Tính khả thi", Weight = 25, MaxScore = 10, Description = "Kế hoạch triển khai, nguồn lực, rủi ro." },
            new RubricCriterion { Order = 3, Name = "Thị trường và khả năng thương mại hóa", Weight = 20, MaxScore = 10, Description = "Khách hàng, mô hình doanh thu." },
            new RubricCriterion { Order = 4, Name = "Năng lực đội ngũ", Weight = 15, MaxScore = 10, Description = "Kinh nghiệm, phân công trong nhóm." },
            new RubricCriterion { Order = 5, Name = "Tác động xã hội, môi trường", Weight = 15, MaxScore = 10, Description = "Kinh tế xanh, kinh tế tuần hoàn, chuyển đổi số." },
        ],
        Teams =
        [
            new PitchTeam { Order = 1, Name = "Hạt Điều Xanh", Project = "Chuỗi chế biến điều hữu cơ truy xuất nguồn gốc bằng QR", Members = "Nguyễn Văn An, Trần Thị Bình" },
            new PitchTeam { Order = 2, Name = "Nông Nghiệp Số", Project = "Cảm biến độ ẩm đất giá rẻ cho vườn tiêu", Members = "Lê Minh Châu, Phạm Quốc Dũng, Hoàng Gia Hân" },
            new PitchTeam { Order = 3, Name = "Du Lịch Bù Gia Mập", Project = "Nền tảng đặt tour sinh thái cộng đồng", Members = "Điểu Thị Lan, Vũ Đức Minh" },
            new PitchTeam { Order = 4, Name = "Tái Chế Trẻ", Project = "Gạch không nung từ phế phẩm vỏ hạt điều", Members = "Đặng Thu Ngân, Bùi Văn Phúc" },
        ],
    };
}
