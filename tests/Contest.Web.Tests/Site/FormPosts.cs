using Contest.Testing;

namespace Contest.Web.Tests.Site;

/// <summary>Posts a form the way a browser does: the page's antiforgery token plus the typed fields.</summary>
internal static class FormPosts
{
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string page, string action, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var token = await AccountFlows.AntiforgeryTokenAsync(client, page);
        var all = fields.Append(new("__RequestVerificationToken", token));
        return await client.PostAsync(action, new FormUrlEncodedContent(all));
    }

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string page, IEnumerable<KeyValuePair<string, string>> fields) =>
        PostAsync(client, page, page, fields);

    /// <summary>Asserts the answer is not a server error and returns its HTML.</summary>
    public static async Task<string> NoServerErrorAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode} from {response.RequestMessage?.RequestUri}: {html[..Math.Min(html.Length, 2000)]}");
        Assert.DoesNotContain("error-page", html);
        return html;
    }
}
