namespace Contest.Load;

/// <summary>What a simulated phone reads of QuestionOpened (the protocol's PlayerQuestion has more).</summary>
internal sealed record QuestionSeen(int Index, string Type, Unread[] Options);

/// <summary>A message or part of one the simulated phone does not look at.</summary>
internal sealed class Unread;
