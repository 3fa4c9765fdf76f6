using System.Net;
using System.Net.Http.Json;
using Contest.Engine.Rounds;
using Contest.Engine.Rounds.Integrity;
using Contest.Engine.Storage;
using Contest.Testing;
using Contest.Web.Rounds;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Contest.Web.Tests.Rounds.RoundTestKit;

namespace Contest.Web.Tests.Rounds;

/// <summary>Integrity evidence through the real app: the device cookie, the page-hidden reports, a second account on one device.</summary>
public class RoundEvidenceApiTests
{
    [Fact]
    public async Task A_second_account_on_the_same_browser_shares_its_device_and_hidden_reports_stop_at_the_end()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        var seed = await SeedAsync(db);
        await using var app = new ContestApp(db);
        var admin = await app.LoginAsync();
        var now = DateTimeOffset.UtcNow;
        var round = await CreateRoundAsync(admin, Round(seed, now.AddMinutes(-1), now.AddHours(1)));
        using (var scope = app.Services.CreateScope()) await scope.ServiceProvider.GetRequiredService<RoundLifecycle>().OpenAsync(round.Id);

        // Registration hands out the device cookie: HttpOnly, SameSite=Lax, not Secure over plain HTTP.
        var browser = app.NewClient();
        var registered = await browser.PostAsJsonAsync("/api/rounds/register", new SignupRequest("Nguyễn Văn An", new DateOnly(2001, 5, 19), seed.UnitId, "0912000031", null, null, Password));
        Assert.Equal(HttpStatusCode.OK, registered.StatusCode);
        var cookie = Assert.Single(registered.Headers.GetValues("Set-Cookie"), c => c.StartsWith(AttemptDevice.Cookie + "=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", cookie.Replace("samesite", "", StringComparison.OrdinalIgnoreCase), StringComparison.OrdinalIgnoreCase);
        var first = (await registered.Content.ReadFromJsonAsync<Registered>())!.ParticipantId;

        var view = (await (await browser.PostAsync($"/api/rounds/{round.Id}/attempts", null)).Content.ReadFromJsonAsync<AttemptView>())!;
        var visibility = $"/api/rounds/attempts/{view.AttemptId}/visibility";
        Assert.Equal(HttpStatusCode.NoContent, (await browser.PostAsJsonAsync(visibility, new VisibilityRequest(true))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await browser.PostAsJsonAsync(visibility, new VisibilityRequest(false))).StatusCode);
        // A body that is not a report is refused with a client error, never a server error.
        var bad = await browser.PostAsync(visibility, new StringContent("{\"hidden\": \"maybe\"}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        await AnswerAsync(browser, view, right: 2);
        Assert.Equal(HttpStatusCode.OK, (await browser.PostAsJsonAsync($"/api/rounds/attempts/{view.AttemptId}/submit", new SubmitRequest(1))).StatusCode);
        var late = await browser.PostAsJsonAsync(visibility, new VisibilityRequest(true));
        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        Assert.Equal("finished", (await late.Content.ReadFromJsonAsync<ApiError>())!.Code);

        // The same browser registers a second account and takes the round again.
        var again = await browser.PostAsJsonAsync("/api/rounds/register", new SignupRequest("Nguyễn Văn Ân", new DateOnly(2001, 5, 19), seed.UnitId, "0912000032", null, null, Password));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.False(again.Headers.TryGetValues("Set-Cookie", out var set) && set.Any(c => c.StartsWith(AttemptDevice.Cookie + "=", StringComparison.Ordinal)));
        var second = (await again.Content.ReadFromJsonAsync<Registered>())!.ParticipantId;
        var view2 = (await (await browser.PostAsync($"/api/rounds/{round.Id}/attempts", null)).Content.ReadFromJsonAsync<AttemptView>())!;
        await AnswerAsync(browser, view2, right: 1);
        Assert.Equal(HttpStatusCode.OK, (await browser.PostAsJsonAsync($"/api/rounds/attempts/{view2.AttemptId}/submit", new SubmitRequest(2))).StatusCode);

        await using (var ctx = db.NewContext())
        {
            var devices = await ctx.Set<RoundAttempt>().AsNoTracking().Where(a => a.RoundId == round.Id)
                .Select(a => new { a.StartDevice, a.SubmitDevice, a.HiddenCount }).ToListAsync();
            Assert.Equal(2, devices.Count);
            Assert.Single(devices.SelectMany(d => new[] { d.StartDevice, d.SubmitDevice }).Distinct());
            Assert.NotNull(devices[0].StartDevice);
            Assert.Equal(1, devices.Sum(d => d.HiddenCount));
        }
        using (var scope = app.Services.CreateScope())
        {
            var flags = await scope.ServiceProvider.GetRequiredService<RoundIntegrity>().FlagsAsync(round.Id);
            Assert.Equal(new[] { first, second }.Order(), flags.Select(f => f.ParticipantId).Order());
            var device = Assert.Single(flags.Single(f => f.ParticipantId == first).Flags, f => f.Kind == FlagKind.SharedDevice);
            Assert.Equal([second], device.Facts.OtherParticipantIds!);
        }
    }
}
