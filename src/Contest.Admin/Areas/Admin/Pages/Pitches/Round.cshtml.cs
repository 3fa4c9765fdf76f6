using System.Text.Json;
using Contest.Admin.Pitches;
using Contest.Engine.Accounts;
using Contest.Engine.Pitches;
using Contest.Engine.Storage;
using Contest.Engine.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Contest.Admin.Areas.Admin.Pages.Pitches;

public sealed record JudgeOption(string Id, string UserName, string DisplayName);

/// <summary>
/// Setting up one pitch round: settings, teams, rubric (with Excel import/export), judges and conflicts of interest.
/// Each form's problems are shown next to its own fields (ModelState keys below); only the rubric file's problems
/// are listed under the import.
/// </summary>
public sealed class RoundModel(ContestDb db, UserManager<AppUser> users, TimeProvider time, IStringLocalizer<PitchAdminUi> a) : PageModel
{
    public const string SettingsName = "Settings.Name", TeamName = "Team.Name", TeamDeck = "Team.DeckUrl", TeamText = "Team.Text", RubricFile = "Rubric.File",
        AssignJudgeKey = "Judge.Assign", NewJudgeName = "Judge.UserName", NewJudgeDisplay = "Judge.DisplayName", NewJudgePassword = "Judge.Password",
        ConflictTeam = "Conflict.Team", ConflictJudge = "Conflict.Judge", ConflictReason = "Conflict.Reason", General = "General";

    public PitchRound Round { get; private set; } = null!;
    public IReadOnlyList<JudgeOption> Assigned { get; private set; } = [];
    public IReadOnlyList<JudgeOption> Available { get; private set; } = [];
    public IReadOnlyList<PitchConflict> Conflicts { get; private set; } = [];

    /// <summary>The rubric file's problems (sheet, row, column, why).</summary>
    public List<string> Errors { get; } = [];
    public IReadOnlyList<RubricRow>? Preview { get; private set; }
    public string PreviewJson { get; private set; } = "";
    public bool HasScores { get; private set; }

    [TempData] public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    /// <summary>What was typed in a form that came back with problems, to fill it again.</summary>
    public string Posted(string field) => Request.HasFormContentType && !ModelState.IsValid ? Request.Form[field].ToString() : "";

    public async Task<IActionResult> OnPostSettingsAsync(int id, string? name, AggregationMethod? method, int? tieBreakCriterionId, int? pitchSeconds, int? qaSeconds, CancellationToken ct)
    {
        var round = await db.PitchRounds.Include(r => r.Criteria).SingleOrDefaultAsync(r => r.Id == id, ct);
        if (round is null) return NotFound();
        var trimmed = TextNormalizer.CollapseSpaces(TextNormalizer.Nfc(name ?? ""));
        if (trimmed.Length == 0) Add(SettingsName, a["Err.RoundName"]);
        else if (trimmed.Length > 300) Add(SettingsName, a["Err.TooLong", trimmed.Length, 300]);
        if (method is not { } m || !Enum.IsDefined(m)) Unless(nameof(method), a["Err.Method"]);
        if (tieBreakCriterionId is { } c && round.Criteria.All(x => x.Id != c)) Add(nameof(tieBreakCriterionId), a["Err.TieBreak"]);
        if (pitchSeconds is not (>= 10 and <= 3600)) Unless(nameof(pitchSeconds), a["Err.PitchSeconds"]);
        if (qaSeconds is not (>= 0 and <= 3600)) Unless(nameof(qaSeconds), a["Err.QaSeconds"]);
        if (!ModelState.IsValid) return await ReloadAsync(id, ct);
        round.Name = trimmed;
        round.Method = method!.Value;
        round.TieBreakCriterionId = tieBreakCriterionId;
        round.PitchSeconds = pitchSeconds!.Value;
        round.QaSeconds = qaSeconds!.Value;
        await db.SaveChangesAsync(ct);
        return Done(id);
    }

