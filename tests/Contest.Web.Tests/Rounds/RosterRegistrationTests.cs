using System.Net;
using System.Net.Http.Json;
using Contest.Engine.Rounds;
using Contest.Engine.Storage;
using Contest.Testing;
using Contest.Web.Rounds;
using Contest.Web.Tests.Site;
using Contest.Testing.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Contest.Web.Tests.Rounds.RoundTestKit;

namespace Contest.Web.Tests.Rounds;

/// <summary>A round that admits only members on their unit's roster: registration matches them (or refuses), once per member.</summary>
public class RosterRegistrationTests
{
    public static TheoryData<StorageProvider> Providers => [StorageProvider.Sqlite, StorageProvider.Postgres];

    private static async Task<(HttpStatusCode Status, IReadOnlyList<RegistrationError> Errors)> RegisterAsync(ContestApp app, SignupRequest request)
    {
        var response = await app.NewClient().PostAsJsonAsync("/api/rounds/register", request);
        if (response.IsSuccessStatusCode) return (response.StatusCode, []);
        return (response.StatusCode, (await response.Content.ReadFromJsonAsync<FieldErrors>())!.Errors);
    }

    /// <summary>The round kit's contest and questions, without its own one-district province: paths then read as in the picker.</summary>
    private static async Task<Seeded> ContestOnlyAsync(TestDatabase db)
    {
        var seed = await SeedAsync(db);
        await using var ctx = db.NewContext();
        var district = await ctx.Units.SingleAsync(u => u.Id == seed.UnitId);
        await ctx.Units.Where(u => u.Id == district.Id).ExecuteDeleteAsync();
        await ctx.Units.Where(u => u.Id == district.ParentId).ExecuteDeleteAsync();
        return seed;
    }

    private static async Task<int> RoundWithRosterAsync(ContestApp app, TestDatabase db, RosterMatch match)
    {
        var seed = await ContestOnlyAsync(db);
        var now = DateTimeOffset.UtcNow;
        var round = Round(seed, now.AddDays(1), now.AddDays(8));
        round.RosterMatch = match;
        return (await CreateRoundAsync(await app.LoginAsync(), round)).Id;
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task By_name_and_birth_date_accents_are_ignored_a_stranger_is_refused_and_a_member_registers_once(StorageProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var units = await UnitTreeSeed.CreateAsync(db);
        await using var app = new ContestApp(db);
        await RoundWithRosterAsync(app, db, RosterMatch.NameAndBirth);

        // "nguyen  VAN an" typed without accents matches "Nguyễn Văn Ân" born 19/5/2001 on Chi đoàn 1A (Đức Liễu).
        var an = await RegisterAsync(app, new SignupRequest("nguyen  VAN an", new DateOnly(2001, 5, 19), units.DucLieu1A, "0912000101", null, null, Password));
        Assert.Equal((HttpStatusCode.OK, 0), (an.Status, an.Errors.Count));

        // The same roster member again under another phone number: refused, one entry per person.
        var again = await RegisterAsync(app, new SignupRequest("Nguyễn Văn Ân", new DateOnly(2001, 5, 19), units.DucLieu1A, "0912000102", null, null, Password));
        Assert.Equal(("Roster", "roster-taken"), (Assert.Single(again.Errors).Field, again.Errors[0].Code));

        // Right name, wrong birth date; a stranger; the right person under another "Chi đoàn 1A" (it has no roster).
        var wrongBirth = await RegisterAsync(app, new SignupRequest("Trần Thị Bình", new DateOnly(2002, 4, 3), units.DucLieu1A, "0912000103", null, null, Password));
        Assert.Equal("roster-mismatch-name", Assert.Single(wrongBirth.Errors).Code);
        var stranger = await RegisterAsync(app, new SignupRequest("Phạm Văn Dũng", new DateOnly(2002, 3, 4), units.DucLieu1A, "0912000104", null, null, Password));
        Assert.Equal("roster-mismatch-name", Assert.Single(stranger.Errors).Code);
        var otherUnit = await RegisterAsync(app, new SignupRequest("Trần Thị Bình", new DateOnly(2002, 3, 4), units.School1A, "0912000105", null, null, Password));
        Assert.Equal("roster-empty", Assert.Single(otherUnit.Errors).Code);

        var binh = await RegisterAsync(app, new SignupRequest("TRẦN THỊ BÌNH", new DateOnly(2002, 3, 4), units.DucLieu1A, "0912000106", null, null, Password));
        Assert.Equal(HttpStatusCode.OK, binh.Status);

        await using var ctx = db.NewContext();
        var entries = await ctx.Set<Contest.Engine.Units.RosterEntry>().OrderBy(e => e.Id).Select(e => e.Id).ToListAsync();
        var linked = await ctx.Set<RoundParticipant>().OrderBy(p => p.Id).Select(p => new { p.FullName, p.RosterEntryId }).ToListAsync();
        Assert.Equal([("nguyen VAN an", (int?)entries[0]), ("TRẦN THỊ BÌNH", entries[1])], linked.Select(l => (l.FullName, l.RosterEntryId)).ToArray());
    }

    [Fact]
    public async Task By_member_card_and_birth_date_the_card_is_asked_for_and_spaces_and_case_do_not_matter()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        var units = await UnitTreeSeed.CreateAsync(db);
        await using var app = new ContestApp(db);
        await RoundWithRosterAsync(app, db, RosterMatch.MemberIdAndBirth);

        var missing = await RegisterAsync(app, new SignupRequest("Trần Thị Bình", new DateOnly(2002, 3, 4), units.DucLieu1A, "0912000201", null, null, Password));
        Assert.Equal(("MemberId", "roster-no-member-id"), (Assert.Single(missing.Errors).Field, missing.Errors[0].Code));
        var wrong = await RegisterAsync(app, new SignupRequest("Trần Thị Bình", new DateOnly(2002, 3, 4), units.DucLieu1A, "0912000202", null, null, Password, "DV-001"));
        Assert.Equal("roster-mismatch-id", Assert.Single(wrong.Errors).Code);
        // The name is not compared in this mode: a nickname with the right card and birth date is the member.
        var right = await RegisterAsync(app, new SignupRequest("Bình Trần", new DateOnly(2002, 3, 4), units.DucLieu1A, "0912000203", null, null, Password, " dv-002 "));
        Assert.Equal(HttpStatusCode.OK, right.Status);

        // The form says it in Vietnamese, next to the submit button, and shows the member card field.
        var form = await FormPosts.PostAsync(app.NewClient(), "/rounds/register", new Dictionary<string, string>
        {
            ["FullName"] = "Lê Văn Cường", ["DateOfBirth"] = "2000-01-01", ["UnitId"] = units.DucLieu1A.ToString(), ["Phone"] = "0912000204",
            ["MemberId"] = "DV-999", ["Password"] = Password,
        });
        var html = WebUtility.HtmlDecode(await FormPosts.NoServerErrorAsync(form));
        Assert.Contains("Không tìm thấy đoàn viên có số thẻ và ngày sinh này trong danh sách của đơn vị đã chọn.", html);
        Assert.Contains("data-testid=\"error-Roster\"", html);
        Assert.Contains("Thông tin của bạn được đối chiếu theo số thẻ đoàn viên và ngày sinh", html);
        Assert.Contains("id=\"MemberId\"", html);
        Assert.Contains("value=\"Huyện Đoàn Bù Đăng › Xã Đoàn Đức Liễu › Chi đoàn 1A\"", html); // the picker shows the chosen unit's path again
    }

