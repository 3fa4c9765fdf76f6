using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Contest.Admin.Questions;
using Contest.Admin.Questions.Excel;
using Contest.Engine.Accounts;
using Contest.Engine.Questions;
using Contest.Engine.Storage;
using Contest.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Contest.Admin.Tests.Questions.Workbooks;

namespace Contest.Admin.Tests.Questions;

public class BanksApiTests
{
    public static TheoryData<StorageProvider> Providers => [StorageProvider.Sqlite, StorageProvider.Postgres];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static async Task<int> CreateBankAsync(HttpClient client, string name = "Ngân hàng thử")
    {
        var response = await client.PostAsJsonAsync("/api/banks", new { name, language = "vi" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<BankDto>(Json))!.Id;
    }

    private static ByteArrayContent Xlsx(Stream file)
    {
        var content = new ByteArrayContent(((MemoryStream)file).ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue(QuestionSheetWriter.ContentType);
        return content;
    }

    private static async Task<int> CountAsync(ContestApp app, int bankId)
    {
        await using var db = app.Database.NewContext();
        return await db.Set<Question>().CountAsync(q => q.BankId == bankId);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Import_dry_run_saves_nothing_and_confirm_saves_only_the_good_rows(StorageProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, migrate: false);
        await using var app = new ContestApp(db);
        var client = await app.LoginAsync();
        var bankId = await CreateBankAsync(client);
        MemoryStream File() => Template(
            Row("Một đáp án", "Đoàn thành lập năm nào?", ["1930", "1931"], "B"),
            Row("Một đáp án", "Thiếu đáp án đúng?", ["1930", "1931"], ""),
            Row("Đúng/Sai", "Tháng Ba là Tháng Thanh niên.", [], "Đúng"));

        var dry = await client.PostAsync($"/api/banks/{bankId}/import", Xlsx(File()));
        Assert.Equal(HttpStatusCode.OK, dry.StatusCode);
        var report = (await dry.Content.ReadFromJsonAsync<ImportResultDto>(Json))!;
        Assert.Equal((2, 1, 0), (report.GoodRows, report.BadRows, report.Saved));
        var problem = Assert.Single(report.Problems);
        Assert.Equal(("Câu hỏi", 3, "I", "Thiếu đáp án đúng"), (problem.Sheet, problem.Row, problem.Column, problem.Message));
        Assert.Equal(0, await CountAsync(app, bankId));

        var confirmed = (await (await client.PostAsync($"/api/banks/{bankId}/import?confirm=true", Xlsx(File()))).Content.ReadFromJsonAsync<ImportResultDto>(Json))!;
        Assert.Equal(2, confirmed.Saved);
        Assert.Equal(2, await CountAsync(app, bankId));

        // The same file again: both good rows are now duplicates of the bank, so nothing more is saved.
        var again = (await (await client.PostAsync($"/api/banks/{bankId}/import?confirm=true", Xlsx(File()))).Content.ReadFromJsonAsync<ImportResultDto>(Json))!;
        Assert.Equal((0, 3, 0), (again.GoodRows, again.BadRows, again.Saved));
        Assert.Equal(2, again.Problems.Count(p => p.Code == ImportCodes.DuplicateInBank));
        Assert.All(again.Problems.Where(p => p.Code == ImportCodes.DuplicateInBank),
            p => Assert.Equal("Trùng với câu hỏi đã có trong ngân hàng «Ngân hàng thử»", p.Message));
        Assert.Equal(2, await CountAsync(app, bankId));

        var export = await client.GetAsync($"/api/banks/{bankId}/export");
        Assert.Equal(QuestionSheetWriter.ContentType, export.Content.Headers.ContentType!.MediaType);
        var reread = Read(new MemoryStream(await export.Content.ReadAsByteArrayAsync()));
        Assert.Equal(["Đoàn thành lập năm nào?", "Tháng Ba là Tháng Thanh niên."], reread.Good.Select(g => g.Question.Text));
    }

    [Fact]
    public async Task A_bad_file_is_a_400_with_one_message_and_saves_nothing()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var app = new ContestApp(db);
        var client = await app.LoginAsync();
        var bankId = await CreateBankAsync(client);
        var response = await client.PostAsync($"/api/banks/{bankId}/import", new ByteArrayContent("not,a,workbook"u8.ToArray()));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<ImportResultDto>(Json))!;
        // A CSV export renamed .xlsx: named as such, with what to do.
        Assert.Equal(FileProblem.TextFile, body.ErrorCode);
        Assert.StartsWith("Đây là tệp văn bản CSV (hoặc văn bản thường) chỉ được đổi tên thành .xlsx", body.Error);
        Assert.Equal(0, await CountAsync(app, bankId));
    }