    public async Task<IActionResult> OnPostAddTeamAsync(int id, string? name, string? project, string? members, string? description, string? deckUrl, int? order, CancellationToken ct)
    {
        if (!await db.PitchRounds.AnyAsync(r => r.Id == id, ct)) return NotFound();
        var teamName = TextNormalizer.CollapseSpaces(TextNormalizer.Nfc(name ?? ""));
        if (teamName.Length == 0) Add(TeamName, a["Err.TeamName"]);
        else if (teamName.Length > 300) Add(TeamName, a["Err.TooLong", teamName.Length, 300]);
        foreach (var (text, max) in new[] { (project, 500), (members, 500), (description, 4000) })
            if ((text?.Trim().Length ?? 0) > max) Add(TeamText, a["Err.TooLong", text!.Trim().Length, max]);
        if (!string.IsNullOrWhiteSpace(deckUrl) && !(Uri.TryCreate(deckUrl.Trim(), UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttps || u.Scheme == Uri.UriSchemeHttp)))
            Add(TeamDeck, a["Err.DeckUrl"]);
        if (!ModelState.IsValid) return await ReloadAsync(id, ct);
        var next = order ?? (await db.PitchTeams.Where(t => t.RoundId == id).MaxAsync(t => (int?)t.Order, ct) ?? 0) + 1;
        db.PitchTeams.Add(new PitchTeam
        {
            RoundId = id, Name = teamName, Project = project?.Trim() ?? "", Members = members?.Trim() ?? "",
            Description = description?.Trim() ?? "", DeckUrl = string.IsNullOrWhiteSpace(deckUrl) ? null : deckUrl.Trim(), Order = next,
        });
        await db.SaveChangesAsync(ct);
        return Done(id);
    }

    public async Task<IActionResult> OnPostMoveTeamAsync(int id, int? teamId, int? delta, CancellationToken ct)
    {
        var teams = await db.PitchTeams.Where(t => t.RoundId == id).OrderBy(t => t.Order).ThenBy(t => t.Id).ToListAsync(ct);
        var i = teams.FindIndex(t => t.Id == teamId);
        if (i < 0) { Add(General, a["Err.NotFound"]); return await ReloadAsync(id, ct); }
        var j = i + Math.Sign(delta ?? 0);
        if (j >= 0 && j < teams.Count) (teams[i], teams[j]) = (teams[j], teams[i]);
        for (var k = 0; k < teams.Count; k++) teams[k].Order = k + 1;
        await db.SaveChangesAsync(ct);
        return Done(id);
    }

    public async Task<IActionResult> OnGetExportRubricAsync(int id, CancellationToken ct)
    {
        var criteria = await db.RubricCriteria.AsNoTracking().Where(c => c.RoundId == id).ToListAsync(ct);
        return File(RubricWorkbook.Export(criteria), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"rubric-round-{id}.xlsx");
    }

