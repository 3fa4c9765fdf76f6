using System.Text.Json;
using Contest.Engine.Accounts;
using Contest.Engine.Pitches;
using Contest.Engine.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Contest.Admin.Areas.Admin.Pages.Pitches;

public sealed record JudgeOption(string Id, string UserName, string DisplayName);

/// <summary>Setting up one pitch round: settings, teams, rubric (with Excel import/export), judges and conflicts of interest.</summary>
public sealed class RoundModel(ContestDb db, UserManager<AppUser> users, TimeProvider time) : PageModel
{
    public PitchRound Round { get; private set; } = null!;
    public IReadOnlyList<JudgeOption> Assigned { get; private set; } = [];
    public IReadOnlyList<JudgeOption> Available { get; private set; } = [];
    public IReadOnlyList<PitchConflict> Conflicts { get; private set; } = [];
    public List<string> Errors { get; } = [];
    public IReadOnlyList<RubricRow>? Preview { get; private set; }
    public string PreviewJson { get; private set; } = "";
    public bool HasScores { get; private set; }

    [TempData] public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostSettingsAsync(int id, string? name, AggregationMethod method, int? tieBreakCriterionId, int pitchSeconds, int qaSeconds, CancellationToken ct)
    {
        var round = await db.PitchRounds.Include(r => r.Criteria).SingleOrDefaultAsync(r => r.Id == id, ct);
        if (round is null) return NotFound();
        if (string.IsNullOrWhiteSpace(name)) Errors.Add("The round needs a name.");
        if (!Enum.IsDefined(method)) Errors.Add("Unknown aggregation method.");
        if (tieBreakCriterionId is { } c && round.Criteria.All(x => x.Id != c)) Errors.Add("The tie-break criterion is not part of this round's rubric.");
        if (pitchSeconds is < 10 or > 3600 || qaSeconds is < 0 or > 3600) Errors.Add("Times must be between 10 s and 1 hour (Q&A may be 0).");
        if (Errors.Count > 0) return await ReloadAsync(id, ct);
        round.Name = name!.Trim();
        round.Method = method;
        round.TieBreakCriterionId = tieBreakCriterionId;
        round.PitchSeconds = pitchSeconds;
        round.QaSeconds = qaSeconds;
        await db.SaveChangesAsync(ct);
        return Done(id);
    }

    public async Task<IActionResult> OnPostAddTeamAsync(int id, string? name, string? project, string? members, string? description, string? deckUrl, int? order, CancellationToken ct)
    {
        if (!await db.PitchRounds.AnyAsync(r => r.Id == id, ct)) return NotFound();
        if (string.IsNullOrWhiteSpace(name)) Errors.Add("The team needs a name.");
        if (!string.IsNullOrWhiteSpace(deckUrl) && !(Uri.TryCreate(deckUrl, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttps || u.Scheme == Uri.UriSchemeHttp)))
            Errors.Add("The deck link must be an http(s) address.");
        if (Errors.Count > 0) return await ReloadAsync(id, ct);
        var next = order ?? (await db.PitchTeams.Where(t => t.RoundId == id).MaxAsync(t => (int?)t.Order, ct) ?? 0) + 1;
        db.PitchTeams.Add(new PitchTeam
        {
            RoundId = id, Name = name!.Trim(), Project = project?.Trim() ?? "", Members = members?.Trim() ?? "",
            Description = description?.Trim() ?? "", DeckUrl = string.IsNullOrWhiteSpace(deckUrl) ? null : deckUrl.Trim(), Order = next,
        });
        await db.SaveChangesAsync(ct);
        return Done(id);
    }

