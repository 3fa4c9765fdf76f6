namespace Contest.Engine.Pitches;

/// <summary>Limits of the audience vote (configuration "Contest:PitchVote"); 0 turns a limit off.</summary>
public sealed class AudienceVoteOptions
{
    public const string Section = "Contest:PitchVote";

    /// <summary>
    /// Accepted votes one client address may cast in a round. A hall on one Wi-Fi, or phones behind a carrier's NAT,
    /// share an address, so this only stops one machine from stuffing the box: 400 is more than a full hall.
    /// </summary>
    public int VotesPerAddress { get; set; } = 400;

    /// <summary>Vote attempts (accepted or not) per client address per minute, per node: keeps a script from filling the refusal log.</summary>
    public int AttemptsPerAddressPerMinute { get; set; } = 120;
}

public static class AudienceVoteRules
{
    public const int MaxReasonLength = 300;
    public const int MaxTicketsPerBatch = 2000;
    public const int MaxTicketsPerRound = 10000;
    public const int TicketLength = 8;

    /// <summary>No 0/O, 1/I/L: a code read off paper in a dim hall must be typed right the first time.</summary>
    public const string TicketAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    /// <summary>What the voter typed, as stored: capitals, no spaces or dashes.</summary>
    public static string NormalizeTicket(string? typed) =>
        new((typed ?? "").Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant).ToArray());

    /// <summary>Printed as two groups of four ("K7QM-4XPA") to be easy to read aloud and type.</summary>
    public static string PrintTicket(string code) => code.Length == TicketLength ? code[..4] + "-" + code[4..] : code;
}

public sealed record VoteAttempt(int RoundId, int TeamId, string DeviceId, string Address, string? Ticket);

public sealed record VoteReceipt(int RoundId, int TeamId, string TeamName, DateTimeOffset CastAt);

/// <summary>The phone's own vote in a round, so the page can say "you voted for …" after a reload.</summary>
public sealed record MyVote(int TeamId, string TeamName, DateTimeOffset CastAt, bool Voided, string? VoidReason);

/// <param name="Rank">1 for the audience prize (shared on a tie); set only once the totals are published.</param>
public sealed record VoteTally(int TeamId, string Name, string Project, int Votes, int? Rank);

/// <summary>
/// The audience vote as the hall may see it: while open only the number of votes cast; the per-team totals and the
/// prize once the organizer has closed the vote (<see cref="Published"/>). Organizers always get the totals.
/// </summary>
public sealed record VotesView(int RoundId, bool Open, bool Published, bool TicketsRequired, int Total, IReadOnlyList<VoteTally> Teams)
{
    public IReadOnlyList<VoteTally> Winners => Published ? Teams.Where(t => t.Rank == 1 && t.Votes > 0).ToList() : [];
}

public sealed record AddressLine(string Address, int Votes, int Voided, int Refused, DateTimeOffset? First, DateTimeOffset? Last);

public sealed record MinuteLine(DateTimeOffset Minute, int Votes, int Refused);

public sealed record RefusalLine(DateTimeOffset At, string Address, string Reason, string? TeamName, string Device);

public sealed record VoteLine(int Id, DateTimeOffset At, string Address, string TeamName, string Device, string? Ticket, DateTimeOffset? VoidedAt, string? VoidReason, string? VoidedBy);

/// <summary>The organizer's fraud audit: who voted from where and when, what was refused, what was voided.</summary>
public sealed record VoteAudit(
    VotesView Votes,
    int Voided,
    int TicketsIssued,
    int TicketsUsed,
    IReadOnlyList<AddressLine> ByAddress,
    IReadOnlyList<MinuteLine> ByMinute,
    IReadOnlyList<RefusalLine> Refusals,
    IReadOnlyList<VoteLine> Lines);

public sealed record TicketLine(string Code, DateTimeOffset? UsedAt);