    public async Task<IActionResult> OnPostImportRubricAsync(int id, IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0) { Add(RubricFile, a["Err.NoFile"]); return await ReloadAsync(id, ct); }
        await using var stream = file.OpenReadStream();
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, ct);
        copy.Position = 0;
        var import = RubricWorkbook.Import(copy, a);
        Errors.AddRange(import.Errors);
        if (Errors.Count == 0)
        {
            Preview = import.Rows;
            PreviewJson = JsonSerializer.Serialize(import.Rows);
        }
        return await ReloadAsync(id, ct);
    }

    public async Task<IActionResult> OnPostConfirmRubricAsync(int id, string? rows, CancellationToken ct)
    {
        var round = await db.PitchRounds.Include(r => r.Criteria).SingleOrDefaultAsync(r => r.Id == id, ct);
        if (round is null) return NotFound();
        List<RubricRow>? parsed = null;
        try { parsed = JsonSerializer.Deserialize<List<RubricRow>>(rows ?? ""); } catch (JsonException) { }
        if (parsed is not { Count: > 0 } || parsed.Any(r => string.IsNullOrWhiteSpace(r.Name) || r.Weight <= 0 || r.MaxScore is < 1 or > 100))
            Add(RubricFile, a["Err.RubricConfirm"]);
        // Replacing criteria would orphan the meaning of scores already given.
        else if (await RoundHasScoresAsync(id, ct)) Add(RubricFile, a["Err.RubricScored"]);
        if (!ModelState.IsValid) return await ReloadAsync(id, ct);
        round.TieBreakCriterionId = null;
        db.RubricCriteria.RemoveRange(round.Criteria);
        round.Criteria.AddRange(parsed!.Select(r => new RubricCriterion { Order = r.Order, Name = r.Name, Description = r.Description, Weight = r.Weight, MaxScore = r.MaxScore, Guidance = r.Guidance }));
        await db.SaveChangesAsync(ct);
        return Done(id);
    }

    public async Task<IActionResult> OnPostAssignJudgeAsync(int id, string? userId, CancellationToken ct)
    {
        if (!await db.PitchRounds.AnyAsync(r => r.Id == id, ct)) return NotFound();
        var user = userId is null ? null : await users.FindByIdAsync(userId);
        if (user is null || !await users.IsInRoleAsync(user, Roles.Judge)) Add(AssignJudgeKey, a["Err.JudgeRole"]);
        else if (await db.Set<PitchJudge>().AnyAsync(j => j.RoundId == id && j.UserId == userId, ct)) Add(AssignJudgeKey, a["Err.JudgeTwice"]);
        if (!ModelState.IsValid) return await ReloadAsync(id, ct);
        db.Add(new PitchJudge { RoundId = id, UserId = userId! });
        await db.SaveChangesAsync(ct);
        return Done(id);
    }

    public async Task<IActionResult> OnPostCreateJudgeAsync(int id, string? userName, string? displayName, string? password, CancellationToken ct)
    {
        if (!await db.PitchRounds.AnyAsync(r => r.Id == id, ct)) return NotFound();
        var login = (userName ?? "").Trim();
        var display = TextNormalizer.CollapseSpaces(TextNormalizer.Nfc(displayName ?? ""));
        if (login.Length == 0) Add(NewJudgeName, a["Err.UserName"]);
        else if (login.Length > 100) Add(NewJudgeName, a["Err.TooLong", login.Length, 100]);
        if (display.Length > 200) Add(NewJudgeDisplay, a["Err.TooLong", display.Length, 200]);
        if (string.IsNullOrEmpty(password)) Add(NewJudgePassword, a["Err.Password"]);
        if (!ModelState.IsValid) return await ReloadAsync(id, ct);
        var user = new AppUser { UserName = login, DisplayName = display.Length > 0 ? display : login, CreatedAt = time.GetUtcNow() };
        var created = await users.CreateAsync(user, password!);
        if (created.Succeeded)
        {
            created = await users.AddToRoleAsync(user, Roles.Judge);
            if (!created.Succeeded) await users.DeleteAsync(user);
        }
        if (!created.Succeeded)
        {
            // Identity's own messages, translated by the site's describer, under the field each concerns.
            foreach (var e in created.Errors)
                Add(e.Code.Contains("UserName", StringComparison.Ordinal) ? NewJudgeName : e.Code.StartsWith("Password", StringComparison.Ordinal) ? NewJudgePassword : General, e.Description);
            return await ReloadAsync(id, ct);
        }
        db.Add(new PitchJudge { RoundId = id, UserId = user.Id });
        await db.SaveChangesAsync(ct);
        return Done(id);
    }

    public async Task<IActionResult> OnPostRemoveJudgeAsync(int id, string? userId, CancellationToken ct)
    {
        var judge = await db.Set<PitchJudge>().SingleOrDefaultAsync(j => j.RoundId == id && j.UserId == userId, ct);
        if (judge is not null) db.Remove(judge);
        await db.SaveChangesAsync(ct);
        return Done(id);
    }

    public async Task<IActionResult> OnPostAddConflictAsync(int id, string? userId, int? teamId, string? reason, CancellationToken ct)
    {
        if (!await db.PitchRounds.AnyAsync(r => r.Id == id, ct)) return NotFound();
        var team = teamId is null ? null : await db.PitchTeams.SingleOrDefaultAsync(t => t.Id == teamId && t.RoundId == id, ct);
        if (team is null) Add(ConflictTeam, a["Err.ConflictTeam"]);
        else if (team.IsLocked) Add(ConflictTeam, a["Err.TeamLocked"]);
        if (userId is null || !await db.Set<PitchJudge>().AnyAsync(j => j.RoundId == id && j.UserId == userId, ct)) Add(ConflictJudge, a["Err.ConflictJudge"]);
        else if (team is not null && await db.Set<PitchConflict>().AnyAsync(c => c.TeamId == teamId && c.UserId == userId, ct)) Add(ConflictJudge, a["Err.ConflictTwice"]);
        var why = (reason ?? "").Trim();
        if (why.Length > 500) Add(ConflictReason, a["Err.TooLong", why.Length, 500]);
        if (!ModelState.IsValid) return await ReloadAsync(id, ct);
        // A conflict declared after scoring is still recorded: the scores stay stored but no longer count.
        db.Add(new PitchConflict { TeamId = team!.Id, UserId = userId!, Reason = why });
        await db.SaveChangesAsync(ct);
        return Done(id);
    }

    public async Task<IActionResult> OnPostRemoveConflictAsync(int id, int? conflictId, CancellationToken ct)
    {
        // Only a conflict of this round's teams: the id comes from the form.
        var c = await db.Set<PitchConflict>().SingleOrDefaultAsync(x => x.Id == conflictId && db.PitchTeams.Any(t => t.Id == x.TeamId && t.RoundId == id), ct);
        if (c is not null) db.Remove(c);
        await db.SaveChangesAsync(ct);
        return Done(id);
    }

    private void Add(string key, string message) => ModelState.AddModelError(key, message);

    /// <summary>A missing value's message, unless binding already said what was wrong with what was typed.</summary>
    private void Unless(string key, string message)
    {
        if (ModelState.GetFieldValidationState(key) != Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid) Add(key, message);
    }

    private IActionResult Done(int id)
    {
        Message = "Done";
        return Redirect($"/admin/pitches/round/{id}");
    }

    private async Task<IActionResult> ReloadAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    private Task<bool> RoundHasScoresAsync(int id, CancellationToken ct) =>
        db.Set<PitchScore>().AnyAsync(s => db.PitchTeams.Any(t => t.Id == s.TeamId && t.RoundId == id), ct);

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var round = await db.PitchRounds.AsNoTracking().Include(r => r.Criteria).Include(r => r.Teams).AsSplitQuery().SingleOrDefaultAsync(r => r.Id == id, ct);
        if (round is null) return false;
        Round = round;
        var judges = (await users.GetUsersInRoleAsync(Roles.Judge)).Select(u => new JudgeOption(u.Id, u.UserName ?? u.Id, u.DisplayName)).OrderBy(u => u.UserName, StringComparer.Ordinal).ToList();
        var assigned = await db.Set<PitchJudge>().Where(j => j.RoundId == id).Select(j => j.UserId).ToListAsync(ct);
        Assigned = judges.Where(j => assigned.Contains(j.Id)).ToList();
        Available = judges.Where(j => !assigned.Contains(j.Id)).ToList();
        var teamIds = round.Teams.Select(t => t.Id).ToList();
        Conflicts = await db.Set<PitchConflict>().AsNoTracking().Where(c => teamIds.Contains(c.TeamId)).OrderBy(c => c.Id).ToListAsync(ct);
        HasScores = await RoundHasScoresAsync(id, ct);
        return true;
    }
}
