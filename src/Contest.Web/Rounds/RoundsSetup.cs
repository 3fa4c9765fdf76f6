using Contest.Engine.Rounds;
using Contest.Web.Events;
using Microsoft.AspNetCore.Builder;

namespace Contest.Web.Rounds;

public static class RoundsSetup
{
    public static void AddContestRounds(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<RoundCache>();
        // On contexts that never retry (NoRetryContexts): its batch opens the transaction that holds the row lock.
        builder.Services.AddSingleton<RoundWriter>();
        builder.Services.Configure<RequestLocalizationOptions>(o => o.RequestCultureProviders.Insert(0, new RoundLanguageCultureProvider()));
        builder.Services.AddScoped<RoundAttempts>();
        builder.Services.AddSingleton<AttemptDevice>();
        builder.Services.AddSingleton<AttemptSightings>();
        // Flags of closed rounds computed once per change of their evidence (the sweeper asks about held rounds every 20 s).
        builder.Services.AddSingleton<Engine.Rounds.Integrity.FlagCache>();
        builder.Services.AddScoped<Engine.Rounds.Integrity.RoundIntegrity>();
        builder.Services.AddScoped<RoundReview>();
        builder.Services.AddScoped<RoundLifecycle>();
        builder.Services.AddScoped<ParticipantRegistry>();
        builder.Services.AddScoped<ParticipantSignup>();
        builder.Services.AddScoped<RoundEditor>();
        builder.Services.AddScoped<IRoundJobScheduler, HangfireRoundJobScheduler>();
        builder.Services.AddScoped<RoundResultsQuery>();
        builder.Services.AddScoped<Engine.Rounds.Integrity.ReviewQueue>();
        builder.Services.AddScoped<RankChain>();
        builder.Services.AddScoped<RoundJobs>();
        builder.Services.AddScoped<RoundLiveBoard>();
        builder.Services.AddHostedService<RoundSweeper>();
        builder.Services.AddScreenSource<RoundScreenSource>();
    }

    public static void MapContestRounds(this WebApplication app) => app.MapRoundsApi();
}
