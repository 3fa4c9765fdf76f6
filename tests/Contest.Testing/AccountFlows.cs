using System.Net;
using System.Text.RegularExpressions;

namespace Contest.Testing;

public static partial class AccountFlows
{
    /// <summary>Logs in through the real login form (antiforgery token included); throws unless it redirects.</summary>
    public static async Task LoginAsync(HttpClient client, string user, string password)
    {
        var response = await PostLoginAsync(client, user, password);
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Login as {user} failed: {(int)response.StatusCode}");
    }

    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string user, string password)
    {
        var token = await AntiforgeryTokenAsync(client, "/account/login");
        return await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = user,
            ["Password"] = password,
            ["__RequestVerificationToken"] = token,
        }));
    }

    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string page)
    {
        var html = await client.GetStringAsync(page);
        var m = TokenPattern().Match(html);
        return m.Success ? m.Groups[1].Value : throw new InvalidOperationException($"No antiforgery token on {page}");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
