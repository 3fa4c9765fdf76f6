using Contest.Engine.Accounts;
using QRCoder;

namespace Contest.Web.Events;

public static class EventsSetup
{
    public const string DirectorPolicy = "EventDirector";

    public static void AddContestEvents(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSignalR();
        builder.Services.AddScoped<ProjectorViews>();
        builder.Services.AddScoped<EventDirector>();
        builder.Services.AddSingleton<ProjectorNotifier>();
        builder.Services.AddAuthorizationBuilder().AddPolicy(DirectorPolicy, p => p.RequireRole(Roles.Admin, Roles.Organizer));
    }

    public static void MapContestEvents(this WebApplication app)
    {
        app.MapHub<ProjectorHub>(ProjectorHub.Path);
        app.MapGet("/join-qr/{pin}.svg", (string pin, HttpRequest request) =>
        {
            if (pin.Length != 6 || !pin.All(char.IsAsciiDigit))
                return Results.BadRequest(new { error = "A game PIN has 6 digits." });
            var url = $"{request.Scheme}://{request.Host}/play?pin={pin}";
            using var generator = new QRCodeGenerator();
            using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
            var svg = new SvgQRCode(data).GetGraphic(8);
            return Results.Text(svg, "image/svg+xml");
        }).WithTags("Events").WithSummary("QR code (SVG) of the join link for a game PIN.");
    }
}
