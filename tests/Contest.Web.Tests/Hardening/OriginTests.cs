using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Contest.Engine.LiveGames;
using Contest.Web.LiveGames;
using Contest.Web.Tests.LiveGames;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Contest.Web.Tests.Hardening;

/// <summary>Cross-site use of the admin's cookie (issue 18: a page on another port of the same host drove a live game): refused by Origin.</summary>
public class OriginTests
{
    private const string OtherPort = "http://localhost:8081";
    private const string Allowed = "https://contest.example.org";

    private static Task<LiveHarness> StartAsync() =>
        LiveHarness.StartAsync(settings: new Dictionary<string, string> { ["Contest:AllowedOrigins:0"] = Allowed });

    private static HttpRequestMessage CreateGame(LiveHarness h, string? origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/live/games")
        {
            Content = JsonContent.Create(new CreateGameRequest { BankId = h.BankId, Scoring = ScoringMode.Accuracy }, options: LiveHarness.Json),
        };
        if (origin is not null) request.Headers.Add("Origin", origin);
        return request;
    }

    [Fact]
    public async Task A_json_post_from_another_origin_is_refused_and_from_the_own_an_allowed_or_no_origin_accepted()
    {
        await using var h = await StartAsync();
        foreach (var origin in new[] { OtherPort, "https://localhost", "http://evil.example", "null" })
        {
            var refused = await h.Host.SendAsync(CreateGame(h, origin));
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            var body = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("origin", body.GetProperty("code").GetString());
            Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("detail").GetString()));
        }
        foreach (var origin in new[] { "http://localhost", Allowed, null })
            Assert.Equal(HttpStatusCode.OK, (await h.Host.SendAsync(CreateGame(h, origin))).StatusCode);
        // Reads are not state-changing: a GET with a foreign Origin still answers.
        var get = new HttpRequestMessage(HttpMethod.Get, "/api/live/games");
        get.Headers.Add("Origin", OtherPort);
        Assert.NotEqual(HttpStatusCode.Forbidden, (await h.Host.SendAsync(get)).StatusCode);
    }

    [Fact]
    public async Task A_hub_negotiate_from_another_origin_is_refused()
    {
        await using var h = await StartAsync();
        async Task<HttpResponseMessage> NegotiateAsync(string? origin)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, LiveHub.Path + "/negotiate?negotiateVersion=1");
            if (origin is not null) request.Headers.Add("Origin", origin);
            return await h.Host.SendAsync(request);
        }
        var refused = await NegotiateAsync(OtherPort);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("origin", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, (await NegotiateAsync("http://localhost")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await NegotiateAsync(null)).StatusCode);
    }

    [Fact]
    public async Task A_signed_in_websocket_from_another_origin_is_refused_and_from_the_own_drives_the_game()
    {
        await using var h = await StartAsync();
        var game = await h.CreateGameAsync();
        var foreign = Connect(h, OtherPort);
        var error = await Assert.ThrowsAnyAsync<Exception>(() => foreign.StartAsync());
        Assert.Contains("403", error.ToString());
        await foreign.DisposeAsync();

        await using var own = Connect(h, "http://localhost");
        await own.StartAsync();
        var state = await own.InvokeAsync<HostState>("HostGame", game.GameId);
        Assert.Equal(game.Pin, state.Pin);
    }

    private static HubConnection Connect(LiveHarness h, string origin)
    {
        var server = h.App.Server;
        return new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, LiveHub.Path), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                o.WebSocketFactory = async (ctx, ct) =>
                {
                    var ws = server.CreateWebSocketClient();
                    ws.ConfigureRequest = r => { r.Headers["Cookie"] = h.HostCookie; r.Headers["Origin"] = origin; };
                    return await ws.ConnectAsync(ctx.Uri, ct);
                };
            })
            .AddJsonProtocol(o => o.PayloadSerializerOptions = LiveHarness.Json)
            .Build();
    }
}
