using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Contest.Web.Localization;

public static class LocalizationSetup
{
    public static readonly CultureInfo[] Cultures = [new("vi"), new("en")];

    public static void AddContestLocalization(this IHostApplicationBuilder builder)
    {
        builder.Services.AddLocalization();
        builder.Services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture("vi");
            o.SupportedCultures = Cultures;
            o.SupportedUICultures = Cultures;
            // Vietnamese unless the person chose otherwise (cookie) or a link says so (?culture=en);
            // the browser's Accept-Language is ignored: the audience is Vietnamese even on English phones.
            o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        });
    }

    /// <summary>GET /culture/{code}?returnUrl=/x remembers the language in a cookie and goes back.</summary>
    public static void MapCultureSwitch(this WebApplication app) =>
        app.MapGet("/culture/{code}", (string code, string? returnUrl, HttpContext http) =>
        {
            if (!Cultures.Any(c => c.Name == code))
                return new Admin.Errors.ApiProblem(Engine.Errors.ContestError.Invalid("unknown-language", $"Unknown language '{code}'. Use 'vi' or 'en'."));
            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(code)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax });
            var target = returnUrl is { Length: > 0 } && Uri.IsWellFormedUriString(returnUrl, UriKind.Relative) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//") ? returnUrl : "/";
            return Results.LocalRedirect(target);
        }).WithName("SwitchLanguage").WithTags("Site").WithSummary("Switch the UI language (vi or en) and return to a local page.");
}
