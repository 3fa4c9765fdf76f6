using Contest.Engine.LiveGames;
using Contest.Engine.Questions.Answers;
using Orleans.Concurrency;

namespace Contest.Web.LiveGames;

/// <summary>
/// One running live game, keyed by its id: the only writer of the game and its players, wherever in the cluster it
/// is activated. Host steps are ordinary (one at a time) calls; joins, rejoins and answers interleave with everything,
/// so a game's answers are not queued behind one another while each waits for its group commit — the grain still runs
/// one piece of code at a time, so each in-memory accept (before its await) is atomic.
/// A refusal comes back as <see cref="LiveReply{T}"/> rather than an exception, so it keeps its code across silos.
/// </summary>
public interface ILiveGameGrain : IGrainWithGuidKey
{
    [AlwaysInterleave] Task<LiveReply<JoinResult>> Join(string? nickname, int? unitId);
    [AlwaysInterleave] Task<LiveReply<Rejoined>> Rejoin(string? resumeToken);
    /// <remarks>
    /// The answer travels as <see cref="Immutable{T}"/>: nothing changes a submitted answer once sent, and a call to a
    /// grain on the same silo would otherwise deep-copy it (a JSON round trip for engine types) for each of a crowd's
    /// answers, garbage that brought a collection into the first question of 10,000-player games.
    /// </remarks>
    [AlwaysInterleave] Task<LiveReply<AnswerAck>> Answer(Guid playerId, int questionIndex, Immutable<SubmittedAnswer?> answer, DateTimeOffset receivedAt);

    /// <summary>What the player page shows before the nickname step (title, whether to choose a unit, over or not).</summary>
    [AlwaysInterleave] Task<LiveReply<LiveGameInfo>> Info();

    /// <summary>Reads only, so it interleaves: a host reloading mid-step is not held up.</summary>
    [AlwaysInterleave] Task<LiveReply<HostState>> State();
    Task<LiveReply<HostState>> Start();
    Task<LiveReply<HostState>> Next();
    Task<LiveReply<HostState>> Skip();
    Task<LiveReply<HostState>> Pause();
    Task<LiveReply<HostState>> Resume();
    Task<LiveReply<HostState>> End();
    Task<LiveReply<HostState>> Kick(Guid playerId);

    /// <summary>
    /// What an event projector may show: the host's state and the question last opened (options only, no key).
    /// Interleaved: a step's own projector push (QuestionOpened → projector view) calls back here while the step runs.
    /// </summary>
    [AlwaysInterleave] Task<LiveReply<LiveScreenState>> Screen();
}

/// <summary>A PIN's reservation for the whole cluster: which open game it names.</summary>
public interface ILivePinGrain : IGrainWithStringKey
{
    Task<bool> Reserve(Guid gameId);
    Task Release(Guid gameId);
    [AlwaysInterleave] Task<Guid?> Find();
}

/// <summary>A grain's answer: the value, or the refusal's code and reason (<see cref="LiveGameException"/> on the caller's side).</summary>
[GenerateSerializer, Immutable]
public sealed record LiveReply<T>([property: Id(0)] T? Value, [property: Id(1)] string? Code, [property: Id(2)] string? Message)
{
    public static LiveReply<T> Ok(T value) => new(value, null, null);

    public static LiveReply<T> Refused(LiveGameException e) => new(default, e.Code, e.Message);

    public T Unwrap() => Code is null ? Value! : throw new LiveGameException(Code, Message ?? Code);
}

[GenerateSerializer, Immutable]
public sealed record Rejoined([property: Id(0)] Guid PlayerId, [property: Id(1)] PlayerState State);

[GenerateSerializer, Immutable]
public sealed record LiveGameInfo([property: Id(0)] string Title, [property: Id(1)] GamePhase Phase, [property: Id(2)] TeamMode Teams);

/// <summary>A game as its grain sees it, for projectors on any node; <see cref="Question"/> never carries the key (see <see cref="PlayerQuestion"/>).</summary>
[GenerateSerializer, Immutable]
public sealed record LiveScreenState([property: Id(0)] HostState State, [property: Id(1)] PlayerQuestion? Question);
