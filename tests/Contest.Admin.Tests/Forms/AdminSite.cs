using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Contest.Engine.Contests;
using Contest.Engine.Questions;
using Contest.Engine.Storage;
using Contest.Testing;
using Microsoft.EntityFrameworkCore;

namespace Contest.Admin.Tests.Forms;

/// <summary>
/// One app over one SQLite database for a class of form tests, signed in as admin, with a bank of six questions
/// (ids in <see cref="QuestionIds"/>: two easy, two medium, two hard; tagged "lịch sử", "nghị quyết" or nothing).
/// Tests use their own names so they do not see each other's rows.
/// </summary>
public sealed partial class AdminSite : IAsyncLifetime
{
    /// <summary>The form test classes run one after another: each starts an app with its own job server.</summary>
    public const string Collection = "Admin forms";

    public TestDatabase Db { get; private set; } = null!;
    public ContestApp App { get; private set; } = null!;
    public HttpClient Admin { get; private set; } = null!;
    public int BankId { get; private set; }
    public string BankName => "Ngân hàng kiểm thử biểu mẫu";
    public List<int> QuestionIds { get; private set; } = [];
    public int OnlineContestId { get; private set; }
    public int PitchContestId { get; private set; }

    public async Task InitializeAsync()
    {
        Db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        App = new ContestApp(Db);
        Admin = await App.LoginAsync();
        await using var ctx = Db.NewContext();
        var bank = new QuestionBank { Name = BankName, Language = "vi", CreatedAt = DateTimeOffset.UtcNow };
        ctx.Add(bank);
        await ctx.SaveChangesAsync();
        BankId = bank.Id;
        string[][] tags = [["lịch sử"], ["nghị quyết"], [], ["Lịch sử"], ["nghị quyết"], []];
        var questions = Enumerable.Range(0, 6).Select(i => new Question
        {
            BankId = bank.Id, Type = QuestionType.SingleChoice, Text = $"Câu hỏi kiểm thử số {i + 1}?", Options = ["Một", "Hai", "Ba"], CorrectOptions = [0],
            Difficulty = (Difficulty)(i / 2 + 1), Tags = [.. tags[i]], CreatedAt = DateTimeOffset.UtcNow,
        }).ToList();
        ctx.AddRange(questions);
        await ctx.SaveChangesAsync();
        QuestionIds = [.. questions.Select(q => q.Id)];
        OnlineContestId = await ctx.Contests.Where(c => c.Kind == ContestKind.OnlineRound).Select(c => c.Id).FirstAsync();
        PitchContestId = await ctx.Contests.Where(c => c.Kind == ContestKind.Pitch).Select(c => c.Id).FirstAsync();
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Db.DisposeAsync();
    }

    /// <summary>Posts a form as the page's own form would (antiforgery token from <paramref name="page"/>); repeated keys allowed.</summary>
    public static async Task<Answer> PostAsync(HttpClient client, string page, string action, params (string Key, string Value)[] fields)
    {
        var all = fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)).ToList();
        all.Add(new("__RequestVerificationToken", await AccountFlows.AntiforgeryTokenAsync(client, page)));
        var response = await client.PostAsync(action, new FormUrlEncodedContent(all));
        return await Answer.ReadAsync(response);
    }

    public static async Task<Answer> PostFileAsync(HttpClient client, string page, string action, string field, string fileName, byte[]? content, params (string Key, string Value)[] fields)
    {
        using var form = new MultipartFormDataContent { { new StringContent(await AccountFlows.AntiforgeryTokenAsync(client, page)), "__RequestVerificationToken" } };
        foreach (var (k, v) in fields) form.Add(new StringContent(v), k);
        if (content is not null)
            form.Add(new ByteArrayContent(content) { Headers = { ContentType = new MediaTypeHeaderValue("application/octet-stream") } }, field, fileName);
        return await Answer.ReadAsync(await client.PostAsync(action, form));
    }

    /// <summary>A client that reads the site in English.</summary>
    public async Task<HttpClient> EnglishAdminAsync()
    {
        var client = await App.LoginAsync();
        await client.GetAsync("/culture/en?returnUrl=%2F");
        return client;
    }
}

/// <summary>A response to a form post: its status and page, with the message shown next to a field.</summary>
public sealed partial record Answer(HttpStatusCode Status, string Html, string? Location)
{
    public static async Task<Answer> ReadAsync(HttpResponseMessage r) =>
        new(r.StatusCode, await r.Content.ReadAsStringAsync(), r.Headers.Location?.ToString());

    /// <summary>The text of the validation message rendered for <paramref name="field"/> (empty when none).</summary>
    public string FieldError(string field)
    {
        var m = Regex.Match(Html, $"data-valmsg-for=\"{Regex.Escape(field)}\"[^>]*>(.*?)</span>", RegexOptions.Singleline);
        return m.Success ? WebUtility.HtmlDecode(Regex.Replace(m.Groups[1].Value, "<[^>]+>", " ")).Trim() : "";
    }

    /// <summary>Fails unless the form was saved (a redirect), listing the page's messages when it was not.</summary>
    public void Saved()
    {
        var messages = Regex.Matches(Html, "field-validation-error[^>]*>(.*?)</span>|class=\"error\"[^>]*>(.*?)</", RegexOptions.Singleline).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value + m.Groups[2].Value));
        Assert.True(Status == HttpStatusCode.Redirect, $"status {(int)Status}: {string.Join(" | ", messages)}");
    }

    /// <summary>Fails unless the page came back (not a server error, not a redirect) with these messages under these fields.</summary>
    public void ShowsErrors(params (string Field, string Message)[] expected)
    {
        Assert.True(Status is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"status {(int)Status}");
        Assert.DoesNotContain("Exception", Html);
        foreach (var (field, message) in expected) Assert.Equal(message, FieldError(field));
    }
}
