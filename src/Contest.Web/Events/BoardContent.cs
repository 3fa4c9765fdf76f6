namespace Contest.Web.Events;

/// <summary>One row of a projected ranking. <see cref="Bar"/> (0–1) draws the row's bar; null draws none.</summary>
public sealed record BoardRow(long? Rank, string Name, string? Detail, string Score, double? Bar = null);

/// <summary>A projected ranking: the shape every leaderboard screen uses, so the page draws and animates them one way.</summary>
public sealed record BoardContent(string Title, string? Caption, IReadOnlyList<BoardRow> Rows);
