using System.Net;
using System.Text.Json;
using Contest.Engine.Accounts;
using Contest.Engine.Events;
using Contest.Engine.Storage;
using Contest.Testing;
using Contest.Testing.Events;
using Contest.Web.Events;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Contest.Web.Tests.Events;

public class ProjectorTests
{
    private static async Task<ContestEvent> NewEventAsync(ContestApp app, string title = "Hội thi Tháng Thanh niên")
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<EventDirector>().CreateAsync(title, "vi", CancellationToken.None);
    }

    private static async Task<EventDirector.Outcome> DirectAsync(ContestApp app, Func<EventDirector, Task<EventDirector.Outcome>> action)
    {
        using var scope = app.Services.CreateScope();
        return await action(scope.ServiceProvider.GetRequiredService<EventDirector>());
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task A_projector_watches_its_event_and_gets_every_change(StorageProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, migrate: false);
        await using var app = new ContestApp(db);
        var ev = await NewEventAsync(app);

        await using var projector = await ProjectorClient.ConnectAsync(app);
        var first = await projector.WatchAsync(ev.ProjectorToken);
        Assert.Equal("Welcome", first.GetProperty("kind").GetString());
        Assert.Equal("Hội thi Tháng Thanh niên", first.GetProperty("branding").GetProperty("title").GetString());

        Assert.Null((await DirectAsync(app, d => d.ShowAsync(ev.Id, new ScreenChoice(ScreenKind.Join, "482913"), default))).Error);
        var join = await projector.NextAsync();
        Assert.Equal("Show", join.Method);
        Assert.Equal("Join", join.Payload.GetProperty("kind").GetString());
        Assert.Equal("482913", join.Payload.GetProperty("content").GetProperty("pin").GetString());

        Assert.Null((await DirectAsync(app, d => d.ShowAsync(ev.Id, new ScreenChoice(ScreenKind.Slide, Title: "Chương trình", Text: "14:00 Khai mạc"), default))).Error);
        var slide = await projector.NextAsync();
        Assert.Equal("Chương trình", slide.Payload.GetProperty("content").GetProperty("title").GetString());

        Assert.Null((await DirectAsync(app, d => d.BrandAsync(ev.Id, "Youth Month English Contest", "Final", "/img/logo.png", "#123456", "#FFAA00", "en", default))).Error);
        var branded = await projector.NextAsync();
        var b = branded.Payload.GetProperty("branding");
        Assert.Equal("#123456", b.GetProperty("primary").GetString());
        Assert.Equal("#ffaa00", b.GetProperty("accent").GetString());
        Assert.Equal("en", b.GetProperty("language").GetString());
        Assert.Equal("Slide", branded.Payload.GetProperty("kind").GetString());

        // What survives in storage is what a reconnecting projector gets.
        await using var ctx = db.NewContext();
        var stored = await ctx.Set<ContestEvent>().SingleAsync();
        Assert.Equal(new ScreenChoice(ScreenKind.Slide, null, "Chương trình", "14:00 Khai mạc"), stored.Screen);
    }

    [Fact]
    public async Task Bad_choices_change_nothing_and_reach_no_projector()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var app = new ContestApp(db);
        var ev = await NewEventAsync(app);
        await using var projector = await ProjectorClient.ConnectAsync(app);
        await projector.WatchAsync(ev.ProjectorToken);

        Assert.Equal("The join screen needs a 6-digit game PIN.", (await DirectAsync(app, d => d.ShowAsync(ev.Id, new ScreenChoice(ScreenKind.Join, "12"), default))).Error);
        Assert.Equal("There is no Round '1' to show.", (await DirectAsync(app, d => d.ShowAsync(ev.Id, new ScreenChoice(ScreenKind.Round, "1"), default))).Error);
        Assert.Equal("There is no Pitch '999' to show.", (await DirectAsync(app, d => d.ShowAsync(ev.Id, new ScreenChoice(ScreenKind.Pitch, "999"), default))).Error);
        Assert.Equal("Event 999 does not exist.", (await DirectAsync(app, d => d.ShowAsync(999, ScreenChoice.Welcome, default))).Error);
        Assert.Equal("Primary colour 'red' is not a #rrggbb colour.", (await DirectAsync(app, d => d.BrandAsync(ev.Id, "x", "", null, "red", "#ffffff", "vi", default))).Error);

        await using (var ctx = db.NewContext())
        {
            var stored = await ctx.Set<ContestEvent>().SingleAsync();
            Assert.Equal(ScreenKind.Welcome, stored.Screen.Kind);
            Assert.Equal(ContestEvent.UnionBlue, stored.PrimaryColor);
        }

        // Fence: a good choice reaches the projector through the same group. Every push is awaited inside the
        // director's call and the client runs its handlers in arrival order, so had a refused choice sent
        // anything, it would be read here before the fence.
        Assert.Null((await DirectAsync(app, d => d.ShowAsync(ev.Id, new ScreenChoice(ScreenKind.Join, "482913"), default))).Error);
        var next = await projector.NextAsync();
        Assert.Equal("Join", next.Payload.GetProperty("kind").GetString());
        Assert.Equal("482913", next.Payload.GetProperty("content").GetProperty("pin").GetString());
    }

    [Fact]
    public async Task Revoking_tells_the_old_projector_and_then_sends_it_nothing()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var app = new ContestApp(db);
        var ev = await NewEventAsync(app);
        await using var projector = await ProjectorClient.ConnectAsync(app);
        await projector.WatchAsync(ev.ProjectorToken);

        Assert.Null((await DirectAsync(app, d => d.RevokeAsync(ev.Id, default))).Error);
        Assert.Equal("Revoked", (await projector.NextAsync()).Method);

        Assert.Null((await DirectAsync(app, d => d.ShowAsync(ev.Id, new ScreenChoice(ScreenKind.Join, "111111"), default))).Error);

        var error = await Assert.ThrowsAsync<HubException>(() => projector.WatchAsync(ev.ProjectorToken));
        Assert.Contains("revoked or does not exist", error.Message);
        var page = await app.NewClient().GetAsync("/screen/" + ev.ProjectorToken);
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Contains("đã bị thu hồi", await page.Content.ReadAsStringAsync());

        // Fence: the same connection, given the new link, joins its group and is sent the next screen. The 111111
        // screen was pushed (awaited) before that, on the same connection, whose handlers run in arrival order:
        // had it reached the old projector, it would be read here first.
        string fresh;
        await using (var ctx = db.NewContext()) fresh = (await ctx.Set<ContestEvent>().SingleAsync()).ProjectorToken;
        Assert.Equal("111111", (await projector.WatchAsync(fresh)).GetProperty("content").GetProperty("pin").GetString());
        Assert.Null((await DirectAsync(app, d => d.ShowAsync(ev.Id, new ScreenChoice(ScreenKind.Join, "222222"), default))).Error);
        var next = await projector.NextAsync();
        Assert.Equal("Show", next.Method);
        Assert.Equal("222222", next.Payload.GetProperty("content").GetProperty("pin").GetString());
    }

    [Fact]
    public async Task Projector_messages_carry_only_public_fields()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var app = new ContestApp(db);
        var ev = await NewEventAsync(app);
        await using var projector = await ProjectorClient.ConnectAsync(app);
        var view = await projector.WatchAsync(ev.ProjectorToken);
        var names = view.EnumerateObject().Select(p => p.Name).Order().ToArray();
        Assert.Equal(["branding", "changedAt", "content", "kind"], names);
        Assert.Equal(["accent", "language", "logoUrl", "primary", "subtitle", "title"], view.GetProperty("branding").EnumerateObject().Select(p => p.Name).Order().ToArray());
        Assert.DoesNotContain(ev.ProjectorToken, view.GetRawText());
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Redirect)]
    [InlineData(Roles.Participant, HttpStatusCode.Redirect)]
    [InlineData(Roles.Judge, HttpStatusCode.Redirect)]
    [InlineData(Roles.Organizer, HttpStatusCode.OK)]
    public async Task Director_pages_need_organizer_or_admin(string? role, HttpStatusCode expected)
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var app = new ContestApp(db);
        var ev = await NewEventAsync(app);
        var client = app.NewClient();
        if (role is not null)
        {
            using (var scope = app.Services.CreateScope())
            {
                var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
                var u = new AppUser { UserName = "u1" };
                await users.CreateAsync(u, "Secret-pass-1");
                await users.AddToRoleAsync(u, role);
            }
            await AccountFlows.LoginAsync(client, "u1", "Secret-pass-1");
        }
        foreach (var path in new[] { "/events", $"/events/{ev.Id}" })
        {
            var r = await client.GetAsync(path);
            Assert.Equal(expected, r.StatusCode);
            if (expected == HttpStatusCode.Redirect)
                Assert.Matches(role is null ? "/account/login" : "/account/denied", r.Headers.Location!.ToString());
        }
    }
}
