using Contest.Admin.Errors;
using Contest.Admin.Localization;
using Contest.Engine.Errors;
using Contest.Admin.Units;
using Contest.Engine.Accounts;
using Contest.Engine.Units;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Contest.Web.Units;

/// <summary>One match as the picker shows it; <see cref="Members"/> only for organizers and admins.</summary>
public sealed record UnitHit(int Id, string Name, IReadOnlyList<string> Path, string PathText, int Level, string LevelName, int? Members);

public sealed record UnitHits(IReadOnlyList<UnitHit> Items, int Total);

public static class UnitSearchApi
{
    /// <summary>
    /// GET /api/units/search?q=duc lieu&amp;limit=10&amp;levels=1,2,3. Anonymous: the registration form and a live
    /// game's join are used before any sign-in, and unit names and paths are public; member counts are not.
    /// </summary>
    public static void MapUnitSearch(this WebApplication app) =>
        app.MapGet("/api/units/search", async Task<Results<Ok<UnitHits>, ApiProblem>> (string? q, string? limit, string? levels, HttpContext http,
            UnitDirectory directory, EnumNames names, IStringLocalizer<PickerUi> s, CancellationToken ct) =>
        {
            if (q is { Length: > 100 }) return BadQuery(s["Api.QueryTooLong"]);
            var n = 10;
            if (!string.IsNullOrEmpty(limit) && (!int.TryParse(limit, out n) || n is < 1 or > UnitDirectory.MaxLimit))
                return BadQuery(s["Api.BadLimit"]);
            var wanted = new List<UnitLevel>();
            foreach (var part in (levels ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!int.TryParse(part, out var l) || !Enum.IsDefined((UnitLevel)l)) return BadQuery(s["Api.BadLevel", part]);
                wanted.Add((UnitLevel)l);
            }
            var staff = http.User.IsInRole(Roles.Admin) || http.User.IsInRole(Roles.Organizer);
            var found = await directory.SearchAsync(q, n, wanted, ct);
            return TypedResults.Ok(new UnitHits([.. found.Items.Select(u => Hit(u, names, staff))], found.Total));
        }).AllowAnonymous().WithTags("Units").WithSummary("Search the unit tree by part of a name, ignoring diacritics; each match with its path.");

    // The picker's own words say which parameter is wrong, in the caller's language: they are the detail.
    private static ApiProblem BadQuery(string message) => new(ContestError.Invalid("bad-query", message), detail: message);

    public static UnitHit Hit(UnitEntry u, EnumNames names, bool staff) =>
        new(u.Id, u.Name, u.Path, u.PathText, (int)u.Level, names.Of(u.Level), staff ? u.MemberCount : null);
}
