using Contest.Admin;
using Contest.Admin.Questions;
using Contest.Web.Accounts;
using Contest.Web.Admission;
using Contest.Web.Errors;
using Contest.Web.Events;
using Contest.Web.Hardening;
using Contest.Web.Health;
using Contest.Web.Hosting;
using Contest.Web.Jobs;
using Contest.Web.Leaderboards;
using Contest.Web.LiveCluster;
using Contest.Web.LiveGames;
using Contest.Web.Localization;
using Contest.Web.Pitches;
using Contest.Web.Redis;
using Contest.Web.Rounds;
using Contest.Web.Storage;
using Contest.Web.Units;

try
{
    var builder = WebApplication.CreateBuilder(args);
    if (RebuildCommand.Requested(args)) return await RebuildCommand.RunAsync(builder.Configuration, Console.Out, Console.Error);
    if (ResetAdminCommand.Requested(args))
        return await ResetAdminCommand.RunAsync(args, builder.Configuration, builder.Environment, Console.In, !Console.IsInputRedirected, Console.Out, Console.Error);
    var dataDirectory = ContestOptions.ResolveDataDirectory(builder.Configuration, builder.Environment);
    builder.AddContestHosting(dataDirectory);
    builder.AddContestErrors();
    var storage = builder.AddContestStorage();
    var redis = builder.AddContestRedis();
    builder.AddContestLeaderboards();
    builder.AddContestAccounts();
    builder.AddContestHardening();
    builder.AddContestAdmission();
    builder.AddContestJobs(storage, dataDirectory);
    builder.AddContestLocalization();
    builder.AddContestHealth(redis);
    builder.AddContestQuestions();
    builder.AddContestEvents();
    builder.AddPitches();
    builder.AddLiveGames(storage);
    builder.AddLiveCluster();
    builder.AddContestRounds();
    builder.AddUnitSearch();
    builder.Services.AddRazorPages().AddViewLocalization().AddContestAdmin();
    builder.Services.AddOpenApi();

    var app = builder.Build();
    await app.PrepareAsync(args);

    app.UseContestErrors();
    app.UseContestAdmission();
    app.UseContestHardening();
    app.UseStaticFiles();
    app.UseRequestLocalization();
    app.UseContestStatusPages();
    app.UseRouting();
    app.UseAuthentication();
    app.UseContestAccounts();
    app.UseAuthorization();

    app.MapOpenApi();
    app.MapContestHealth(redis);
    app.MapCultureSwitch();
    app.MapContestJobsDashboard();
    app.MapQuestionBanks();
    app.MapContestEvents();
    app.MapPitches();
    app.MapLiveGames();
    app.MapLiveCluster();
    app.MapContestRounds();
    app.MapUnitSearch();
    app.MapRazorPages();

    await app.RunAsync();
    return 0;
}
catch (StartupException e)
{
    Console.Error.WriteLine($"Contest cannot start: {e.Message}");
    return 1;
}

/// <summary>Entry point; public so the test host can start it.</summary>
public partial class Program;
