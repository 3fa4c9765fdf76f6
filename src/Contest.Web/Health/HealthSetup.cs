using System.Text.Json;
using Contest.Engine.Storage;
using Hangfire;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Contest.Web.Health;

public static class HealthSetup
{
    public static void AddContestHealth(this IHostApplicationBuilder builder, bool redisConfigured)
    {
        var checks = builder.Services.AddHealthChecks()
            .AddCheck<DatabaseCheck>("database")
            .AddCheck<HangfireCheck>("hangfire");
        if (redisConfigured) checks.AddCheck<RedisCheck>("redis");
    }

    public static void MapContestHealth(this WebApplication app, bool redisConfigured) =>
        app.MapHealthChecks("/healthz", new HealthCheckOptions
        {
            ResponseWriter = (ctx, report) =>
            {
                ctx.Response.ContentType = "application/json";
                var checks = report.Entries.ToDictionary(e => e.Key, e => (object)new
                {
                    status = e.Value.Status.ToString(),
                    description = e.Value.Description,
                    data = e.Value.Data,
                });
                if (!redisConfigured) checks["redis"] = new { status = "NotConfigured", description = "In-process leaderboards (embedded mode).", data = new Dictionary<string, object>() };
                return ctx.Response.WriteAsync(JsonSerializer.Serialize(new { status = report.Status.ToString(), checks }, JsonSerializerOptions.Web));
            },
        });

    private sealed class DatabaseCheck(ContestDb db, StorageSettings settings) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct)
        {
            var data = new Dictionary<string, object> { ["provider"] = settings.Provider.ToString() };
            return await db.Database.CanConnectAsync(ct)
                ? HealthCheckResult.Healthy("Connected.", data)
                : HealthCheckResult.Unhealthy("Cannot connect.", data: data);
        }
    }

    private sealed class HangfireCheck(JobStorage storage) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct)
        {
            var api = storage.GetMonitoringApi();
            var servers = api.Servers();
            var data = new Dictionary<string, object>
            {
                ["servers"] = servers.Count,
                ["enqueued"] = api.EnqueuedCount("default"),
                ["scheduled"] = api.ScheduledCount(),
                ["failed"] = api.FailedCount(),
            };
            return Task.FromResult(servers.Count > 0
                ? HealthCheckResult.Healthy("Job server running.", data)
                : HealthCheckResult.Degraded("No job server has reported in yet.", data: data));
        }
    }

    private sealed class RedisCheck(IConnectionMultiplexer redis) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct)
        {
            try
            {
                var ping = await redis.GetDatabase().PingAsync();
                return HealthCheckResult.Healthy("Connected.", new Dictionary<string, object> { ["pingMs"] = ping.TotalMilliseconds });
            }
            catch (RedisException e)
            {
                return HealthCheckResult.Unhealthy(e.Message);
            }
        }
    }
}