    [Fact]
    public async Task Without_a_roster_round_anyone_registers_but_a_roster_round_refuses_them_at_its_start_and_admits_a_member()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        var units = await UnitTreeSeed.CreateAsync(db);
        await using var app = new ContestApp(db);
        var seed = await ContestOnlyAsync(db);
        // No round asks for a roster yet: a stranger registers; the member is linked to her entry all the same.
        var strangerClient = app.NewClient();
        Assert.True((await strangerClient.PostAsJsonAsync("/api/rounds/register", new SignupRequest("Phạm Văn Dũng", new DateOnly(2002, 3, 4), units.DucLieu1A, "0912000301", null, null, Password))).IsSuccessStatusCode);
        var memberClient = app.NewClient();
        Assert.True((await memberClient.PostAsJsonAsync("/api/rounds/register", new SignupRequest("Le Van Cuong", new DateOnly(2000, 1, 1), units.DucLieu1A, "0912000302", null, null, Password))).IsSuccessStatusCode);

        var now = DateTimeOffset.UtcNow;
        var round = Round(seed, now.AddMinutes(-1), now.AddHours(1));
        round.RosterMatch = RosterMatch.NameAndBirth;
        var created = await CreateRoundAsync(await app.LoginAsync(), round);
        using (var scope = app.Services.CreateScope()) await scope.ServiceProvider.GetRequiredService<RoundLifecycle>().OpenAsync(created.Id);

        var refused = await strangerClient.PostAsync($"/api/rounds/{created.Id}/attempts", null);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("roster-mismatch-name", (await refused.Content.ReadFromJsonAsync<ProblemBody>())!.Code);
        var page = await FormPosts.PostAsync(strangerClient, "/rounds", "/rounds?handler=Start", new Dictionary<string, string> { ["roundId"] = created.Id.ToString() });
        Assert.Contains("họ tên và ngày sinh bạn khai không khớp ai trong danh sách", WebUtility.HtmlDecode(await FormPosts.NoServerErrorAsync(page)));

        var started = await memberClient.PostAsync($"/api/rounds/{created.Id}/attempts", null);
        Assert.True(started.IsSuccessStatusCode, await started.Content.ReadAsStringAsync());
    }
}

/// <summary>A refused registration: the ProblemDetails' <c>errors</c>, one per field.</summary>
internal sealed record FieldErrors(IReadOnlyList<RegistrationError> Errors);
