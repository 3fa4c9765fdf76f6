using System.Net;
using Contest.Engine.Questions;
using Contest.Engine.Storage;
using Contest.Testing;
using Microsoft.EntityFrameworkCore;

namespace Contest.Admin.Tests.Questions;

/// <summary>Over-large uploads to the import page, through real Kestrel (whose own body limit an in-process server does not have).</summary>
public class ImportUploadSizeTests
{
    [Fact]
    public async Task An_upload_over_the_limit_is_answered_with_the_size_message_never_a_server_error()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var server = await ContestProcess.StartAsync(db);
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = new Uri(server.BaseUrl) };
        await AccountFlows.LoginAsync(client, ContestApp.AdminUser, ContestApp.AdminPassword);
        int bankId;
        await using (var ctx = db.NewContext())
            bankId = await ctx.Set<QuestionBank>().Where(b => b.Name == "Lịch sử Đoàn TNCS Hồ Chí Minh").Select(b => b.Id).SingleAsync();
        var page = $"/admin/banks/{bankId}/import";

        // 12 MB: over the 10 MB import limit; 40 MB: over Kestrel's default 30 MB request limit too, which would drop
        // the connection without a word.
        foreach (var megabytes in new[] { 12, 40 })
        {
            var token = await AccountFlows.AntiforgeryTokenAsync(client, page);
            using var form = new MultipartFormDataContent
            {
                { new StringContent(token), "__RequestVerificationToken" },
                { new ByteArrayContent(new byte[megabytes * 1024 * 1024]), "Upload", "rat-lon.xlsx" },
            };
            HttpResponseMessage response;
            try { response = await client.PostAsync(page, form); }
            catch (HttpRequestException e) { throw new Exception($"{megabytes} MB: {e.Message}\n{server.Output[^Math.Min(4000, server.Output.Length)..]}", e); }
            var html = await response.Content.ReadAsStringAsync();
            Assert.True((int)response.StatusCode < 500, $"{megabytes} MB: {(int)response.StatusCode}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("Tệp quá lớn", html);
            Assert.Contains("tối đa 10 MB", html);
        }
    }
}
