using System.Security.Claims;
using Contest.Admin;
using Contest.Admin.Errors;
using Contest.Admin.Pitches;
using Contest.Engine.Accounts;
using Contest.Engine.Errors;
using Contest.Engine.Pitches;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Contest.Web.Pitches;

public sealed record SaveScoresRequest(IReadOnlyList<ScoreEntry>? Scores);

public sealed record CurrentTeamRequest(int? TeamId);

public sealed record TimerRequest(PitchTimerPhase Phase);

public sealed record VoteRequest(int TeamId, string? Ticket);

public sealed record VoteOpenRequest(bool Open);

/// <summary>
/// /api/pitch: judges score, organizers run the round, the hall reads the locked ranking and votes.
/// Every rule (assignment, recusal, lock, visibility) is decided by <see cref="PitchDesk"/>; this
/// file only maps callers and refusals to HTTP.
/// </summary>
public static class PitchApi
{
    public const string JudgePolicy = "PitchJudge";

    public static RouteGroupBuilder MapPitchApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/pitch").WithTags("Pitches");

        var judge = api.MapGroup("").RequireAuthorization(p => p.RequireRole(Roles.Judge));
        var organizer = api.MapGroup("").RequireAuthorization(AdminRegistration.AdminOrOrganizerPolicy);
        var signedIn = api.MapGroup("").RequireAuthorization();
        var hall = api.MapGroup("").AllowAnonymous();

        signedIn.MapGet("/rounds", async Task<Ok<IReadOnlyList<PitchRoundSummary>>> (ClaimsPrincipal user, PitchDesk desk, CancellationToken ct) =>
                TypedResults.Ok(IsOrganizer(user) ? await desk.AllRoundsAsync(ct) : await desk.RoundsOfJudgeAsync(UserId(user), ct)))
            .WithSummary("Pitch rounds: all of them for organizers, the assigned ones for a judge.");

        judge.MapGet("/rounds/{roundId:int}/judge", async (int roundId, ClaimsPrincipal user, PitchDesk desk, CancellationToken ct) =>
                Reply(await desk.JudgeViewAsync(roundId, UserId(user), ct)))
            .WithSummary("A judge's view of a round: rubric, teams (recusals marked), the judge's own scores, the live state.");

        judge.MapPut("/teams/{teamId:int}/scores", async (int teamId, SaveScoresRequest body, ClaimsPrincipal user, PitchDesk desk, CancellationToken ct) =>
                Reply(await desk.SaveScoresAsync(UserId(user), teamId, body.Scores ?? [], ct)))
            .WithSummary("Save the calling judge's scores and comments for a team; refused when not assigned, recused or locked.");

        signedIn.MapGet("/teams/{teamId:int}/scores", async (int teamId, ClaimsPrincipal user, PitchDesk desk, CancellationToken ct) =>
                Reply(await desk.TeamScoresAsync(teamId, UserId(user), IsOrganizer(user), ct)))
            .WithSummary("Every judge's scores of a team: organizers any time, judges of the round once the team is locked.");

        organizer.MapGet("/rounds/{roundId:int}/control", async (int roundId, PitchDesk desk, CancellationToken ct) =>
                Reply(await desk.OrganizerViewAsync(roundId, ct)))
            .WithSummary("The organizer's view: teams, live state and each judge's progress.");

        organizer.MapGet("/rounds/{roundId:int}/panel", async (int roundId, PitchDesk desk, CancellationToken ct) =>
                Reply(await desk.PanelAsync(roundId, ct)))
            .WithSummary("The panel: each judge's state on the team on stage, and each judge's mean and spread beside the panel's.");

        organizer.MapPost("/rounds/{roundId:int}/current", async (int roundId, CurrentTeamRequest body, PitchDesk desk, CancellationToken ct) =>
                Reply(await desk.SetCurrentTeamAsync(roundId, body.TeamId, ct)))
            .WithSummary("Put a team on stage (pushed to every judge's phone).");

        organizer.MapPost("/rounds/{roundId:int}/timer", async (int roundId, TimerRequest body, PitchDesk desk, CancellationToken ct) =>
                Reply(await desk.SetTimerAsync(roundId, body.Phase, ct)))
            .WithSummary("Start the pitch or Q&A timer, or stop it.");

