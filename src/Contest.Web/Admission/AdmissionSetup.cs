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
        var gate = new ConnectionGate(options);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(gate);
        builder.Services.Configure<KestrelServerOptions>(k =>
        {
            k.Limits.MaxConcurrentConnections = gate.HardLimit;
            k.Limits.MaxConcurrentUpgradedConnections = gate.HardLimit;
        });
        builder.Services.AddHealthChecks().AddCheck<ConnectionsCheck>("connections");
    }

    public static void UseContestAdmission(this IApplicationBuilder app) => app.UseMiddleware<AdmissionMiddleware>();

    private sealed class ConnectionsCheck(ConnectionGate gate, AdmissionOptions options) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct)
        {
            var data = new Dictionary<string, object> { ["open"] = gate.Open, ["limit"] = gate.Limit, ["refused"] = gate.Refused, ["hardLimit"] = gate.HardLimit };
            if (gate.FileLimit is { } f)
            {
                data["openFileLimit"] = f;
                data["filesOpenAtStart"] = gate.OpenAtStart;
            }
            var text = $"{gate.Open} of {gate.Limit} hub connections.";
            return Task.FromResult(gate.Open >= gate.Limit * options.DegradedAt
                ? HealthCheckResult.Degraded(text + " Near the limit: new players are or will soon be refused.", data: data)
                : HealthCheckResult.Healthy(text, data));
        }
    }
}
