using Contest.Web.Errors;
using Microsoft.Extensions.Localization;

namespace Contest.Web.Accounts;

/// <summary>
/// Someone signed in with a temporary password may only choose their own: every page sends them to the change page
/// (and back to where they were going afterwards); API calls and hub connections get 403 with code
/// <c>password-change-required</c> and a sentence saying where to go. Signing out, switching language, the status pages
/// and the health check stay open. Runs right after authentication, before any endpoint's own authorization.
/// </summary>
public sealed class MustChangePassword(RequestDelegate next)
{
    public const string ChangePath = "/account/password";
    public const string Code = "password-change-required";

    private static readonly PathString[] Open = [ChangePath, "/account/logout", "/account/login", "/account/denied", "/culture", "/status", "/error", "/healthz"];

    public Task InvokeAsync(HttpContext http, IStringLocalizer<AccountUi> t)
    {
        if (!DisplayNameClaims.MustChangePassword(http.User) || Open.Any(p => http.Request.Path.StartsWithSegments(p))) return next(http);
        if (ErrorHandling.IsApi(http.Request.Path))
        {
            var say = t["MustChange.Api", ChangePath].Value;
            return new Admin.Errors.ApiProblem(Engine.Errors.ContestError.Forbidden(Code, "Change the temporary password first: " + ChangePath), detail: say).ExecuteAsync(http);
        }
        var back = http.Request.Path + http.Request.QueryString;
        // Only a page someone was reading is worth returning to; after a form post, their home is.
        var target = HttpMethods.IsGet(http.Request.Method) && back != "/" ? $"{ChangePath}?returnUrl={Uri.EscapeDataString(back)}" : ChangePath;
        http.Response.Redirect(target);
        return Task.CompletedTask;
    }
}
