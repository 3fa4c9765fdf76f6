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
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        // A CSV export renamed .xlsx: named as such, with what to do; the one error shape, the report's counts beside it.
        Assert.Equal("import-text-file", body.GetProperty("code").GetString());
        Assert.StartsWith("Đây là tệp văn bản CSV (hoặc văn bản thường) chỉ được đổi tên thành .xlsx", body.GetProperty("detail").GetString());
        Assert.Equal((400, 0, 0, 0), (body.GetProperty("status").GetInt32(), body.GetProperty("goodRows").GetInt32(), body.GetProperty("saved").GetInt32(), body.GetProperty("rows").GetArrayLength()));
        Assert.Equal(0, await CountAsync(app, bankId));
    }

    [Fact]
    public async Task A_bank_without_a_name_and_a_row_with_an_unknown_difficulty_are_named_in_Vietnamese()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var app = new ContestApp(db);
        var client = await app.LoginAsync();
        int banks;
        await using (var ctx = db.NewContext()) banks = await ctx.Set<QuestionBank>().CountAsync();

        // Both field problems at once, each with its code and the words of the one error table.
        var refused = await client.PostAsJsonAsync("/api/banks", new { name = "  ", language = "fr" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var body = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("invalid-fields", "Hãy sửa các mục chưa hợp lệ."), (body.GetProperty("code").GetString(), body.GetProperty("detail").GetString()));
        Assert.Equal(
            [("name", "bank-name-required", "Hãy đặt tên cho ngân hàng câu hỏi."), ("language", "bank-language", "Ngôn ngữ của ngân hàng câu hỏi phải là vi (tiếng Việt) hoặc en (tiếng Anh).")],
            body.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("field").GetString(), e.GetProperty("code").GetString(), e.GetProperty("message").GetString())));
        var tooLong = await (await client.PostAsJsonAsync("/api/banks", new { name = new string('x', 301) })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Tên ngân hàng câu hỏi quá dài: 301 ký tự, tối đa 300.", tooLong.GetProperty("errors")[0].GetProperty("message").GetString());
        await using (var ctx = db.NewContext()) Assert.Equal(banks, await ctx.Set<QuestionBank>().CountAsync());

        // A row of the sheet: its sheet, row and column, and why, in Vietnamese with the word as typed.
        var bankId = await CreateBankAsync(client);
        var dry = await client.PostAsync($"/api/banks/{bankId}/import", Xlsx(Template(Row("Một đáp án", "Đoàn thành lập năm nào?", ["1930", "1931"], "B", "", "", "siêu khó"))));
        var report = (await dry.Content.ReadFromJsonAsync<ImportResultDto>(Json))!;
        var problem = Assert.Single(report.Problems);
        Assert.Equal(("Câu hỏi", 2, "L", ImportCodes.UnknownDifficultyWord), (problem.Sheet, problem.Row, problem.Column, problem.Code));
        Assert.Equal("Độ khó không rõ: \"siêu khó\". Dùng Dễ, Trung bình (TB) hoặc Khó.", problem.Message);
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
        var problem = await dup.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("invalid-fields", problem.GetProperty("code").GetString());
        var text = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal(("Text", "duplicate-of-question"), (text.GetProperty("field").GetString(), text.GetProperty("code").GetString()));
        Assert.StartsWith($"Trùng với câu hỏi số {id} đã có trong ngân hàng \"", text.GetProperty("message").GetString());

        var seven = await client.PutAsJsonAsync($"/api/banks/{bankId}/questions/{id}", question with
        {
            type = "SingleChoice", options = new[] { "1", "2", "3", "4", "5", "6", "7" }, correctOptions = new[] { 0 }, acceptedAnswers = Array.Empty<string>(),
        });
        Assert.Equal(HttpStatusCode.BadRequest, seven.StatusCode);
        // The rule's code in kebab-case like every other code, its words in Vietnamese from the questions' table.
        var options = Assert.Single((await seven.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray());
        Assert.Equal(("Options", "too-many-options", "Quá nhiều đáp án: 7, tối đa 6"),
            (options.GetProperty("field").GetString(), options.GetProperty("code").GetString(), options.GetProperty("message").GetString()));

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
