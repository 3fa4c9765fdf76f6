using System.Diagnostics;
using Contest.Web.Hosting;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Localization;

namespace Contest.Web.Errors;

/// <summary>
/// What a person sees when something fails: a friendly page with a reference id (also logged with the exception),
/// custom pages for 404/403/401/400, and the developer exception page only when a developer asks for it.
/// </summary>
public static partial class ErrorHandling
{
    public const string ErrorPath = "/error";
    public const string StatusPath = "/status/{0}";

    /// <summary>
    /// Stack traces are shown only with Contest:DeveloperErrors=true or when ASPNETCORE_ENVIRONMENT=Development is set
    /// explicitly (launchSettings.json no longer sets it, so the README's first command shows people the friendly page).
    /// </summary>
    public static bool DeveloperErrors(IConfiguration config, IHostEnvironment env) =>
        config.GetValue<bool>($"{ContestOptions.Section}:{nameof(ContestOptions.DeveloperErrors)}") || env.IsDevelopment();

    public static void AddContestErrors(this IHostApplicationBuilder builder)
    {
        builder.Services.AddExceptionHandler<ReferenceLoggingHandler>();
    }

    public static void UseContestErrors(this WebApplication app)
    {
        if (DeveloperErrors(app.Configuration, app.Environment))
        {
            // In Development the host has already added the developer page; elsewhere the setting adds it.
            if (!app.Environment.IsDevelopment()) app.UseDeveloperExceptionPage();
        }
        else
        {
            app.UseExceptionHandler(new ExceptionHandlerOptions
            {
                ExceptionHandlingPath = ErrorPath,
                // ReferenceLoggingHandler has logged the exception with its reference; a second, reference-less
                // entry would only make the log harder to search.
                SuppressDiagnosticsCallback = _ => true,
            });
        }
    }

    /// <summary>
    /// After UseRequestLocalization: the re-executed request drops the query string, so the page would lose a
    /// ?culture=en; placed here it runs inside the culture the original request chose.
    /// </summary>
    public static void UseContestStatusPages(this WebApplication app) =>
        // API and hub callers are programs: they keep bare status codes (and JSON bodies) instead of HTML pages.
        app.UseWhen(ctx => !IsApi(ctx.Request.Path), branch => branch.UseStatusCodePagesWithReExecute(StatusPath));

    public static bool IsApi(PathString path) =>
        path.StartsWithSegments("/api") || path.StartsWithSegments("/hubs") || path.StartsWithSegments("/healthz") || path.StartsWithSegments("/openapi");

    /// <summary>The id a person reads off the error page and an operator finds in the log.</summary>
    public static string ReferenceOf(HttpContext http) => Activity.Current?.TraceId.ToHexString() is { } trace && trace != default(ActivityTraceId).ToHexString()
        ? trace
        : http.TraceIdentifier;

    /// <summary>Logs every unexpected exception with its reference; answers API callers with JSON, lets pages re-execute /error.</summary>
    private sealed partial class ReferenceLoggingHandler(ILogger<ReferenceLoggingHandler> log, IStringLocalizer<ErrorsUi> t) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
        {
            var reference = ReferenceOf(http);
            http.Items[nameof(ReferenceOf)] = reference;
            // The middleware may already have pointed the request at /error; the feature keeps the path that failed.
            var path = new PathString(http.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? http.Request.Path);
            LogUnexpected(log, exception, reference, http.Request.Method, path);
            if (!IsApi(path)) return false;
            http.Response.StatusCode = StatusCodes.Status500InternalServerError;
            await http.Response.WriteAsJsonAsync(new { error = t["Error.Api", reference].Value, reference }, cancellationToken);
            return true;
        }

        [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected error, reference {Reference}, on {Method} {Path}")]
        private static partial void LogUnexpected(ILogger logger, Exception exception, string reference, string method, string path);
    }
}
