using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Contest.Engine.Contests;
using Contest.Engine.Rounds;
using Contest.Engine.Units;
using Contest.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;

namespace Contest.Browser.Tests.Site.Crawl;

/// <summary>
/// What the crawl needs beyond the demo so that every kind of detail page exists: an organizer, a judge on the
/// demo pitch panel (the first team scored and locked, the vote open), a participant with a submitted attempt in a round that closes and publishes during the crawl
/// and an attempt in progress in a round that stays open, a live game with a player in its lobby and a director's event. All made through
/// the product's own forms and API, as its people would, so the crawl also sees what those flows leave behind.
/// </summary>
public sealed partial class CrawlSeed : IAsyncDisposable
{
    public const string OrganizerUser = "tochuc.crawl";
    public const string JudgeUser = "giamkhao.crawl";
    public const string JudgePassword = "GiamKhao-2026-x";
    public const string ParticipantPhone = "0912345678";
    public const string ParticipantPassword = "Hoa-2002-Doan";

    public required string OrganizerPassword { get; init; }
    public required string ParticipantUser { get; init; }
    public required int PitchRoundId { get; init; }
    public required int ClosingRoundId { get; init; }
    public required DateTimeOffset ClosingRoundPublishes { get; init; }
    public required int OpenRoundId { get; init; }
    public required long SubmittedAttemptId { get; init; }
    public required long OpenAttemptId { get; init; }
    public required Guid GameId { get; init; }
    public required string GamePin { get; init; }
    public required int EventId { get; init; }

    /// <summary>A player in the live game's lobby, connected for the whole crawl so the host sees one player.</summary>
    public required HubConnection Player { get; init; }

    public ValueTask DisposeAsync() => Player.DisposeAsync();

    public static async Task<CrawlSeed> CreateAsync(ContestProcess server, TestDatabase db)
    {
        int contestId, bankId, unitId, pitchRoundId;
        await using (var ctx = db.NewContext())
        {
            contestId = await ctx.Contests.Where(c => c.Kind == ContestKind.OnlineRound).Select(c => c.Id).FirstAsync();
            bankId = await ctx.QuestionBanks.Where(b => b.Language == "vi").Select(b => b.Id).FirstAsync();
            unitId = await ctx.Units.Where(u => u.Level == UnitLevel.Chapter).Select(u => u.Id).FirstAsync();
            pitchRoundId = await ctx.PitchRounds.Select(r => r.Id).FirstAsync();
        }

        using var admin = Client(server);
        await AccountFlows.LoginAsync(admin, ContestApp.AdminUser, ContestApp.AdminPassword);

        // Two rounds: one closes 30 s from now and is published by its own job while the other roles are crawled,
        // so the participant (crawled last) sees results and the review; the other stays open with an attempt running.
        var now = DateTimeOffset.UtcNow;
        var closes = now.AddSeconds(30);
        var closingRound = await CreateRoundAsync(admin, contestId, bankId, "Tuần 1: Lịch sử Đoàn", now.AddSeconds(1), closes);
        var openRound = await CreateRoundAsync(admin, contestId, bankId, "Tuần 2: Nghị quyết Đại hội", now.AddSeconds(1), now.AddDays(7));

        var organizerPassword = await CreateOrganizerAsync(admin);
        await CreateJudgeAsync(admin, pitchRoundId);
        await RunPitchAsync(server, db, admin, pitchRoundId);
        var (gameId, pin) = await CreateGameAsync(admin, bankId);
        var eventId = await CreateEventAsync(admin);
        var player = new HubConnectionBuilder().WithUrl(server.BaseUrl + "/hubs/live").Build();
        await player.StartAsync();
        await player.InvokeAsync<JsonElement>("Join", pin, "Hoa Phượng", null);

        using var participant = Client(server);
        var registered = await participant.PostAsJsonAsync("/api/rounds/register", new
        {
            FullName = "Nguyễn Thị Hoa", DateOfBirth = "2002-03-26", UnitId = unitId, Phone = ParticipantPhone,
            Email = "hoa.crawl@example.vn", IdNumber = "079202001234", Password = ParticipantPassword,
        });
        var body = await registered.Content.ReadAsStringAsync();
        if (!registered.IsSuccessStatusCode) throw new InvalidOperationException("Participant registration failed: " + body);
        var userName = JsonDocument.Parse(body).RootElement.GetProperty("userName").GetString()!;

        var submitted = await StartAttemptAsync(participant, closingRound);
        var submit = await participant.PostAsJsonAsync($"/api/rounds/attempts/{submitted}/submit", new { Prediction = 1 });
        if (!submit.IsSuccessStatusCode) throw new InvalidOperationException("Submit failed: " + await submit.Content.ReadAsStringAsync());
        var running = await StartAttemptAsync(participant, openRound);

        return new CrawlSeed
        {
            OrganizerPassword = organizerPassword, ParticipantUser = userName, PitchRoundId = pitchRoundId,
            ClosingRoundId = closingRound, ClosingRoundPublishes = closes, OpenRoundId = openRound,
            SubmittedAttemptId = submitted, OpenAttemptId = running, GameId = gameId, GamePin = pin, EventId = eventId, Player = player,
        };
    }

