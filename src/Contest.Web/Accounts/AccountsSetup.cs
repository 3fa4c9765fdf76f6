using Contest.Engine.Accounts;
using Contest.Engine.Storage;
using Microsoft.AspNetCore.Identity;

namespace Contest.Web.Accounts;

public static class AccountsSetup
{
    public static readonly TimeSpan StampCheckInterval = TimeSpan.FromMinutes(1);

    /// <summary>Password and user name rules, shared with the reset-admin command.</summary>
    public static void IdentityRules(IdentityOptions o)
    {
        o.Password.RequiredLength = 8;
        // Failed log-ins never lock an account (anyone could lock anyone out): the log-in page signs in with
        // lockoutOnFailure: false and throttles instead (Hardening/Throttles).
        o.User.RequireUniqueEmail = false;
    }

    public static void AddContestAccounts(this IHostApplicationBuilder builder)
    {
        builder.Services
            .AddIdentity<AppUser, IdentityRole>(IdentityRules)
            .AddEntityFrameworkStores<ContestDb>()
            .AddErrorDescriber<LocalizedIdentityErrors>()
            .AddClaimsPrincipalFactory<DisplayNameClaims>()
            .AddDefaultTokenProviders();

        builder.Services.AddScoped<DummyPassword>();
        builder.Services.AddSingleton<DummyPassword.Hash>();
        // A disabled account, a reset password or a changed one renews the security stamp; checking it every minute
        // (instead of Identity's 30) makes the old cookies stop working within a minute.
        builder.Services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = StampCheckInterval);

        builder.Services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/denied";
            o.Cookie.Name = "contest.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            // API callers get status codes, not a redirect to an HTML login page.
            o.Events.OnRedirectToLogin = ctx => ApiAware(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => ApiAware(ctx, StatusCodes.Status403Forbidden);
        });
    }

    /// <summary>After authentication: a temporary password must be replaced before anything else (<see cref="MustChangePassword"/>).</summary>
    public static void UseContestAccounts(this WebApplication app) => app.UseMiddleware<MustChangePassword>();

    private static Task ApiAware(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api") || ctx.Request.Path.StartsWithSegments("/hubs"))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }
}
