using Microsoft.Extensions.Localization;
using System.Security.Claims;
using Contest.Admin.Errors;
using Contest.Engine.Accounts;
using Contest.Engine.Errors;
using Contest.Engine.Questions.Answers;
using Contest.Engine.Rounds;
using Contest.Engine.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Contest.Web.Rounds;

public sealed record RoundSummary(int Id, int ContestId, string Name, string Language, RoundStatus Status, DateTimeOffset OpensAt, DateTimeOffset ClosesAt,
    DateTimeOffset? PublishAt, string OpensAtVietnam, string ClosesAtVietnam, int TimeLimitSeconds, int AttemptsAllowed, int Questions, int Stage,
    string? OpenJobId, string? CloseJobId, string? PublishJobId)
{
    public static RoundSummary Of(ContestRound r) => new(r.Id, r.ContestId, r.Name, r.Language, r.Status, r.OpensAt, r.ClosesAt, r.PublishAt,
        Engine.Time.VietnamTime.Format(r.OpensAt), Engine.Time.VietnamTime.Format(r.ClosesAt), r.TimeLimitSeconds, r.AttemptsAllowed, r.QuestionsPerAttempt, r.Stage,
        r.OpenJobId, r.CloseJobId, r.PublishJobId);
}

public sealed record SubmitRequest(int? Prediction);
public sealed record PredictRequest(int Prediction);
public sealed record VoidRequest(string Reason);
public sealed record VisibilityRequest(bool Hidden);
public sealed record Registered(int ParticipantId, string UserName);

public static class RoundsApi
{
    public static RouteGroupBuilder MapRoundsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/rounds").WithTags("Rounds").RequireAuthorization();

        api.MapGet("/", async (ContestDb db, CancellationToken ct) =>
            TypedResults.Ok((await db.Set<ContestRound>().AsNoTracking().Include(r => r.Prizes).ToListAsync(ct))
                .OrderBy(r => r.OpensAt).Select(RoundSummary.Of).ToList()))
            .WithSummary("Every round with its times (UTC and Vietnam) and status.");