    /// <summary>Waits for the closing round's publish job, so the participant's results and review pages exist.</summary>
    public async Task WaitPublishedAsync(TestDatabase db)
    {
        for (var i = 0; i < 120; i++)
        {
            await using var ctx = db.NewContext();
            if (await ctx.Set<ContestRound>().AnyAsync(r => r.Id == ClosingRoundId && r.Status == RoundStatus.Published)) return;
            await Task.Delay(500);
        }
        throw new TimeoutException($"Round {ClosingRoundId} was not published by its job.");
    }

    private static HttpClient Client(ContestProcess server) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = new Uri(server.BaseUrl) };

    private static async Task<int> CreateRoundAsync(HttpClient admin, int contestId, int bankId, string name, DateTimeOffset opens, DateTimeOffset closes)
    {
        var created = await admin.PostAsJsonAsync("/api/rounds", new ContestRound
        {
            ContestId = contestId, Name = name, OpensAt = opens, ClosesAt = closes, TimeLimitSeconds = 900, AttemptsAllowed = 2,
            Selection = SelectionMode.Random, BankIds = [bankId], QuestionCount = 3, ShowLiveLeaderboard = true,
            // The seed answers by API at once: with the checks on, the review queue would hold the publish the crawl waits for.
            IntegrityChecks = false,
            PredictionQuestion = "Có bao nhiêu người trả lời đúng cả 3 câu?",
            Prizes =
            [
                new PrizeRule { Kind = PrizeKind.RankTier, Name = "Giải Nhất", Count = 1, SortOrder = 0 },
                new PrizeRule { Kind = PrizeKind.ClosestPrediction, Name = "Giải dự đoán", Count = 1, SortOrder = 1 },
                new PrizeRule { Kind = PrizeKind.UnitMostParticipants, Name = "Giải tập thể", Count = 1, UnitLevel = UnitLevel.District, SortOrder = 2 },
            ],
        });
        var text = await created.Content.ReadAsStringAsync();
        if (!created.IsSuccessStatusCode) throw new InvalidOperationException("Round not created: " + text);
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetInt32();
    }

    /// <summary>Starts an attempt once the round's open job has run (it polls every second).</summary>
    private static async Task<long> StartAttemptAsync(HttpClient participant, int roundId)
    {
        var last = "";
        for (var i = 0; i < 60; i++)
        {
            var r = await participant.PostAsync($"/api/rounds/{roundId}/attempts", null);
            last = await r.Content.ReadAsStringAsync();
            if (r.IsSuccessStatusCode) return JsonDocument.Parse(last).RootElement.GetProperty("attemptId").GetInt64();
            await Task.Delay(500);
        }
        throw new InvalidOperationException($"No attempt in round {roundId}: {last}");
    }

    private static async Task<string> CreateOrganizerAsync(HttpClient admin)
    {
        var token = await AccountFlows.AntiforgeryTokenAsync(admin, "/admin/users");
        var r = await admin.PostAsync("/admin/users?handler=Create", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = OrganizerUser, ["DisplayName"] = "Trần Văn Tổ Chức", ["Role"] = "Organizer", ["UnitId"] = "",
            ["__RequestVerificationToken"] = token,
        }));
        var html = await r.Content.ReadAsStringAsync();
        // The temporary password has the shape the users page makes: 10 letters/digits, '-', a digit, a small and a capital letter (TemporaryPasswords.New) — whole, not inside the antiforgery token.
        var m = TemporaryPassword().Match(html);
        if (!m.Success) throw new InvalidOperationException($"Organizer not created ({(int)r.StatusCode}).");
        // A temporary password opens only the change page: the organizer chooses their own first, as a real one would.
        using var organizer = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = admin.BaseAddress };
        await AccountFlows.LoginAsync(organizer, OrganizerUser, m.Value);
        const string chosen = "To-chuc-rieng-7";
        var changed = await organizer.PostAsync("/account/password", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Current"] = m.Value, ["New"] = chosen, ["Again"] = chosen,
            ["__RequestVerificationToken"] = await AccountFlows.AntiforgeryTokenAsync(organizer, "/account/password"),
        }));
        if (!(await changed.Content.ReadAsStringAsync()).Contains("data-testid=\"password-changed\"", StringComparison.Ordinal))
            throw new InvalidOperationException($"Organizer could not change the temporary password ({(int)changed.StatusCode}).");
        return chosen;
    }

    private static async Task CreateJudgeAsync(HttpClient admin, int pitchRoundId)
    {
        var list = await admin.GetStringAsync("/admin/pitches");
        var setup = PitchSetupLink().Match(list);
        var page = setup.Success ? setup.Groups[1].Value : $"/admin/pitches/round/{pitchRoundId}";
        var token = await AccountFlows.AntiforgeryTokenAsync(admin, page);
        var r = await admin.PostAsync(page + "?handler=CreateJudge", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = JudgeUser, ["displayName"] = "Lê Thị Giám Khảo", ["password"] = JudgePassword, ["__RequestVerificationToken"] = token,
        }));
        if ((int)r.StatusCode >= 400) throw new InvalidOperationException($"Judge not created: {(int)r.StatusCode}");
    }

    /// <summary>
    /// The pitch final under way: the first team on stage with its timer running, scored by the judge and locked,
    /// and the audience vote open, so the control, judge, screen, results and vote pages show numbers, not empty
    /// states (an average of nothing is where a "NaN" would show).
    /// </summary>
    private static async Task RunPitchAsync(ContestProcess server, TestDatabase db, HttpClient admin, int roundId)
    {
        int teamId;
        List<(int Id, decimal Max)> criteria;
        await using (var ctx = db.NewContext())
        {
            var round = await ctx.PitchRounds.Include(r => r.Teams).Include(r => r.Criteria).SingleAsync(r => r.Id == roundId);
            teamId = round.Teams.OrderBy(t => t.Order).First().Id;
            criteria = [.. round.Criteria.OrderBy(c => c.Order).Select(c => (c.Id, c.MaxScore))];
        }
        await Ok(admin.PostAsJsonAsync($"/api/pitch/rounds/{roundId}/current", new { TeamId = teamId }), "current team");
        await Ok(admin.PostAsJsonAsync($"/api/pitch/rounds/{roundId}/timer", new { Phase = "Pitch" }), "timer");
        await Ok(admin.PostAsJsonAsync($"/api/pitch/rounds/{roundId}/votes/open", new { Open = true }), "open votes");

        using var judge = Client(server);
        await AccountFlows.LoginAsync(judge, JudgeUser, JudgePassword);
        var scores = criteria.Select((c, i) => new { CriterionId = c.Id, Score = Math.Min(c.Max, 6 + i), Comment = "Ý tưởng tốt" }).ToList();
        await Ok(judge.PutAsJsonAsync($"/api/pitch/teams/{teamId}/scores", new { Scores = scores }), "judge scores");
        await Ok(admin.PostAsync($"/api/pitch/teams/{teamId}/lock", null), "lock team");
    }

    private static async Task Ok(Task<HttpResponseMessage> sending, string what)
    {
        using var r = await sending;
        if (!r.IsSuccessStatusCode) throw new InvalidOperationException($"Pitch step '{what}' refused: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
    }

    private static async Task<(Guid, string)> CreateGameAsync(HttpClient admin, int bankId)
    {
        var r = await admin.PostAsJsonAsync("/api/live/games", new { BankId = bankId, Title = "Rung chuông vàng thử", Count = 3 });
        var text = await r.Content.ReadAsStringAsync();
        if (!r.IsSuccessStatusCode) throw new InvalidOperationException("Game not created: " + text);
        var root = JsonDocument.Parse(text).RootElement;
        return (root.GetProperty("gameId").GetGuid(), root.GetProperty("pin").GetString()!);
    }

    private static async Task<int> CreateEventAsync(HttpClient admin)
    {
        var token = await AccountFlows.AntiforgeryTokenAsync(admin, "/events");
        var r = await admin.PostAsync("/events", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Title"] = "Lễ khai mạc Tháng Thanh niên", ["Language"] = "vi", ["__RequestVerificationToken"] = token,
        }));
        var where = r.Headers.Location?.ToString() ?? "";
        var m = EventLink().Match(where);
        return m.Success ? int.Parse(m.Groups[1].Value) : throw new InvalidOperationException($"Event not created: {(int)r.StatusCode} {where}");
    }

    [GeneratedRegex("(?<![A-Za-z0-9_-])[A-Za-z0-9]{10}-[2-9][a-z][A-Z](?![A-Za-z0-9_-])")]
    private static partial Regex TemporaryPassword();

    [GeneratedRegex("href=\"(/admin/pitches/[^\"]*?\\d+)\"", RegexOptions.IgnoreCase)]
    private static partial Regex PitchSetupLink();

    [GeneratedRegex(@"/events/(\d+)")]
    private static partial Regex EventLink();
}
