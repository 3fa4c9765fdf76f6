using System.Net;
using System.Net.Http.Json;
using Contest.Engine.Accounts;
using Contest.Engine.Contests;
using Contest.Engine.Pitches;
using Contest.Engine.Storage;
using Contest.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;

namespace Contest.Web.Tests.Pitches;

/// <summary>
/// A pitch round of its own (the demo is not seeded on PostgreSQL): rubric A 50/10, B 30/10, C 20/5,
/// so a judge's total is 5a + 3b + 4c; two teams; judges j1–j3 on the panel, j3 recused from team 2;
/// j4 a judge of no round; an organizer.
/// </summary>
public sealed class PitchScenario : IAsyncDisposable
{
    public const string Password = "Judge-Pass-123";

    private PitchScenario(TestDatabase db, ContestApp app) { Database = db; App = app; }

    public TestDatabase Database { get; }
    public ContestApp App { get; }
    public int RoundId { get; private set; }
    public int Team1 { get; private set; }
    public int Team2 { get; private set; }
    public int[] Criteria { get; private set; } = [];
    public int OtherRoundCriterion { get; private set; }
    public Dictionary<string, string> UserIds { get; } = [];

    public static async Task<PitchScenario> CreateAsync(StorageProvider provider, IReadOnlyDictionary<string, string>? settings = null)
    {
        var db = await TestDatabase.CreateAsync(provider, migrate: false);
        var s = new PitchScenario(db, new ContestApp(db, settings));
        await s.SeedAsync();
        return s;
    }

    private async Task SeedAsync()
    {
        using var scope = App.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        foreach (var (name, role) in new[] { ("j1", Roles.Judge), ("j2", Roles.Judge), ("j3", Roles.Judge), ("j4", Roles.Judge), ("org", Roles.Organizer), ("fan", Roles.Participant) })
        {
            var u = new AppUser { UserName = name, DisplayName = "Người " + name };
            Check(await users.CreateAsync(u, Password));
            Check(await users.AddToRoleAsync(u, role));
            UserIds[name] = u.Id;
        }

        var ctx = scope.ServiceProvider.GetRequiredService<ContestDb>();
        var contest = new ContestInfo { Name = "Khởi nghiệp thử", Kind = ContestKind.Pitch };
        ctx.Contests.Add(contest);
        await ctx.SaveChangesAsync();
        var round = new PitchRound
        {
            ContestId = contest.Id, Name = "Chung kết thử", Method = AggregationMethod.Mean,
            Criteria =
            [
                new RubricCriterion { Name = "A", Weight = 50, MaxScore = 10, Order = 1 },
                new RubricCriterion { Name = "B", Weight = 30, MaxScore = 10, Order = 2 },
                new RubricCriterion { Name = "C", Weight = 20, MaxScore = 5, Order = 3 },
            ],
            Teams = [new PitchTeam { Name = "Đội Một", Order = 1 }, new PitchTeam { Name = "Đội Hai", Order = 2 }],
        };
        var other = new PitchRound { ContestId = contest.Id, Name = "Bán kết", Criteria = [new RubricCriterion { Name = "X", Weight = 1 }] };
        ctx.PitchRounds.AddRange(round, other);
        await ctx.SaveChangesAsync();
        RoundId = round.Id;
        Team1 = round.Teams[0].Id;
        Team2 = round.Teams[1].Id;
        Criteria = round.Criteria.OrderBy(c => c.Order).Select(c => c.Id).ToArray();
        OtherRoundCriterion = other.Criteria[0].Id;
        foreach (var j in new[] { "j1", "j2", "j3" }) ctx.Add(new PitchJudge { RoundId = RoundId, UserId = UserIds[j] });
        ctx.Add(new PitchJudge { RoundId = other.Id, UserId = UserIds["j4"] });
        ctx.Add(new PitchConflict { TeamId = Team2, UserId = UserIds["j3"], Reason = "Người thân trong đội" });
        await ctx.SaveChangesAsync();
    }

    /// <summary>A signed-in client whose cookies can also be handed to a SignalR connection.</summary>
    public async Task<(HttpClient Client, CookieContainer Cookies)> SignInAsync(string user, string password = Password)
    {
        var cookies = new CookieContainer();
        var client = new HttpClient(new CookieContainerHandler(cookies) { InnerHandler = App.Server.CreateHandler() }) { BaseAddress = App.Server.BaseAddress };
        await AccountFlows.LoginAsync(client, user, password);
        return (client, cookies);
    }

    public async Task<HttpClient> ClientAsync(string user) => (await SignInAsync(user)).Client;

    public object Sheet(decimal a, decimal b, decimal c, string comment = "") => new
    {
        scores = new[]
        {
            new { criterionId = Criteria[0], score = a, comment },
            new { criterionId = Criteria[1], score = b, comment },
            new { criterionId = Criteria[2], score = c, comment },
        },
    };

    public static async Task<HttpResponseMessage> PutOk(HttpClient client, string url, object body)
    {
        var r = await client.PutAsJsonAsync(url, body);
        Assert.True(r.IsSuccessStatusCode, $"PUT {url}: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
        return r;
    }

    public static async Task<HttpResponseMessage> PostOk(HttpClient client, string url, object? body = null)
    {
        var r = await client.PostAsJsonAsync(url, body ?? new { });
        Assert.True(r.IsSuccessStatusCode, $"POST {url}: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
        return r;
    }

    private static void Check(IdentityResult r)
    {
        if (!r.Succeeded) throw new InvalidOperationException(string.Join(" ", r.Errors.Select(e => e.Description)));
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Database.DisposeAsync();
    }
}
