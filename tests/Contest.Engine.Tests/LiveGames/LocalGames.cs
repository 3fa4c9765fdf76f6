using Contest.Engine.LiveGames;
using Contest.Engine.Questions.Answers;

namespace Contest.Engine.Tests.LiveGames;

/// <summary>
/// The engine's <see cref="LiveGameService"/> driven as the web host's game grain drives it — by game id and by PIN,
/// one call at a time — without Orleans: games kept in a dictionary, and the device each player plays on recorded for
/// the test's broadcaster.
/// </summary>
internal sealed class LocalGames(LiveGameService service, Dictionary<Guid, string> devices)
{
    private readonly Dictionary<Guid, LiveGame> _games = [];

    public async Task<LiveGame> CreateAsync(string? title, IReadOnlyList<LiveQuestion> questions, GameSettings settings, string host, int? bankId)
    {
        var game = await service.CreateAsync(title, questions, settings, host, bankId);
        _games[game.Id] = game;
        return game;
    }

    public async Task<(LiveGame Game, LivePlayer Player, JoinResult Result)> JoinAsync(string? pin, string? nickname, int? unitId, string? device)
    {
        var game = ByPin(pin);
        var (player, result) = await service.JoinAsync(game, nickname, unitId, device);
        if (device is not null) devices[player.Id] = device;
        return (game, player, result);
    }

    public Task<(LiveGame Game, LivePlayer Player, PlayerState State)> ResumeAsync(string? pin, string? token, string? device)
    {
        var game = ByPin(pin);
        var (player, state) = service.Resume(game, token, device);
        if (device is not null) devices[player.Id] = device;
        return Task.FromResult((game, player, state));
    }

    public Task<AnswerAck> AnswerAsync(Guid gameId, Guid playerId, int questionIndex, SubmittedAnswer? answer, DateTimeOffset receivedAt) =>
        service.AnswerAsync(_games[gameId], playerId, questionIndex, answer, receivedAt);

    public Task<bool> CloseWhenDueAsync(LiveGame game) => service.CloseWhenDueAsync(game);
    public Task<HostState> StartAsync(Guid id) => service.StartAsync(_games[id]);
    public Task<HostState> NextAsync(Guid id) => service.NextAsync(_games[id]);
    public Task<HostState> SkipAsync(Guid id) => service.SkipAsync(_games[id]);

    private LiveGame ByPin(string? pin)
    {
        ILivePins.Check(pin);
        return _games.Values.FirstOrDefault(g => g.Pin == pin) ?? throw new LiveGameException("unknown-pin", $"No game with PIN {pin} is running.");
    }
}