    [Fact]
    public async Task Create_update_filter_and_delete_a_question()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var app = new ContestApp(db);
        var client = await app.LoginAsync();
        var bankId = await CreateBankAsync(client);
        var question = new
        {
            type = "FillBlank", text = "Thanh niên làm theo lời ___", options = Array.Empty<string>(), correctOptions = Array.Empty<int>(),
            acceptedAnswers = new[] { "Bác", "Bác Hồ" }, ignoreCase = true, ignoreDiacritics = true, ignoreExtraSpaces = true, partialCredit = false,
            timeLimitSeconds = 20, points = 1000, difficulty = "Easy", tags = new[] { "bài hát" }, language = "vi", explanation = "", mediaKind = "None", mediaUrl = (string?)null,
        };
        var created = await client.PostAsJsonAsync($"/api/banks/{bankId}/questions", question);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<QuestionDto>(Json))!.Id;

        var dup = await client.PostAsJsonAsync($"/api/banks/{bankId}/questions", question with { text = "THANH NIÊN  làm theo lời ___" });
        Assert.Equal(HttpStatusCode.BadRequest, dup.StatusCode);
        var problem = await dup.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ValidationProblemDetails>();
        Assert.StartsWith($"Trùng với câu hỏi số {id} đã có trong ngân hàng \"", Assert.Single(problem!.Errors["Text"]));

        var seven = await client.PutAsJsonAsync($"/api/banks/{bankId}/questions/{id}", question with
        {
            type = "SingleChoice", options = new[] { "1", "2", "3", "4", "5", "6", "7" }, correctOptions = new[] { 0 }, acceptedAnswers = Array.Empty<string>(),
        });
        Assert.Equal(HttpStatusCode.BadRequest, seven.StatusCode);
        Assert.Contains("Quá nhiều đáp án: 7, tối đa 6", await seven.Content.ReadAsStringAsync());

        var list = await client.GetFromJsonAsync<List<QuestionDto>>($"/api/banks/{bankId}/questions?tag=bài hát&type=FillBlank", Json);
        Assert.Equal(id, Assert.Single(list!).Id);
        Assert.Empty((await client.GetFromJsonAsync<List<QuestionDto>>($"/api/banks/{bankId}/questions?difficulty=Hard", Json))!);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/banks/{bankId}/questions/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"/api/banks/{bankId}/questions/{id}")).StatusCode);
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData(Roles.Participant, HttpStatusCode.Forbidden)]
    [InlineData(Roles.Judge, HttpStatusCode.Forbidden)]
    [InlineData(Roles.Organizer, HttpStatusCode.OK)]
    [InlineData(Roles.Admin, HttpStatusCode.OK)]
    public async Task Bank_api_is_for_admins_and_organizers(string? role, HttpStatusCode expected)
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var app = new ContestApp(db);
        var client = app.NewClient();
        if (role is not null)
        {
            using (var scope = app.Services.CreateScope())
            {
                var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
                var user = new AppUser { UserName = "u1", DisplayName = "u1" };
                Assert.True((await users.CreateAsync(user, "Secret-pass-1")).Succeeded);
                Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
            }
            client = await app.LoginAsync("u1", "Secret-pass-1");
        }
        Assert.Equal(expected, (await client.GetAsync("/api/banks")).StatusCode);
        Assert.Equal(expected, (await client.GetAsync("/api/banks/template")).StatusCode);
        var import = await client.PostAsync("/api/banks/1/import?confirm=true", Xlsx(Template(Row("Một đáp án", "x?", ["a", "b"], "A"))));
        Assert.Equal(expected, import.StatusCode);
    }

    [Fact]
    public async Task The_bank_endpoints_are_in_the_openapi_document()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var app = new ContestApp(db);
        var doc = await app.NewClient().GetStringAsync("/openapi/v1.json");
        foreach (var path in new[] { "/api/banks", "/api/banks/{bankId}/questions", "/api/banks/{bankId}/questions/{id}", "/api/banks/{bankId}/import", "/api/banks/{bankId}/export", "/api/banks/template" })
            Assert.Contains($"\"{path}\"", doc);
        Assert.Contains(QuestionSheetWriter.ContentType, doc);
    }
}
