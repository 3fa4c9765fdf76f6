namespace Contest.Engine.Pitches;

/// <summary>
/// A people's-choice vote from a phone, without an account: the phone is named by the random id in its signed
/// device cookie, one vote per device per round. The client address is kept for the organizer's fraud audit.
/// </summary>
public sealed class AudienceVote
{
    public int Id { get; set; }
    public int RoundId { get; set; }
    public int TeamId { get; set; }
    public required string DeviceId { get; set; }
    public string Address { get; set; } = "";

    /// <summary>The one-time ticket spent on this vote when the round asks for tickets.</summary>
    public int? TicketId { get; set; }

    public DateTimeOffset CastAt { get; set; }

    /// <summary>Set when the organizer voids the vote: it stays on record (audit) but no longer counts.</summary>
    public DateTimeOffset? VoidedAt { get; set; }
    public string? VoidReason { get; set; }
    public string? VoidedBy { get; set; }
}

/// <summary>A refused vote attempt (a second vote from a phone, a reused ticket, an address over its limit), kept for the audit.</summary>
public sealed class AudienceVoteRefusal
{
    public long Id { get; set; }
    public int RoundId { get; set; }
    public int? TeamId { get; set; }
    public string DeviceId { get; set; } = "";
    public string Address { get; set; } = "";

    /// <summary>The refusal's code (already-voted, ticket-used, ticket-unknown, address-limit; rows from before the codes were kebab-case use underscores); pages translate it.</summary>
    public required string Reason { get; set; }
    public DateTimeOffset At { get; set; }
}

/// <summary>A one-time code printed for the hall when the organizer wants a stricter vote: it works once.</summary>
public sealed class AudienceTicket
{
    public int Id { get; set; }
    public int RoundId { get; set; }
    public required string Code { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
}
