using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Contest.Engine.LiveGames;
using Contest.Engine.Questions;
using Contest.Engine.Storage;
using Contest.Testing;
using Contest.Web.LiveGames;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Contest.Web.Tests.LiveGames;

/// <summary>
/// A question's deadline passes while the database refuses the write that closes it (PostgreSQL away): the failure is
/// logged, the step is tried again a second later, and the question still closes — the reveal reaches the player and
/// the host, and the stored row says Reveal.
/// </summary>
public class DeadlineRetryTests
{
    [Fact]
    public async Task A_failed_write_at_the_deadline_is_logged_and_retried_and_the_question_still_closes()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        var logs = new LogRecorder();
        await using var app = new ContestApp(db).WithWebHostBuilder(w => w.ConfigureTestServices(s =>
        {
            // The state store fails once, at the first write of a closed question (the deadline's step).
            s.AddSingleton<ILiveStateStore>(sp => new FailOnceAtReveal(new DbLiveStateStore(() => StorageRegistration.Create(sp.GetRequiredService<StorageSettings>()))));
            s.AddSingleton<ILoggerProvider>(logs);
        }));
        var cookies = new CookieContainer();
        var http = app.CreateDefaultClient(new CookieContainerHandler(cookies));
        await AccountFlows.LoginAsync(http, ContestApp.AdminUser, ContestApp.AdminPassword);
        int bankId;
        await using (var ctx = app.Services.CreateScope().ServiceProvider.GetRequiredService<ContestDb>())
        {
            var bank = new QuestionBank
            {
                Name = "Hạn chót",
                Questions = [new Question { Text = "Đoàn thành lập năm nào?", Type = QuestionType.SingleChoice, Options = ["1930", "1931"], CorrectOptions = [1], TimeLimitSeconds = 20 }],
            };
            ctx.QuestionBanks.Add(bank);
            await ctx.SaveChangesAsync();
            bankId = bank.Id;
        }
        // 5 s, the shortest time limit a host may set.
        var response = await http.PostAsJsonAsync("/api/live/games", new CreateGameRequest { BankId = bankId, TimeLimitSeconds = 5 }, LiveHarness.Json);
        response.EnsureSuccessStatusCode();
        var game = (await response.Content.ReadFromJsonAsync<CreatedGame>(LiveHarness.Json))!;

        await using var host = await LiveHarness.ConnectAsync(app.Server, cookies.GetCookieHeader(http.BaseAddress!));
        var hostInbox = new Inbox(host, Inbox.HostEvents);
        await host.InvokeAsync<HostState>("HostGame", game.GameId);
        await using var player = await LiveHarness.ConnectAsync(app.Server, null);
        var playerInbox = new Inbox(player, Inbox.PlayerEvents);
        await player.InvokeAsync<JoinResult>("Join", game.Pin, "An", null);
        await host.InvokeAsync<HostState>("Start", game.GameId);

        // Nobody answers: the deadline closes the question. Its first write fails; the retry a second later goes through.
        var reveal = await playerInbox.WaitAsync<PlayerReveal>("Revealed");
        Assert.Equal((0, false), (reveal.QuestionIndex, reveal.Answered));
        Assert.Equal(0, (await hostInbox.WaitAsync<HostReveal>("HostRevealed")).QuestionIndex);
        Assert.Single(logs.Errors, e => e.Contains("closing question 1 failed; retrying in 1 s", StringComparison.Ordinal) && e.Contains("database away (test)", StringComparison.Ordinal));
        await using (var ctx = app.Services.CreateScope().ServiceProvider.GetRequiredService<ContestDb>())
            Assert.Equal(GamePhase.Reveal, (await ctx.Set<LiveGameRecord>().SingleAsync(g => g.Id == game.GameId)).Phase);
        Assert.Equal(GamePhase.Reveal, (await host.InvokeAsync<HostState>("HostGame", game.GameId)).Phase);
    }

    private sealed class FailOnceAtReveal(ILiveStateStore inner) : ILiveStateStore
    {
        private int _failed;

        public Task<bool> SaveAsync(Guid gameId, LiveSnapshot? expected, LiveSnapshot state)
        {
            if (state.Phase == GamePhase.Reveal && Interlocked.Exchange(ref _failed, 1) == 0)
                throw new InvalidOperationException("database away (test)");
            return inner.SaveAsync(gameId, expected, state);
        }
    }

    /// <summary>Error-level log lines with their exceptions, from every logger of the app.</summary>
    private sealed class LogRecorder : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _errors = new();

        public IReadOnlyList<string> Errors => _errors.ToList();

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose() { }

        private sealed class Logger(LogRecorder owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (logLevel >= LogLevel.Error) owner._errors.Enqueue(formatter(state, exception) + " | " + exception?.Message);
            }
        }
    }
}
