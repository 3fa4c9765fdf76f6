using Contest.Admin;
using Contest.Admin.Errors;
using Contest.Engine.Errors;
using Contest.Engine.LiveGames;
using Contest.Engine.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Contest.Web.LiveGames;

public static class LiveGamesApi
{
    public static RouteGroupBuilder MapLiveGamesApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/live/games").RequireAuthorization(AdminRegistration.AdminOrOrganizerPolicy).WithTags("Live games");

        api.MapPost("/", async Task<Results<Ok<CreatedGame>, ApiProblem>> (CreateGameRequest request, LiveGameFactory factory, HttpContext http) =>
        {
            try
            {
                var game = await factory.CreateAsync(request, http.User.Identity?.Name ?? "?");
                return TypedResults.Ok(new CreatedGame(game.Id, game.Pin, $"/live/host/{game.Id}", JoinUrl(http, game.Pin)));
            }
            catch (LiveGameException e)
            {
                return new ApiProblem(e.Error, "live");
            }
        }).WithSummary("Create a live game from a question bank; returns its id and PIN.");

        api.MapGet("/{id:guid}/results.xlsx", async Task<Results<FileContentHttpResult, ApiProblem>> (Guid id, ContestDb db, IStringLocalizer<LiveResultsUi> t) =>
        {
            // In the reader's language (the site's: Vietnamese unless they chose English, or ?culture=en).
            var built = await LiveResultsExport.BuildAsync(db, id, t);
            if (built is not { } b) return new ApiProblem(new ContestError(ErrorKind.NotFound, "unknown-game", $"No stored game {id}."));
            return TypedResults.File(b.Workbook, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"live-{b.Game.Pin}-{Engine.Time.VietnamTime.ToLocal(b.Game.CreatedAt):yyyyMMdd-HHmm}.xlsx");
        }).WithSummary("Export a game's players and answers to Excel.");

        // The join QR is public: it only carries the PIN that is already on the projector.
        app.MapGet("/live/qr/{pin}.svg", Results<ContentHttpResult, ApiProblem> (string pin, HttpContext http) =>
        {
            if (!GamePin.IsValid(pin)) return new ApiProblem(ContestError.Invalid("bad-pin", "A game PIN is 6 digits."));
            return TypedResults.Content(Events.QrSvg.For(JoinUrl(http, pin)), "image/svg+xml");
        }).WithTags("Live games").WithSummary("QR code (SVG) that opens the player page with the PIN filled in.");
        return api;
    }

    private static string JoinUrl(HttpContext http, string pin) => $"{http.Request.Scheme}://{http.Request.Host}/play?pin={pin}";
}