        api.MapPost("/", async Task<Results<Created<RoundSummary>, ApiProblem>> (ContestRound input, RoundEditor scheduler, CancellationToken ct) =>
        {
            input.Id = 0;
            var (round, error) = await scheduler.SaveAsync(input, ct);
            return round is null ? Refused(error!) : TypedResults.Created($"/api/rounds/{round.Id}", RoundSummary.Of(round));
        }).RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.Organizer)).WithSummary("Create a round; schedules its open, close and publish jobs.");

        api.MapPut("/{id:int}", async Task<Results<Ok<RoundSummary>, ApiProblem>> (int id, ContestRound input, RoundEditor scheduler, CancellationToken ct) =>
        {
            input.Id = id;
            var (round, error) = await scheduler.SaveAsync(input, ct);
            return round is null ? Refused(error!) : TypedResults.Ok(RoundSummary.Of(round));
        }).RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.Organizer)).WithSummary("Edit a round; its jobs are rescheduled.");

        api.MapPost("/register", async Task<Results<Ok<Registered>, ApiProblem>> (SignupRequest request, ParticipantSignup signup, SignInManager<AppUser> signIn, RoundAttempts attempts, IStringLocalizer<ErrorTexts> e, CancellationToken ct) =>
        {
            var (user, errors) = await signup.SignUpAsync(request, ct);
            if (user is null) return ApiProblem.Fields(e.FieldErrors(errors));
            await signIn.SignInAsync(user, isPersistent: true);
            var p = await attempts.ParticipantOfUserAsync(user.Id, ct);
            return TypedResults.Ok(new Registered(p!.Id, user.UserName!));
        }).AllowAnonymous().WithSummary("Register for the online contests (account + entry) and sign in.");

        api.MapPost("/{id:int}/attempts", async Task<Results<Ok<AttemptView>, ApiProblem>> (int id, ClaimsPrincipal user, RoundAttempts attempts, AttemptDevice device, HttpContext http, CancellationToken ct) =>
        {
            if (await ParticipantIdAsync(user, attempts, ct) is not { } pid) return Refused(ContestError.Invalid("not-registered", "Register for the contest first."));
            var (view, error) = await attempts.StartAsync(id, pid, device.Origin(http), ct);
            return view is not null ? TypedResults.Ok(view) : Refused(error!);
        }).WithSummary("Start an attempt, or resume the unfinished one with the time left.");

        api.MapGet("/attempts/{attemptId:long}", async Task<Results<Ok<AttemptView>, ApiProblem>> (long attemptId, ClaimsPrincipal user, RoundAttempts attempts, AttemptSightings sightings, ContestDb db, HttpContext http, CancellationToken ct) =>
        {
            if (await ParticipantIdAsync(user, attempts, ct) is not { } pid) return Refused(ContestError.NotFound("attempt"));
            var (view, error) = await attempts.GetAsync(attemptId, pid, ct);
            if (view is { Finished: false }) await sightings.RecordAsync(http, db, attemptId, pid, ct);
            return view is not null ? TypedResults.Ok(view) : Refused(error!);
        }).WithSummary("The attempt as it stands, with the time left by the server's clock.");

        api.MapPut("/attempts/{attemptId:long}/answers/{position:int}", async Task<Results<NoContent, ApiProblem>> (long attemptId, int position, SubmittedAnswer answer, ClaimsPrincipal user, RoundAttempts attempts, CancellationToken ct) =>
        {
            if (await ParticipantIdAsync(user, attempts, ct) is not { } pid) return Refused(ContestError.NotFound("attempt"));
            var error = await attempts.AnswerAsync(attemptId, pid, position, answer, ct);
            return error is null ? TypedResults.NoContent() : Refused(error);
        }).WithSummary("Save the answer to question {position}; option indexes are as shown in this attempt.");

        api.MapPut("/attempts/{attemptId:long}/prediction", async Task<Results<NoContent, ApiProblem>> (long attemptId, PredictRequest body, ClaimsPrincipal user, RoundAttempts attempts, CancellationToken ct) =>
        {
            if (await ParticipantIdAsync(user, attempts, ct) is not { } pid) return Refused(ContestError.NotFound("attempt"));
            var error = await attempts.PredictAsync(attemptId, pid, body.Prediction, ct);
            return error is null ? TypedResults.NoContent() : Refused(error);
        }).WithSummary("Answer the prediction question.");

        api.MapPost("/attempts/{attemptId:long}/submit", async Task<Results<Ok<AttemptView>, ApiProblem>> (long attemptId, SubmitRequest body, ClaimsPrincipal user, RoundAttempts attempts, RoundLiveBoard live, Events.IProjectorNotifier projectors, AttemptDevice device, HttpContext http, CancellationToken ct) =>
        {
            if (await ParticipantIdAsync(user, attempts, ct) is not { } pid) return Refused(ContestError.NotFound("attempt"));
            var (view, error) = await attempts.SubmitAsync(attemptId, pid, body.Prediction, device.Origin(http), ct);
            if (error is null)
            {
                await live.RecordAsync(view!, pid, ct);
                projectors.ContentChangedSoon(Engine.Events.ScreenKind.Round, view!.RoundId.ToString(System.Globalization.CultureInfo.InvariantCulture));
                projectors.ContentChangedSoon(Engine.Events.ScreenKind.Units, view.RoundId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            return error is null ? TypedResults.Ok(view!) : Refused(error);
        }).WithSummary("Submit the attempt (with the prediction). Nothing about correctness is returned before the round closes.");

        api.MapPost("/attempts/{attemptId:long}/visibility", async Task<Results<NoContent, ApiProblem, ProblemHttpResult>> (long attemptId, VisibilityRequest body, ClaimsPrincipal user, RoundAttempts attempts, Hardening.Throttles throttles, HttpContext http, CancellationToken ct) =>
        {
            if (await ParticipantIdAsync(user, attempts, ct) is not { } pid) return Refused(ContestError.NotFound("attempt"));
            var key = pid.ToString(System.Globalization.CultureInfo.InvariantCulture);
            // A refused "hidden" report opens no spell; the "visible" that closes an accepted one always has its permit kept.
            var wait = body.Hidden ? throttles.VisibilityPerParticipant.SpendKeeping(key, reserve: 1) : throttles.VisibilityPerParticipant.Spend(key);
            if (wait is { } seconds) return TooManyReports(http, seconds);
            var error = await attempts.PageVisibilityAsync(attemptId, pid, body.Hidden, ct);
            return error is null ? TypedResults.NoContent() : Refused(error);
        }).WithSummary("The attempt page was hidden (hidden: true) or shown again (false): integrity evidence only, timed by the server; refused once the attempt has ended, and with 429 (too-many-reports) beyond Contest:Throttle:VisibilityReportsPerMinute per participant.");

        api.MapGet("/attempts/{attemptId:long}/review", async Task<Results<Ok<AttemptReview>, ApiProblem>> (long attemptId, ClaimsPrincipal user, RoundAttempts attempts, RoundReview reviews, CancellationToken ct) =>
        {
            if (await ParticipantIdAsync(user, attempts, ct) is not { } pid) return Refused(ContestError.NotFound("attempt"));
            var (review, error) = await reviews.GetAsync(attemptId, pid, ct);
            return review is not null ? TypedResults.Ok(review) : Refused(error!);
        }).WithSummary("The participant's own attempt with the right answers and explanations; refused (not-closed) until the round has closed.");

        api.MapGet("/{id:int}/results", async Task<Results<Ok<RoundResultsView>, ApiProblem>> (int id, ClaimsPrincipal user, RoundResultsQuery results, CancellationToken ct) =>
        {
            var staff = user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Organizer);
            var view = await results.GetAsync(id, staff, ct);
            return view is null ? Refused(new ContestError(ErrorKind.NotFound, "not-published", "No published results for this round.")) : TypedResults.Ok(view);
        }).WithSummary("The final ranking and prizes, once published (organisers: once closed).");

        api.MapGet("/{id:int}/live", async Task<Results<Ok<LiveBoardView>, ApiProblem>> (int id, int? count, ClaimsPrincipal user, RoundAttempts attempts, RoundLiveBoard live, CancellationToken ct) =>
            await live.ViewAsync(id, await ParticipantIdAsync(user, attempts, ct), count ?? 20, ct) is { } view
                ? TypedResults.Ok(view) : Refused(new ContestError(ErrorKind.NotFound, "no-live-board", "This round shows no live leaderboard.")))
            .WithSummary("The live leaderboard when the organiser allows it: ranks and the caller's own rank; correct counts only once nobody can attempt the round any more.");

        api.MapPost("/participants/{participantId:int}/void", async Task<Results<NoContent, ApiProblem>> (int participantId, VoidRequest body, ClaimsPrincipal user, ParticipantRegistry registry, CancellationToken ct) =>
        {
            var error = await registry.VoidAsync(participantId, body.Reason ?? "", user.Identity?.Name ?? "?", ct);
            return error is null ? TypedResults.NoContent() : Refused(error);
        }).RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.Organizer)).WithSummary("Void an entry with false details; the reason is kept.");

        return api;
    }

    // From memory after the first request of a user: the participant id never changes.
    private static async Task<int?> ParticipantIdAsync(ClaimsPrincipal user, RoundAttempts attempts, CancellationToken ct) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) is { } id ? await attempts.ParticipantIdOfUserAsync(id, ct) : null;

    /// <summary>429 with the usual problem body (<c>code</c>: too-many-reports, in the caller's language) and Retry-After.</summary>
    private static ProblemHttpResult TooManyReports(HttpContext http, int seconds)
    {
        var t = http.RequestServices.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<ErrorTexts>>();
        http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var error = new ContestError(ErrorKind.Unavailable, "too-many-reports", $"Too many page reports from this attempt; try again in {seconds} s.");
        return TypedResults.Problem(ApiProblem.Details(error, t, "take", StatusCodes.Status429TooManyRequests));
    }

    // The round attempt's words (context "take") where a code means something else elsewhere.
    private static ApiProblem Refused(ContestError e) => new(e, "take");
}
