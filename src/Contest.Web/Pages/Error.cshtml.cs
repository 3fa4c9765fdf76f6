using Contest.Web.Errors;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Contest.Web.Pages;

/// <summary>The friendly page for unexpected errors; any method, since a failed POST is re-executed here as a POST.</summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public string Reference { get; private set; } = "";

    // Runs for every method (a failed PUT or DELETE is re-executed here too and finds no handler).
    public override void OnPageHandlerSelected(PageHandlerSelectedContext context)
    {
        Reference = HttpContext.Items[nameof(ErrorHandling.ReferenceOf)] as string ?? ErrorHandling.ReferenceOf(HttpContext);
        // Opened directly (no exception behind it) the page still says "error", so it answers 500 as well.
        Response.StatusCode = StatusCodes.Status500InternalServerError;
    }
}
