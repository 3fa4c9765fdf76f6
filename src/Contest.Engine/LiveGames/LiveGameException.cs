using Contest.Engine.Errors;

namespace Contest.Engine.LiveGames;

/// <summary>A refused live-game call (codes in docs/live-protocol.md); the message says why in English. Nothing was changed.</summary>
public sealed class LiveGameException(string code, string message) : ContestException(ContestError.Invalid(code, message));
