using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Contest.Web.Admission;

/// <summary>Connection and per-game limits (docs/configuration.md, "Admission").</summary>
public static class AdmissionSetup
{
    public static void AddContestAdmission(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(AdmissionOptions.Section).Get<AdmissionOptions>() ?? new AdmissionOptions();
        if (options.MaxConnections < 0) throw new Hosting.StartupException($"{AdmissionOptions.Section}:MaxConnections", "must be 0 (derived from the open-file limit) or more.");
        if (options.MaxPlayersPerGame < 0) throw new Hosting.StartupException($"{AdmissionOptions.Section}:MaxPlayersPerGame", "must be 0 (no limit) or more.");
        var files = FileLimit.Current();
        var limit = options.MaxConnections > 0 ? options.MaxConnections : FileLimit.DefaultConnections(files);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(new ConnectionGate(limit, files));
        // The last guard, above the counter so a refusal normally reaches the phone as a message: Kestrel closes a
        // connection past this at once instead of letting accept() run out of descriptors.
        builder.Services.Configure<KestrelServerOptions>(k =>
        {
            var hard = limit + Math.Max(50, limit / 10);
            if (files is { } f) hard = (int)Math.Min(hard, Math.Max(limit + 10, f * 95 / 100 - 60));
            k.Limits.MaxConcurrentConnections = hard;
            k.Limits.MaxConcurrentUpgradedConnections = hard;
        });
        builder.Services.AddHealthChecks().AddCheck<ConnectionsCheck>("connections");
    }

    public static void UseContestAdmission(this IApplicationBuilder app) => app.UseMiddleware<AdmissionMiddleware>();

    private sealed class ConnectionsCheck(ConnectionGate gate, AdmissionOptions options) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct)
        {
            var data = new Dictionary<string, object> { ["open"] = gate.Open, ["limit"] = gate.Limit, ["refused"] = gate.Refused };
            if (gate.FileLimit is { } f) data["openFileLimit"] = f;
            var text = $"{gate.Open} of {gate.Limit} hub connections.";
            return Task.FromResult(gate.Open >= gate.Limit * options.DegradedAt
                ? HealthCheckResult.Degraded(text + " Near the limit: new players are or will soon be refused.", data: data)
                : HealthCheckResult.Healthy(text, data));
        }
    }
}
