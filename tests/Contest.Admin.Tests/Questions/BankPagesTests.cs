using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Contest.Engine.Questions;
using Contest.Engine.Storage;
using Contest.Testing;
using Microsoft.EntityFrameworkCore;
using static Contest.Admin.Tests.Questions.Workbooks;

namespace Contest.Admin.Tests.Questions;

public partial class BankPagesTests
{
    private static async Task<int> DemoBankAsync(ContestApp app, string name)
    {
        await using var db = app.Database.NewContext();
        return await db.Set<QuestionBank>().Where(b => b.Name == name).Select(b => b.Id).SingleAsync();
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string page, string action, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var token = await AccountFlows.AntiforgeryTokenAsync(client, page);
        return await client.PostAsync(action, new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token))));
    }

    [Fact]
    public async Task Bank_page_lists_and_filters_the_demo_questions()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var app = new ContestApp(db);
        var client = await app.LoginAsync();
        var id = await DemoBankAsync(app, "Lịch sử Đoàn TNCS Hồ Chí Minh");
        Assert.Contains("Lịch sử Đoàn TNCS Hồ Chí Minh", await client.GetStringAsync("/admin/banks"));
        // Demo bank: 12 questions; 2 fill-in-the-blank, which are also the 2 tagged "truyền thống"; Lý Tự Trọng is named in 1 explanation.
        Assert.Contains("Hiển thị 12 / 12 câu hỏi", await client.GetStringAsync($"/admin/banks/{id}"));
        Assert.Contains("Hiển thị 2 / 12 câu hỏi", await client.GetStringAsync($"/admin/banks/{id}?Type=FillBlank"));
        Assert.Contains("Hiển thị 2 / 12 câu hỏi", await client.GetStringAsync($"/admin/banks/{id}?Tag=truy%E1%BB%81n%20th%E1%BB%91ng"));
        Assert.Contains("Hiển thị 1 / 12 câu hỏi", await client.GetStringAsync($"/admin/banks/{id}?Search=Lý%20Tự%20Trọng"));
    }

    /// <summary>The question editor's form for a single-choice question, as the browser posts it; callers add the rest.</summary>
    private static MultipartFormDataContent ChoiceForm(string token, string text, params string[] options)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("SingleChoice"), "Type" },
            { new StringContent(text), "Text" },
            { new StringContent("20"), "TimeLimitSeconds" },
            { new StringContent("1000"), "Points" },
            { new StringContent("Medium"), "Difficulty" },
            { new StringContent("vi"), "Language" },
        };
        foreach (var o in options) form.Add(new StringContent(o), "Options");
        return form;
    }

    [Fact]
    public async Task Question_editor_refuses_a_choice_without_a_correct_answer_and_a_renamed_file()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var app = new ContestApp(db);
        var client = await app.LoginAsync();
        var id = await DemoBankAsync(app, "Lịch sử Đoàn TNCS Hồ Chí Minh");
        var page = $"/admin/banks/{id}/questions";
        var token = await AccountFlows.AntiforgeryTokenAsync(client, page);
        using var form = ChoiceForm(token, "Câu mới không có đáp án đúng?", "Một", "Hai");
        form.Add(new ByteArrayContent("MZ this is a program"u8.ToArray()), "MediaFile", "anh.png");
        var response = await client.PostAsync(page, form);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Nội dung tệp không khớp với phần mở rộng.", html);
        Assert.Equal(12, await CountAsync(app, id));
    }

    [Fact]
    public async Task Question_editor_saves_a_choice_question_whose_optional_boxes_are_left_empty()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var app = new ContestApp(db);
        var client = await app.LoginAsync();
        var id = await DemoBankAsync(app, "Lịch sử Đoàn TNCS Hồ Chí Minh");
        var page = $"/admin/banks/{id}/questions";
        var token = await AccountFlows.AntiforgeryTokenAsync(client, page);
        // A browser posts empty text boxes as empty strings; the editor once crashed on them.
        using var form = ChoiceForm(token, "Đại hội Đoàn toàn quốc lần thứ XII họp năm nào?", "2017", "2022");
        form.Add(new StringContent("1"), "Correct");
        foreach (var empty in new[] { "Accepted", "Tags", "Explanation" }) form.Add(new StringContent(""), empty);
        var response = await client.PostAsync(page, form);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(13, await CountAsync(app, id));
        await using var read = app.Database.NewContext();
        var saved = await read.Set<Question>().SingleAsync(q => q.BankId == id && q.Text.StartsWith("Đại hội Đoàn toàn quốc lần thứ XII"));
        Assert.Equal([1], saved.CorrectOptions);
        Assert.Empty(saved.Tags);
        Assert.Equal("", saved.Explanation);
    }

    [Fact]
    public async Task Import_page_checks_reports_then_saves_only_on_confirm()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var app = new ContestApp(db);
        var client = await app.LoginAsync();
        var id = await DemoBankAsync(app, "English for Youth — Level B1");
        var page = $"/admin/banks/{id}/import";
        var token = await AccountFlows.AntiforgeryTokenAsync(client, page);
        using var file = Template(
            Row("Một đáp án", "Which word is a noun?", ["run", "happiness", "quickly"], "B", "20", "1000", "Dễ", "vocabulary", "en"),
            Row("Một đáp án", "<script>alert(1)</script> bad row", ["a", "b"], "Z", "20", "1000", "Dễ", "", "en"));
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(file.ToArray()), "Upload", "cau-hoi.xlsx" },
        };
        var started = await client.PostAsync(page, form);
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var jobUrl = started.Headers.Location!.ToString();
        var job = JobId().Match(jobUrl).Groups[1].Value;

        var html = await WaitAsync(client, page, job);
        Assert.Contains("1 câu hỏi hợp lệ, 1 dòng lỗi (đọc theo mẫu của hệ thống).", html);
        Assert.Contains("Đáp án đúng số 26 không có (chỉ có 2 đáp án)", html);
        Assert.DoesNotContain("<script>alert(1)</script>", html);
        Assert.Equal(8, await CountAsync(app, id));

        var confirm = await PostFormAsync(client, jobUrl, $"{page}?handler=Confirm&job={job}", []);
        Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);
        html = await WaitAsync(client, page, job);
        Assert.Contains("Đã nhập 1 câu hỏi vào ngân hàng.", html);
        // Demo English bank: 8 questions, plus the one good row.
        Assert.Equal(9, await CountAsync(app, id));
    }

    private static async Task<string> WaitAsync(HttpClient client, string page, string job)
    {
        for (var i = 0; i < 100; i++)
        {
            var p = JsonDocument.Parse(await client.GetStringAsync($"{page}?handler=Progress&job={job}")).RootElement;
            if (p.GetProperty("finished").GetBoolean()) return await client.GetStringAsync($"{page}?job={job}");
            await Task.Delay(100);
        }
        throw new TimeoutException("import job did not finish in 10 s");
    }

    private static async Task<int> CountAsync(ContestApp app, int bankId)
    {
        await using var db = app.Database.NewContext();
        return await db.Set<Question>().CountAsync(q => q.BankId == bankId);
    }

    [GeneratedRegex("job=([0-9a-f]{32})")]
    private static partial Regex JobId();
}
