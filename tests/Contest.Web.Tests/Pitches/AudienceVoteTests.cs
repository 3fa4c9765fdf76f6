using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClosedXML.Excel;
using Contest.Engine.Pitches;
using Contest.Engine.Storage;
using Contest.Testing;
using Microsoft.EntityFrameworkCore;

namespace Contest.Web.Tests.Pitches;

/// <summary>The audience vote without accounts: phones named by a signed cookie, a cap per address, one-time tickets, the audit.</summary>
public class AudienceVoteTests
{
    public static TheoryData<StorageProvider> Providers => [StorageProvider.Sqlite, StorageProvider.Postgres];

    private static async Task<JsonElement> Json(HttpResponseMessage r) => JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement;

    private static string Votes(PitchScenario s) => $"/api/pitch/rounds/{s.RoundId}/votes";

    /// <summary>A phone in the hall: no account, its cookie comes from opening the vote page (the QR link).</summary>
    private static async Task<HttpClient> PhoneAsync(PitchScenario s)
    {
        var phone = s.App.NewClient();
        var page = await phone.GetAsync($"/pitch/vote/{s.RoundId}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        return phone;
    }

    private static async Task<(HttpStatusCode Status, string? Code, int? TeamId)> VoteAsync(HttpClient phone, PitchScenario s, int teamId, string? ticket = null)
    {
        var r = await phone.PostAsJsonAsync(Votes(s), new { teamId, ticket });
        var body = await Json(r);
        return (r.StatusCode, body.TryGetProperty("code", out var c) ? c.GetString() : null,
            body.TryGetProperty("teamId", out var t) && t.ValueKind == JsonValueKind.Number ? t.GetInt32() : null);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_phone_votes_once_without_an_account_and_the_totals_stay_hidden_until_the_vote_closes(StorageProvider provider)
    {
        await using var s = await PitchScenario.CreateAsync(provider);
        var org = await s.ClientAsync("org");
        var a = await PhoneAsync(s);
        var b = await PhoneAsync(s);

        Assert.Equal((HttpStatusCode.Conflict, "vote-closed", null), await VoteAsync(a, s, s.Team1));
        await PitchScenario.PostOk(org, $"{Votes(s)}/open", new { open = true });

        // A phone that never opened the page (no cookie), or with a forged cookie, is sent to the page.
        Assert.Equal("no-device", (await VoteAsync(s.App.NewClient(), s, s.Team1)).Code);
        var forged = s.App.NewClient();
        forged.DefaultRequestHeaders.Add("Cookie", "contest.vote=CfDJ8forged");
        Assert.Equal("no-device", (await VoteAsync(forged, s, s.Team1)).Code);

        Assert.Equal(HttpStatusCode.OK, (await VoteAsync(a, s, s.Team1)).Status);
        // The second tap is refused and names the first choice, which the page shows.
        Assert.Equal((HttpStatusCode.Conflict, "already-voted", s.Team1), await VoteAsync(a, s, s.Team2));
        Assert.Equal(HttpStatusCode.OK, (await VoteAsync(b, s, s.Team2)).Status);
        var c = await PhoneAsync(s);
        Assert.Equal(HttpStatusCode.OK, (await VoteAsync(c, s, s.Team2)).Status);

        // After a reload the phone still sees its choice, buttons off.
        var page = await a.GetStringAsync($"/pitch/vote/{s.RoundId}");
        Assert.Contains("Bạn đã bình chọn cho Đội Một.", page);
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(page, "data-team=\"\\d+\"[^>]*disabled").Count);

        // While open the hall sees how many voted, not who leads; organizers see the totals.
        var open = await s.App.NewClient().GetFromJsonAsync<JsonElement>(Votes(s));
        Assert.Equal((3, 0, false), (open.GetProperty("total").GetInt32(), open.GetProperty("teams").GetArrayLength(), open.GetProperty("published").GetBoolean()));
        var forOrg = await org.GetFromJsonAsync<JsonElement>(Votes(s));
        Assert.Equal([2, 1], forOrg.GetProperty("teams").EnumerateArray().Select(t => t.GetProperty("votes").GetInt32()).ToArray());

        await PitchScenario.PostOk(org, $"{Votes(s)}/open", new { open = false });
        var closed = await s.App.NewClient().GetFromJsonAsync<JsonElement>(Votes(s));
        Assert.True(closed.GetProperty("published").GetBoolean());
        var rows = closed.GetProperty("teams").EnumerateArray().Select(t => (t.GetProperty("name").GetString(), t.GetProperty("votes").GetInt32(), t.GetProperty("rank").GetInt32())).ToArray();
        Assert.Equal([("Đội Hai", 2, 1), ("Đội Một", 1, 2)], rows);
        Assert.Equal("Đội Hai", Assert.Single(closed.GetProperty("winners").EnumerateArray()).GetProperty("name").GetString());
        // The judges' ranking is untouched by the vote.
        var ranking = await s.App.NewClient().GetFromJsonAsync<JsonElement>($"/api/pitch/rounds/{s.RoundId}/ranking");
        Assert.Equal(0, ranking.GetProperty("teams").EnumerateArray().Count(t => t.GetProperty("rank").ValueKind == JsonValueKind.Number));
        Assert.Contains("Giải khán giả bình chọn thuộc về", await s.App.NewClient().GetStringAsync($"/pitch/results/{s.RoundId}"));
    }

    [Fact]
    public async Task A_vote_posted_from_another_sites_page_is_refused_by_the_origin_check()
    {
        await using var s = await PitchScenario.CreateAsync(StorageProvider.Sqlite);
        await PitchScenario.PostOk(await s.ClientAsync("org"), $"{Votes(s)}/open", new { open = true });
        var phone = await PhoneAsync(s);
        var request = new HttpRequestMessage(HttpMethod.Post, Votes(s)) { Content = JsonContent.Create(new { teamId = s.Team1 }) };
        request.Headers.Add("Origin", "http://evil.example");
        var refused = await phone.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("origin", (await Json(refused)).GetProperty("code").GetString());
        // The same phone from the site's own page votes.
        var own = new HttpRequestMessage(HttpMethod.Post, Votes(s)) { Content = JsonContent.Create(new { teamId = s.Team1 }) };
        own.Headers.Add("Origin", phone.BaseAddress!.GetLeftPart(UriPartial.Authority));
        Assert.Equal(HttpStatusCode.OK, (await phone.SendAsync(own)).StatusCode);
    }

    [Fact]
    public async Task An_address_over_its_cap_is_refused_and_the_audit_shows_it_and_a_vote_is_voided_with_a_reason()
    {
        await using var s = await PitchScenario.CreateAsync(StorageProvider.Sqlite, new Dictionary<string, string> { ["Contest:PitchVote:VotesPerAddress"] = "2" });
        var org = await s.ClientAsync("org");
        await PitchScenario.PostOk(org, $"{Votes(s)}/open", new { open = true });
        var phones = new List<HttpClient>();
        for (var i = 0; i < 3; i++) phones.Add(await PhoneAsync(s));
        Assert.Equal(HttpStatusCode.OK, (await VoteAsync(phones[0], s, s.Team1)).Status);
        Assert.Equal(HttpStatusCode.OK, (await VoteAsync(phones[1], s, s.Team1)).Status);
        Assert.Equal("address-limit", (await VoteAsync(phones[2], s, s.Team2)).Code);
        Assert.Equal("already-voted", (await VoteAsync(phones[0], s, s.Team2)).Code);

        var audit = await org.GetFromJsonAsync<JsonElement>($"{Votes(s)}/audit");
        var address = Assert.Single(audit.GetProperty("byAddress").EnumerateArray());
        Assert.Equal((2, 0, 2), (address.GetProperty("votes").GetInt32(), address.GetProperty("voided").GetInt32(), address.GetProperty("refused").GetInt32()));
        var minute = Assert.Single(audit.GetProperty("byMinute").EnumerateArray());
        Assert.Equal((2, 2), (minute.GetProperty("votes").GetInt32(), minute.GetProperty("refused").GetInt32()));
        Assert.Equal(["already-voted", "address-limit"], audit.GetProperty("refusals").EnumerateArray().Select(r => r.GetProperty("reason").GetString()!).ToArray());

        // Voiding goes through the organizer's vote desk (a form): a reason is required, in the organizer's language.
        var voteId = audit.GetProperty("lines")[0].GetProperty("id").GetInt32();
        var desk = $"/pitch/votes/{s.RoundId}";
        var noReason = await org.PostAsync($"{desk}?handler=Void", Form(await AccountFlows.AntiforgeryTokenAsync(org, desk), ("voteId", voteId.ToString()), ("reason", " ")));
        Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
        Assert.Contains("Hãy ghi lý do hủy phiếu.", await noReason.Content.ReadAsStringAsync());
        var voided = await org.PostAsync($"{desk}?handler=Void", Form(await AccountFlows.AntiforgeryTokenAsync(org, desk), ("voteId", voteId.ToString()), ("reason", "Cùng một người bầu hai lần")));
        Assert.Equal(HttpStatusCode.Redirect, voided.StatusCode);
        var after = await org.GetFromJsonAsync<JsonElement>(Votes(s));
        Assert.Equal(1, after.GetProperty("total").GetInt32());
        Assert.Contains("Cùng một người bầu hai lần", await org.GetStringAsync(desk));
        // Voided, it still fills the address's cap: voiding is not a way to vote again.
        Assert.Equal("address-limit", (await VoteAsync(phones[2], s, s.Team2)).Code);
        // The desk is for organizers only.
        Assert.Contains("/account/denied", (await (await s.ClientAsync("j1")).GetAsync(desk)).Headers.Location!.ToString());
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task With_tickets_on_each_printed_code_votes_once(StorageProvider provider)
    {
        await using var s = await PitchScenario.CreateAsync(provider);
        var org = await s.ClientAsync("org");
        var desk = $"/pitch/votes/{s.RoundId}";
        Assert.Equal(HttpStatusCode.Redirect, (await org.PostAsync($"{desk}?handler=Tickets", Form(await AccountFlows.AntiforgeryTokenAsync(org, desk), ("required", "true")))).StatusCode);
        var tooMany = await org.PostAsync($"{desk}?handler=Generate", Form(await AccountFlows.AntiforgeryTokenAsync(org, desk), ("count", "5000")));
        Assert.Contains("Số mã mỗi lần từ 1 đến 2000", await tooMany.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await org.PostAsync($"{desk}?handler=Generate", Form(await AccountFlows.AntiforgeryTokenAsync(org, desk), ("count", "3")))).StatusCode);
        await PitchScenario.PostOk(org, $"{Votes(s)}/open", new { open = true });

        // The printable sheet holds the three codes, as printed (ABCD-EFGH).
        using var book = new XLWorkbook(new MemoryStream(await org.GetByteArrayAsync($"{desk}?handler=Sheet")));
        var codes = book.Worksheet(2).Column(1).CellsUsed().Skip(1).Select(c => c.GetString()).ToList();
        Assert.Equal(3, codes.Count);
        Assert.All(codes, c => Assert.Matches("^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$", c));

        var a = await PhoneAsync(s);
        var b = await PhoneAsync(s);
        Assert.Equal("ticket-required", (await VoteAsync(a, s, s.Team1)).Code);
        Assert.Equal("ticket-unknown", (await VoteAsync(a, s, s.Team1, "ZZZZ-ZZZZ")).Code);
        // Typed in lower case with a space: the same code.
        Assert.Equal(HttpStatusCode.OK, (await VoteAsync(a, s, s.Team1, codes[0].ToLowerInvariant().Replace('-', ' '))).Status);
        Assert.Equal("ticket-used", (await VoteAsync(b, s, s.Team2, codes[0])).Code);
        Assert.Equal(HttpStatusCode.OK, (await VoteAsync(b, s, s.Team2, codes[1])).Status);

        await using var ctx = s.Database.NewContext();
        Assert.Equal(2, await ctx.Set<AudienceTicket>().CountAsync(t => t.UsedAt != null));
        Assert.Equal(["ticket-unknown", "ticket-used"], (await ctx.Set<AudienceVoteRefusal>().OrderBy(r => r.Id).ToListAsync()).Select(r => r.Reason).ToArray());
    }

    private static FormUrlEncodedContent Form(string token, params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)).Append(new("__RequestVerificationToken", token)));
}
