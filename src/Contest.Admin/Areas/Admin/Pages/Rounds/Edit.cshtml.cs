using Contest.Engine.Rounds.Integrity;
using Contest.Admin.Localization;
using Contest.Admin.Rounds;
using Contest.Engine.Contests;
using Contest.Engine.Demo;
using Contest.Engine.Questions;
using Contest.Engine.Rounds;
using Contest.Engine.Storage;
using Contest.Engine.Text;
using Contest.Engine.Units;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Contest.Engine.Time;

namespace Contest.Admin.Areas.Admin.Pages.Rounds;

/// <summary>
/// Create or edit a round; saving (re)schedules its open, close and publish jobs. Every field is checked here,
/// each problem shown next to its field in the page's language, before the engine is asked to save; an open
/// round needs an explicit confirmation and a closed one cannot be changed.
/// </summary>
public sealed class EditModel(ContestDb db, RoundEditor editor, IStringLocalizer<RoundsAdminUi> a, IStringLocalizer<Forms> f, IStringLocalizer<Errors.ErrorTexts> e) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Id { get; set; }
    [BindProperty] public int? ContestId { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Language { get; set; } = "vi";
    [BindProperty] public DateTime? Opens { get; set; }
    [BindProperty] public DateTime? Closes { get; set; }
    [BindProperty] public DateTime? PublishAt { get; set; }
    [BindProperty] public double? TimeLimitMinutes { get; set; } = 10;
    [BindProperty] public int? AttemptsAllowed { get; set; } = 1;
    [BindProperty] public RosterMatch RosterMatch { get; set; }
    [BindProperty] public SelectionMode Selection { get; set; }
    [BindProperty] public List<int> BankIds { get; set; } = [];
    [BindProperty] public string? Tags { get; set; }
    [BindProperty] public int? QuestionCount { get; set; } = 10;
    [BindProperty] public int? EasyCount { get; set; }
    [BindProperty] public int? MediumCount { get; set; }
    [BindProperty] public int? HardCount { get; set; }
    [BindProperty] public string? FixedIds { get; set; }
    [BindProperty] public bool ShuffleOptions { get; set; } = true;
    [BindProperty] public RoundLayout Layout { get; set; }
    [BindProperty] public string? PredictionQuestion { get; set; }
    [BindProperty] public bool ShowLiveLeaderboard { get; set; }
    [BindProperty] public int? Stage { get; set; } = 1;
    [BindProperty] public int? QualifyTopN { get; set; }
    [BindProperty] public List<PrizeInput> PrizeRows { get; set; } = [];
    [BindProperty] public bool OnePrizePerPerson { get; set; }
    [BindProperty] public PredictionTieBreak PredictionTieBreak { get; set; }
    [BindProperty] public bool ConfirmOpenEdit { get; set; }
    [BindProperty] public bool IntegrityChecks { get; set; } = true;
    [BindProperty] public int? ReadingMsPerCharacter { get; set; } = IntegritySettings.DefaultMsPerCharacter;
    [BindProperty] public double? ReadingMinimumSeconds { get; set; } = IntegritySettings.DefaultMinimumMs / 1000.0;

    public IReadOnlyList<ContestInfo> Contests { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name, int Questions)> Banks { get; private set; } = [];
    public ContestRound? Existing { get; private set; }
    public string? Error { get; private set; }

    public bool IsOpen => Existing?.Status == RoundStatus.Open;
    public bool IsClosed => Existing?.Status is RoundStatus.Closed or RoundStatus.Published;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadListsAsync(ct);
        if (Id is not null)
        {
            if (Existing is not { } r) return NotFound();
            ContestId = r.ContestId; Name = r.Name; Language = r.Language;
            Opens = Local(r.OpensAt); Closes = Local(r.ClosesAt); PublishAt = r.PublishAt is { } p ? Local(p) : null;
            TimeLimitMinutes = r.TimeLimitSeconds / 60.0; AttemptsAllowed = r.AttemptsAllowed; RosterMatch = r.RosterMatch; Selection = r.Selection; BankIds = r.BankIds;
            Tags = string.Join(", ", r.Tags); QuestionCount = r.QuestionCount;
            EasyCount = Blank(r.EasyCount); MediumCount = Blank(r.MediumCount); HardCount = Blank(r.HardCount);
            FixedIds = string.Join(", ", r.FixedQuestionIds); ShuffleOptions = r.ShuffleOptions; Layout = r.Layout; PredictionQuestion = r.PredictionQuestion;
            ShowLiveLeaderboard = r.ShowLiveLeaderboard; Stage = r.Stage; QualifyTopN = r.QualifyTopN;
            PrizeRows = [.. r.Prizes.OrderBy(p => p.SortOrder).Select(PrizeInput.Of)];
            OnePrizePerPerson = r.OnePrizePerPerson; PredictionTieBreak = r.PredictionTieBreak;
            IntegrityChecks = r.IntegrityChecks; ReadingMsPerCharacter = r.ReadingMsPerCharacter; ReadingMinimumSeconds = r.ReadingMinimumMs / 1000.0;
        }
        else
        {
            var tomorrow = VietnamTime.Today().AddDays(1);
            Opens = tomorrow.AddHours(8); Closes = tomorrow.AddDays(7).AddHours(8);
            ContestId = Contests.FirstOrDefault()?.Id;
            PrizeRows = [.. DemoPrizes.UsualTable(key => a[$"Prize.Default.{key}"]).Select(PrizeInput.Of)];
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadListsAsync(ct);
        if (Id is not null && Existing is null) return NotFound();
        if (IsClosed) Error = a["Err.Closed"];
        else
        {
            var round = await ValidateAsync(ct);
            if (round is not null && ModelState.IsValid)
            {
                var (saved, error) = await editor.SaveAsync(round, ct);
                if (saved is not null) return Redirect("/admin/rounds");
                // The checks above mirror the engine's; this is reached only when the round changed meanwhile.
                Error = a["Err.NotSaved", Errors.ApiProblem.Text(e, error!)];
            }
            else Error = f["Form.FixBelow"];
        }
        return Page();
    }

    /// <summary>The round to save, with every problem added to ModelState under its field.</summary>
    private async Task<ContestRound?> ValidateAsync(CancellationToken ct)
    {
        ModelState.ForgetUnreadableCheckboxes(f["Bind.Missing"], nameof(ShuffleOptions), nameof(ShowLiveLeaderboard), nameof(ConfirmOpenEdit), nameof(OnePrizePerPerson), nameof(IntegrityChecks));
        var name = TextNormalizer.CollapseSpaces(TextNormalizer.Nfc(Name ?? ""));
        if (name.Length == 0) Add(nameof(Name), a["Err.NameRequired"]);
        else if (name.Length > 300) Add(nameof(Name), a["Err.TooLong", name.Length, 300]);
        if (ContestId is not { } contestId || Contests.All(c => c.Id != contestId)) Add(nameof(ContestId), a["Err.Contest"]);
        if (Language is not ("vi" or "en")) Add(nameof(Language), a["Err.Language"]);
        if (Opens is null) AddUnlessBad(nameof(Opens), a["Err.OpensRequired"]);
        if (Closes is null) AddUnlessBad(nameof(Closes), a["Err.ClosesRequired"]);
        if (Opens is { } o && Closes is { } c && c <= o) Add(nameof(Closes), a["Err.CloseBeforeOpen"]);
        if (PublishAt is { } p && Closes is { } c2 && p < c2) Add(nameof(PublishAt), a["Err.PublishBeforeClose"]);
        if (TimeLimitMinutes is null) AddUnlessBad(nameof(TimeLimitMinutes), a["Err.TimeLimitRequired"]);
        else if (TimeLimitMinutes is < 0.5 or > 1440 || double.IsNaN(TimeLimitMinutes.Value)) Add(nameof(TimeLimitMinutes), a["Err.TimeLimit"]);
        var attempts = AttemptsAllowed ?? 1;
        if (attempts is < 1 or > 100) Add(nameof(AttemptsAllowed), a["Err.Attempts"]);
        if (!Enum.IsDefined(Selection)) Add(nameof(Selection), a["Err.Selection"]);
        if (!Enum.IsDefined(RosterMatch)) Add(nameof(RosterMatch), a["Err.RosterMatch"]);
        if (!Enum.IsDefined(Layout)) Add(nameof(Layout), a["Err.Layout"]);
        var stage = Stage ?? 1;
        if (stage is < 1 or > 100) Add(nameof(Stage), a["Err.Stage"]);
        if (QualifyTopN is <= 0) Add(nameof(QualifyTopN), a["Err.Qualify"]);
        var prediction = TextNormalizer.Nfc((PredictionQuestion ?? "").Trim());
        if (prediction.Length > 1000) Add(nameof(PredictionQuestion), a["Err.TooLong", prediction.Length, 1000]);
        var msPerCharacter = ReadingMsPerCharacter ?? IntegritySettings.DefaultMsPerCharacter;
        if (msPerCharacter is < 0 or > 1000) Add(nameof(ReadingMsPerCharacter), a["Err.ReadingPerCharacter"]);
        var minimumSeconds = ReadingMinimumSeconds ?? IntegritySettings.DefaultMinimumMs / 1000.0;
        if (minimumSeconds is < 0 or > 60 || double.IsNaN(minimumSeconds)) Add(nameof(ReadingMinimumSeconds), a["Err.ReadingMinimum"]);

        var tags = (Tags ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => TextNormalizer.Nfc(t)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (tags.Any(t => t.Length > 50)) Add(nameof(Tags), a["Err.TagTooLong", 50]);
        var (easy, medium, hard) = (EasyCount ?? 0, MediumCount ?? 0, HardCount ?? 0);
        var fixedIds = new List<int>();
        if (Selection == SelectionMode.Fixed)
        {
            foreach (var part in (FixedIds ?? "").Split([',', ';', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (int.TryParse(part, out var id) && id > 0) fixedIds.Add(id);
                else { Add(nameof(FixedIds), a["Err.FixedIds", part]); break; }
            }
            if (ModelState.GetFieldValidationState(nameof(FixedIds)) != ModelValidationState.Invalid)
            {
                if (fixedIds.Count == 0) Add(nameof(FixedIds), a["Err.FixedRequired"]);
                else if (fixedIds.GroupBy(x => x).FirstOrDefault(g => g.Count() > 1) is { } twice) Add(nameof(FixedIds), a["Err.FixedTwice", twice.Key]);
                else if (fixedIds.Count > 200) Add(nameof(FixedIds), a["Err.CountRange", fixedIds.Count]);
                else
                {
                    var found = await db.Questions.Where(q => fixedIds.Contains(q.Id)).Select(q => q.Id).ToListAsync(ct);
                    if (fixedIds.Except(found).ToList() is { Count: > 0 } missing) Add(nameof(FixedIds), a["Err.FixedMissing", string.Join(", ", missing)]);
                }
            }
        }
        else
        {
            if (easy < 0) Add(nameof(EasyCount), a["Err.Negative"]);
            if (medium < 0) Add(nameof(MediumCount), a["Err.Negative"]);
            if (hard < 0) Add(nameof(HardCount), a["Err.Negative"]);
            var mixed = easy + medium + hard > 0;
            if (!mixed && QuestionCount is null) AddUnlessBad(nameof(QuestionCount), a["Err.CountRequired"]);
            var perAttempt = mixed ? easy + medium + hard : QuestionCount ?? 0;
            if (QuestionCount is not null || mixed)
                if (perAttempt is < 1 or > 200) Add(mixed ? nameof(HardCount) : nameof(QuestionCount), a["Err.CountRange", perAttempt]);
            if (BankIds.Count == 0) Add(nameof(BankIds), a["Err.Banks"]);
            else if (BankIds.Any(id => Banks.All(b => b.Id != id))) Add(nameof(BankIds), a["Err.BankMissing"]);
        }

        var prizes = PrizeRowsForm.Read(PrizeRows, PredictionTieBreak, ModelState, a);

        if (IsOpen)
        {
            if (Opens is { } opens && Kept(VietnamTime.FromLocal(opens), Existing!.OpensAt) != Existing.OpensAt) Add(nameof(Opens), a["Err.OpenLocked"]);
            if (Selection != Existing!.Selection) Add(nameof(Selection), a["Err.OpenLocked"]);
            if (!ConfirmOpenEdit) Add(nameof(ConfirmOpenEdit), a["Err.ConfirmOpen"]);
        }
        if (!ModelState.IsValid) return null;

        var round = new ContestRound
        {
            Id = Id ?? 0, ContestId = ContestId!.Value, Name = name, Language = Language!,
            OpensAt = Kept(VietnamTime.FromLocal(Opens!.Value), Existing?.OpensAt), ClosesAt = Kept(VietnamTime.FromLocal(Closes!.Value), Existing?.ClosesAt),
            PublishAt = PublishAt is { } at ? Kept(VietnamTime.FromLocal(at), Existing?.PublishAt) : null,
            TimeLimitSeconds = (int)Math.Round(TimeLimitMinutes!.Value * 60), AttemptsAllowed = attempts, RosterMatch = RosterMatch, Selection = Selection,
            BankIds = Selection == SelectionMode.Random ? [.. BankIds.Distinct()] : [], Tags = Selection == SelectionMode.Random ? tags : [],
            QuestionCount = QuestionCount ?? 0, EasyCount = easy, MediumCount = medium, HardCount = hard, FixedQuestionIds = fixedIds,
            ShuffleOptions = ShuffleOptions, Layout = Layout, PredictionQuestion = prediction, ShowLiveLeaderboard = ShowLiveLeaderboard,
            Stage = stage, QualifyTopN = QualifyTopN, Prizes = prizes, OnePrizePerPerson = OnePrizePerPerson, PredictionTieBreak = PredictionTieBreak,
            IntegrityChecks = IntegrityChecks, ReadingMsPerCharacter = msPerCharacter, ReadingMinimumMs = (int)Math.Round(minimumSeconds * 1000),
        };
        if (round.Selection == SelectionMode.Random) await CheckPoolAsync(round, ct);
        return ModelState.IsValid ? round : null;
    }

    /// <summary>Refuses a draw that would fail for every participant: the banks (and topics) must hold enough questions.</summary>
    private async Task CheckPoolAsync(ContestRound round, CancellationToken ct)
    {
        var pool = await db.Questions.AsNoTracking().Where(q => round.BankIds.Contains(q.BankId)).ToListAsync(ct);
        var eligible = pool.Where(q => QuestionDraw.Eligible(round, q)).ToList();
        var field = round.Tags.Count > 0 ? nameof(Tags) : nameof(BankIds);
        if (round.EasyCount + round.MediumCount + round.HardCount > 0)
        {
            foreach (var (difficulty, count, key) in new[] { (Difficulty.Easy, round.EasyCount, nameof(EasyCount)), (Difficulty.Medium, round.MediumCount, nameof(MediumCount)), (Difficulty.Hard, round.HardCount, nameof(HardCount)) })
            {
                var have = eligible.Count(q => q.Difficulty == difficulty);
                if (have < count) Add(key, a["Err.PoolDifficulty", have, count]);
            }
        }
        else if (eligible.Count < round.QuestionCount) Add(round.Tags.Count > 0 ? field : nameof(QuestionCount), a["Err.Pool", eligible.Count, round.QuestionCount]);
    }

    private void Add(string field, string message) => ModelState.AddModelError(field, message);

    /// <summary>An empty field's message, unless binding already said what was wrong with what was typed.</summary>
    private void AddUnlessBad(string field, string message)
    {
        if (ModelState.GetFieldValidationState(field) != ModelValidationState.Invalid) Add(field, message);
    }

    /// <summary>
    /// The stored time when the form sends it back within the same minute: the form edits to the minute, so an
    /// untouched box must not count as a change (an open round's opening time may not change at all).
    /// </summary>
    private static DateTimeOffset Kept(DateTimeOffset typed, DateTimeOffset? stored) =>
        stored is { } s && typed.UtcTicks / TimeSpan.TicksPerMinute == s.UtcTicks / TimeSpan.TicksPerMinute ? s : typed;

    private static DateTime Local(DateTimeOffset at) => VietnamTime.ToLocal(at).DateTime;

    private static int? Blank(int n) => n == 0 ? null : n;

    private async Task LoadListsAsync(CancellationToken ct)
    {
        // Rounds belong to online-round contests; a round already filed elsewhere keeps its contest in the list.
        var current = Id is { } rid ? await db.Set<ContestRound>().Where(r => r.Id == rid).Select(r => (int?)r.ContestId).SingleOrDefaultAsync(ct) : null;
        Contests = await Contest.Admin.Contests.ContestChoices.OfKindAsync(db, ContestKind.OnlineRound, current, ct);
        Banks = (await db.QuestionBanks.AsNoTracking().OrderBy(b => b.Name).Select(b => new { b.Id, b.Name, Count = b.Questions.Count }).ToListAsync(ct))
            .Select(b => (b.Id, b.Name, b.Count)).ToList();
        if (Id is { } id) Existing = await db.Set<ContestRound>().AsNoTracking().Include(x => x.Prizes).SingleOrDefaultAsync(x => x.Id == id, ct);
    }
}