    public async Task<IActionResult> OnPostMoveTeamAsync(int id, int teamId, int delta, CancellationToken ct)
    {
        var teams = await db.PitchTeams.Where(t => t.RoundId == id).OrderBy(t => t.Order).ThenBy(t => t.Id).ToListAsync(ct);
        var i = teams.FindIndex(t => t.Id == teamId);
        var j = i + Math.Sign(delta);
        if (i < 0) return NotFound();
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
        if (file is null || file.Length == 0) { Errors.Add("Choose an .xlsx file."); return await ReloadAsync(id, ct); }
        await using var stream = file.OpenReadStream();
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, ct);
        copy.Position = 0;
        var import = RubricWorkbook.Import(copy);
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
            Errors.Add("The confirmed rubric is not valid; import the file again.");
        // Replacing criteria would orphan the meaning of scores already given.
        else if (await RoundHasScoresAsync(id, ct)) Errors.Add("Judges have already scored this round; the rubric can no longer be replaced.");
        if (Errors.Count > 0) return await ReloadAsync(id, ct);
        round.TieBreakCriterionId = null;
        db.RubricCriteria.RemoveRange(round.Criteria);
        round.Criteria.AddRange(parsed!.Select(r => new RubricCriterion { Order = r.Order, Name = r.Name, Description = r.Description, Weight = r.Weight, MaxScore = r.MaxScore, Guidance = r.Guidance }));
        await db.SaveChangesAsync(ct);
        return Done(id);
    }

    public async Task<IActionResult> OnPostAssignJudgeAsync(int id, string? userId, CancellationToken ct)
    {
        var user = userId is null ? null : await users.FindByIdAsync(userId);
        if (user is null || !await users.IsInRoleAsync(user, Roles.Judge)) Errors.Add("Choose an account with the Judge role.");
        else if (await db.Set<PitchJudge>().AnyAsync(j => j.RoundId == id && j.UserId == userId, ct)) Errors.Add("This judge is already on the panel.");
        if (Errors.Count > 0) return await ReloadAsync(id, ct);
        db.Add(new PitchJudge { RoundId = id, UserId = userId! });
        await db.SaveChangesAsync(ct);
        return Done(id);
    }

    public async Task<IActionResult> OnPostCreateJudgeAsync(int id, string? userName, string? displayName, string? password, CancellationToken ct)
    {
        if (!await db.PitchRounds.AnyAsync(r => r.Id == id, ct)) return NotFound();
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password)) { Errors.Add("A user name and a password are needed."); return await ReloadAsync(id, ct); }
        var user = new AppUser { UserName = userName.Trim(), DisplayName = displayName?.Trim() ?? "", CreatedAt = time.GetUtcNow() };
        var created = await users.CreateAsync(user, password);
        if (created.Succeeded) created = await users.AddToRoleAsync(user, Roles.Judge);
        if (!created.Succeeded) { Errors.AddRange(created.Errors.Select(e => e.Description)); return await ReloadAsync(id, ct); }
        db.Add(new PitchJudge { RoundId = id, UserId = user.Id });
        await db.SaveChangesAsync(ct);
        return Done(id);
    }

    public async Task<IActionResult> OnPostRemoveJudgeAsync(int id, string userId, CancellationToken ct)
    {
        var judge = await db.Set<PitchJudge>().SingleOrDefaultAsync(j => j.RoundId == id && j.UserId == userId, ct);
        if (judge is not null) db.Remove(judge);
        await db.SaveChangesAsync(ct);
        return Done(id);
    }

    public async Task<IActionResult> OnPostAddConflictAsync(int id, string? userId, int teamId, string? reason, CancellationToken ct)
    {
        var team = await db.PitchTeams.SingleOrDefaultAsync(t => t.Id == teamId && t.RoundId == id, ct);
        if (team is null) Errors.Add("Choose a team of this round.");
        else if (team.IsLocked) Errors.Add("This team is locked.");
        if (userId is null || !await db.Set<PitchJudge>().AnyAsync(j => j.RoundId == id && j.UserId == userId, ct)) Errors.Add("Choose a judge of this round.");
        else if (await db.Set<PitchConflict>().AnyAsync(c => c.TeamId == teamId && c.UserId == userId, ct)) Errors.Add("This conflict is already recorded.");
        if (Errors.Count > 0) return await ReloadAsync(id, ct);
        // A conflict declared after scoring is still recorded: the scores stay stored but no longer count.
        db.Add(new PitchConflict { TeamId = teamId, UserId = userId!, Reason = reason?.Trim() ?? "" });
        await db.SaveChangesAsync(ct);
        return Done(id);
    }

    public async Task<IActionResult> OnPostRemoveConflictAsync(int id, int conflictId, CancellationToken ct)
    {
        var c = await db.Set<PitchConflict>().SingleOrDefaultAsync(x => x.Id == conflictId, ct);
        if (c is not null) db.Remove(c);
        await db.SaveChangesAsync(ct);
        return Done(id);
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
