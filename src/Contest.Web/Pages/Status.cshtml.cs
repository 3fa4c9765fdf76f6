using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Contest.Web.Pages;

/// <summary>
/// The body for an empty 4xx/5xx answer (UseStatusCodePagesWithReExecute): not found, forbidden (the Hangfire dashboard
/// for a judge), log in, expired form. Any method, since the failed request is re-executed with its own method.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class StatusModel : PageModel
{
    public int Code { get; private set; }
    public string OriginalPath { get; private set; } = "/";

    // Runs for every method (a re-executed PUT or DELETE finds no handler, but the page must still render).
    public override void OnPageHandlerSelected(PageHandlerSelectedContext context)
    {
        var code = int.TryParse(RouteData.Values["code"] as string, out var c) ? c : 0;
        Code = code is >= 400 and <= 599 ? code : StatusCodes.Status404NotFound;
        var original = HttpContext.Features.Get<IStatusCodeReExecuteFeature>();
        OriginalPath = original is null ? "/" : original.OriginalPathBase + original.OriginalPath + original.OriginalQueryString;
        Response.StatusCode = Code;
    }
}
