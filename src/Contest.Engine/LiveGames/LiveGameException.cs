namespace Contest.Engine.LiveGames;

/// <summary>A refused call: <see cref="Code"/> is stable for clients, the message says why in English. Nothing was changed.</summary>
public sealed class LiveGameException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