        organizer.MapPost("/teams/{teamId:int}/lock", async (int teamId, ClaimsPrincipal user, PitchDesk desk, CancellationToken ct) =>
                Reply(await desk.LockAsync(teamId, user.Identity?.Name ?? UserId(user), ct)))
            .WithSummary("Lock a team: its scores become final and enter the ranking.");

        organizer.MapPost("/rounds/{roundId:int}/votes/open", async (int roundId, VoteOpenRequest body, AudienceVoteDesk votes, CancellationToken ct) =>
                Reply(await votes.SetOpenAsync(roundId, body.Open, ct)))
            .WithSummary("Open or close the audience vote; closing publishes its totals.");

        organizer.MapGet("/rounds/{roundId:int}/votes/audit", async (int roundId, AudienceVoteDesk votes, CancellationToken ct) =>
                Reply(await votes.AuditAsync(roundId, ct)))
            .WithSummary("The vote's fraud audit: votes per address and per minute, refused attempts, voided votes.");

        organizer.MapGet("/rounds/{roundId:int}/export.xlsx", async Task<Results<FileContentHttpResult, ApiProblem>> (int roundId, PitchDesk desk, CancellationToken ct) =>
            {
                var report = await desk.ReportAsync(roundId, lockedOnly: false, ct);
                if (!report.Ok) return Problem(report.Error!);
                return TypedResults.File(PitchResultsWorkbook.Build(report.Value!), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"pitch-round-{roundId}.xlsx");
            })
            .WithSummary("Excel: every judge's score per criterion with comments, and the aggregation step by step.");

        hall.MapGet("/rounds/{roundId:int}/ranking", async Task<Results<Ok<RankingView>, ApiProblem>> (int roundId, bool? all, ClaimsPrincipal user, PitchDesk desk, CancellationToken ct) =>
            {
                // The provisional ranking (unlocked teams included) is for organizers only.
                if (all == true && !IsOrganizer(user)) return Problem(ContestError.Forbidden("organizers-only", "Only organizers see the provisional ranking."));
                return Reply(await desk.RankingAsync(roundId, lockedOnly: all != true, ct));
            })
            .WithSummary("The ranking of locked teams (the projector); organizers may ask for all teams with ?all=true.");

        hall.MapGet("/rounds/{roundId:int}/live", async (int roundId, PitchDesk desk, CancellationToken ct) => Reply(await desk.LiveAsync(roundId, ct)))
            .WithSummary("The team on stage and the timer.");

        hall.MapGet("/rounds/{roundId:int}/votes", async (int roundId, ClaimsPrincipal user, AudienceVoteDesk votes, CancellationToken ct) =>
                Reply(await votes.VotesAsync(roundId, IsOrganizer(user), ct)))
            .WithSummary("The audience vote, apart from the judges' ranking: per-team totals once the organizer has closed it.");

        // No account: the phone is named by its signed device cookie from the vote page. The Origin check
        // (Hardening) still refuses a POST from another site's page.
        hall.MapPost("/rounds/{roundId:int}/votes", async (int roundId, VoteRequest body, HttpContext http, VoteDevice device, VoteThrottle throttle, AudienceVoteDesk votes, CancellationToken ct) =>
            {
                var address = VoteDevice.Address(http);
                if (throttle.Spend(address) is { } wait)
                    return Problem(ContestError.Conflict("too-many-votes", $"Too many votes from this network; try again in {wait} s."));
                return Reply(await votes.VoteAsync(new VoteAttempt(roundId, body.TeamId, device.Read(http) ?? "", address, body.Ticket), ct));
            })
            .WithSummary("Cast this phone's one audience vote of the round (ticket code when the round asks for one).");

        return api;
    }

    private static bool IsOrganizer(ClaimsPrincipal user) => user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Organizer);

    private static string UserId(ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("An authenticated user without an id.");

    private static Results<Ok<T>, ApiProblem> Reply<T>(Outcome<T> outcome) =>
        outcome.Ok ? TypedResults.Ok(outcome.Value!) : Problem(outcome.Error!);

    private static ApiProblem Problem(ContestError e) => new(e, "pitch");
}
