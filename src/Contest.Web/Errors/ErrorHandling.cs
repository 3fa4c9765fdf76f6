using System.Diagnostics;
using Contest.Admin.Errors;
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
        // API errors without a body of their own (a 404 route, a 405, a 415) become the one error shape (ApiProblem):
        // a `code`, and a title and detail in the caller's language, through UseStatusCodePages on the API paths.
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            // A refusal reads the same for the same cause (a taken phone and a taken ID number must not differ); a
            // failure carries its own "reference" instead.
            c.ProblemDetails.Extensions.Remove("traceId");
            if (c.ProblemDetails.Extensions.ContainsKey("code")) return; // worded already (ApiProblem)
            var status = c.ProblemDetails.Status ?? c.HttpContext.Response.StatusCode;
            var t = c.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<ErrorTexts>>();
            var code = CodeOf(status);
            c.ProblemDetails.Extensions["code"] = code;
            c.ProblemDetails.Title = ApiProblem.Title(t, status >= 500 ? null : ApiProblem.KindOf(status));
            c.ProblemDetails.Detail ??= ApiProblem.Text(t, code, null, "");
        });
        // A body that is not JSON, or a parameter that cannot be read, throws instead of answering an empty 400, so
        // ReferenceLoggingHandler can say what was wrong.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
    }

    private static string CodeOf(int status) => status switch
    {
        400 => "bad-request",
        401 => "sign-in",
        403 => "forbidden",
        404 => "not-found",
        405 => "method-not-allowed",
        413 => "too-large",
        415 => "unsupported-media-type",
        429 => "too-many-requests",
        >= 500 => "server-error",
        _ => "error",
    };

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
    public static void UseContestStatusPages(this WebApplication app)
    {
        // API and hub callers are programs: no HTML page, but ProblemDetails with a code (only when the endpoint wrote
        // no body of its own).
        app.UseWhen(ctx => !IsApi(ctx.Request.Path), branch => branch.UseStatusCodePagesWithReExecute(StatusPath));
        app.UseWhen(ctx => IsApi(ctx.Request.Path) && !ctx.Request.Path.StartsWithSegments("/hubs"), branch => branch.UseStatusCodePages());
    }

    public static bool IsApi(PathString path) =>
        path.StartsWithSegments("/api") || path.StartsWithSegments("/hubs") || path.StartsWithSegments("/healthz") || path.StartsWithSegments("/openapi");

    /// <summary>The id a person reads off the error page and an operator finds in the log.</summary>
    public static string ReferenceOf(HttpContext http) => Activity.Current?.TraceId.ToHexString() is { } trace && trace != default(ActivityTraceId).ToHexString()
        ? trace
        : http.TraceIdentifier;

    /// <summary>Logs every unexpected exception with its reference; answers API callers with JSON, lets pages re-execute /error.</summary>
    private sealed partial class ReferenceLoggingHandler(ILogger<ReferenceLoggingHandler> log, IStringLocalizer<ErrorsUi> t, IStringLocalizer<ErrorTexts> texts) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
        {
            var reference = ReferenceOf(http);
            http.Items[nameof(ReferenceOf)] = reference;
            // The middleware may already have pointed the request at /error; the feature keeps the path that failed.
            var path = new PathString(http.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? http.Request.Path);
            if (exception is BadHttpRequestException bad && IsApi(path))
            {
                // The caller's mistake, not ours: a short information line, and a 4xx that says what to fix.
                LogBadRequest(log, http.Request.Method, path, bad.Message);
                var json = bad.InnerException as System.Text.Json.JsonException;
                var message = json is not null
                    ? t["Error.BadJson", (json.LineNumber ?? 0) + 1, (json.BytePositionInLine ?? 0) + 1].Value
                    : bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? t["Error.TooLarge"].Value : t["Error.BadRequest"].Value;
                await WriteProblemAsync(http, bad.StatusCode, json is not null ? "bad-json" : CodeOf(bad.StatusCode), message, null);
                return true;
            }
            LogUnexpected(log, exception, reference, http.Request.Method, path);
            if (!IsApi(path)) return false;
            await WriteProblemAsync(http, StatusCodes.Status500InternalServerError, "server-error", t["Error.Api", reference].Value, reference);
            return true;
        }

        private async Task WriteProblemAsync(HttpContext http, int status, string code, string message, string? reference)
        {
            http.Response.StatusCode = status;
            var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Title = ApiProblem.Title(texts, status >= 500 ? null : ApiProblem.KindOf(status)), Detail = message };
            problem.Extensions["code"] = code;
            if (reference is not null) problem.Extensions["reference"] = reference;
            await http.Response.WriteAsJsonAsync(problem, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json");
        }

        [LoggerMessage(Level = LogLevel.Information, Message = "Bad request on {Method} {Path}: {Reason}")]
        private static partial void LogBadRequest(ILogger logger, string method, string path, string reason);

        [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected error, reference {Reference}, on {Method} {Path}")]
        private static partial void LogUnexpected(ILogger logger, Exception exception, string reference, string method, string path);
    }
}
