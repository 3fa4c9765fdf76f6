using Contest.Admin.Rounds;
using Contest.Engine.Contests;
using Contest.Engine.Rounds;
using Contest.Engine.Storage;
using Contest.Engine.Units;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Contest.Admin.Areas.Admin.Pages.Rounds;

/// <summary>Create or edit a round; saving (re)schedules its open, close and publish jobs.</summary>
public sealed class EditModel(ContestDb db, RoundEditor editor) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Id { get; set; }
    [BindProperty] public int ContestId { get; set; }
    [BindProperty] public string Name { get; set; } = "";
    [BindProperty] public string Language { get; set; } = "vi";
    [BindProperty] public DateTime Opens { get; set; }
    [BindProperty] public DateTime Closes { get; set; }
    [BindProperty] public DateTime? PublishAt { get; set; }
    [BindProperty] public double TimeLimitMinutes { get; set; } = 10;
    [BindProperty] public int AttemptsAllowed { get; set; } = 1;
    [BindProperty] public SelectionMode Selection { get; set; }
    [BindProperty] public List<int> BankIds { get; set; } = [];
    [BindProperty] public string Tags { get; set; } = "";
    [BindProperty] public int QuestionCount { get; set; } = 10;
    [BindProperty] public int EasyCount { get; set; }
    [BindProperty] public int MediumCount { get; set; }
    [BindProperty] public int HardCount { get; set; }
    [BindProperty] public string FixedIds { get; set; } = "";
    [BindProperty] public bool ShuffleOptions { get; set; } = true;
    [BindProperty] public RoundLayout Layout { get; set; }
    [BindProperty] public string PredictionQuestion { get; set; } = "";
    [BindProperty] public bool ShowLiveLeaderboard { get; set; }
    [BindProperty] public int Stage { get; set; } = 1;
    [BindProperty] public int? QualifyTopN { get; set; }
    [BindProperty] public string Prizes { get; set; } = "";

    public IReadOnlyList<ContestInfo> Contests { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name)> Banks { get; private set; } = [];
    public ContestRound? Existing { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadListsAsync(ct);
        if (Id is { } id)
        {
            var r = await db.Set<ContestRound>().AsNoTracking().Include(x => x.Prizes).SingleOrDefaultAsync(x => x.Id == id, ct);
            if (r is null) return NotFound();
            Existing = r;
            ContestId = r.ContestId; Name = r.Name; Language = r.Language;
            Opens = r.OpensAt.ToOffset(VietnamClock.Offset).DateTime; Closes = r.ClosesAt.ToOffset(VietnamClock.Offset).DateTime;
            PublishAt = r.PublishAt?.ToOffset(VietnamClock.Offset).DateTime;
            TimeLimitMinutes = r.TimeLimitSeconds / 60.0; AttemptsAllowed = r.AttemptsAllowed; Selection = r.Selection; BankIds = r.BankIds;
            Tags = string.Join(", ", r.Tags); QuestionCount = r.QuestionCount; EasyCount = r.EasyCount; MediumCount = r.MediumCount; HardCount = r.HardCount;
            FixedIds = string.Join(", ", r.FixedQuestionIds); ShuffleOptions = r.ShuffleOptions; Layout = r.Layout; PredictionQuestion = r.PredictionQuestion;
            ShowLiveLeaderboard = r.ShowLiveLeaderboard; Stage = r.Stage; QualifyTopN = r.QualifyTopN;
            Prizes = string.Join("\n", r.Prizes.OrderBy(p => p.SortOrder).Select(p => $"{p.Kind};{p.Name};{p.Count};{p.UnitLevel}"));
        }
        else
        {
            var tomorrow = DateTime.Today.AddDays(1);
            Opens = tomorrow.AddHours(8); Closes = tomorrow.AddDays(7).AddHours(8);
            ContestId = Contests.FirstOrDefault(c => c.Kind == ContestKind.OnlineRound)?.Id ?? 0;
            Prizes = "TopOverall;Giải Nhất;1;\nClosestPrediction;Giải dự đoán;1;\nUnitMostParticipants;Giải tập thể;1;District";
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var (prizes, prizeError) = ParsePrizes(Prizes);
        var fixedIds = ParseIds(FixedIds);
        ContestRound? saved = null;
        if (prizeError is null && fixedIds is not null)
        {
            var round = new ContestRound
            {
                Id = Id ?? 0, ContestId = ContestId, Name = Name ?? "", Language = Language,
                OpensAt = VietnamClock.FromInput(Opens), ClosesAt = VietnamClock.FromInput(Closes), PublishAt = PublishAt is { } p ? VietnamClock.FromInput(p) : null,
                TimeLimitSeconds = (int)Math.Round(TimeLimitMinutes * 60), AttemptsAllowed = AttemptsAllowed, Selection = Selection, BankIds = BankIds,
                Tags = Tags.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList(),
                QuestionCount = QuestionCount, EasyCount = EasyCount, MediumCount = MediumCount, HardCount = HardCount, FixedQuestionIds = fixedIds,
                ShuffleOptions = ShuffleOptions, Layout = Layout, PredictionQuestion = PredictionQuestion ?? "", ShowLiveLeaderboard = ShowLiveLeaderboard,
                Stage = Stage, QualifyTopN = QualifyTopN, Prizes = prizes,
            };
            (saved, Error) = await editor.SaveAsync(round, ct);
        }
        else Error = prizeError ?? "Fixed question ids must be whole numbers separated by commas.";
        if (saved is not null) return Redirect("/admin/rounds");
        await LoadListsAsync(ct);
        return Page();
    }

    private static List<int>? ParseIds(string? text)
    {
        var ids = new List<int>();
        foreach (var part in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, out var id)) return null;
            ids.Add(id);
        }
        return ids;
    }

    private static (List<PrizeRule> Prizes, string? Error) ParsePrizes(string? text)
    {
        var list = new List<PrizeRule>();
        var lines = (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        for (var i = 0; i < lines.Length; i++)
        {
            var f = lines[i].Split(';').Select(x => x.Trim()).ToArray();
            if (f.Length < 3 || !Enum.TryParse<PrizeKind>(f[0], out var kind) || !int.TryParse(f[2], out var count))
                return ([], $"Prize line {i + 1}: write kind;name;count;unit level.");
            UnitLevel? level = null;
            if (f.Length > 3 && f[3].Length > 0)
            {
                if (!Enum.TryParse<UnitLevel>(f[3], out var l)) return ([], $"Prize line {i + 1}: unknown unit level '{f[3]}'.");
                level = l;
            }
            list.Add(new PrizeRule { Kind = kind, Name = f[1], Count = count, UnitLevel = level, SortOrder = i + 1 });
        }
        return (list, null);
    }

    private async Task LoadListsAsync(CancellationToken ct)
    {
        Contests = await db.Contests.AsNoTracking().OrderBy(c => c.Name).ToListAsync(ct);
        Banks = (await db.QuestionBanks.AsNoTracking().OrderBy(b => b.Name).Select(b => new { b.Id, b.Name }).ToListAsync(ct)).Select(b => (b.Id, b.Name)).ToList();
        if (Id is { } id) Existing ??= await db.Set<ContestRound>().AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
    }
}
