namespace Contest.Engine.Rounds;

/// <summary>
/// A person entered in the online contests: one entry per person, so the normalized phone and the
/// ID number (CCCD) are unique. An organizer may void an entry with false details; the reason is kept.
/// </summary>
public sealed class RoundParticipant
{
    public int Id { get; set; }
    public required string UserId { get; set; }
    public required string FullName { get; set; }
    public DateOnly? DateOfBirth { get; set; }
    public int? UnitId { get; set; }

    /// <summary>Digits only, Vietnamese form (leading 0, never +84), so one number has one spelling.</summary>
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string? IdNumber { get; set; }

    /// <summary>Member card number as typed, cleaned by <see cref="Units.RosterEntry.CleanMemberId"/>.</summary>
    public string? MemberId { get; set; }

    /// <summary>The unit roster entry this person matched; unique, so one member of a roster registers once.</summary>
    public int? RosterEntryId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Integrity evidence: the device cookie id and network the entry was registered from.</summary>
    public string? RegisteredDevice { get; set; }
    public string? RegisteredNetwork { get; set; }

    public DateTimeOffset? VoidedAt { get; set; }
    public string? VoidReason { get; set; }
    public string? VoidedBy { get; set; }

    public bool IsVoided => VoidedAt is not null;
}

/// <summary>Which registration fields the organisers require (one row). Full name is always required.</summary>
public sealed class RegistrationSettings
{
    public int Id { get; set; }
    public bool RequireDateOfBirth { get; set; } = true;
    public bool RequireUnit { get; set; } = true;
    public bool RequirePhone { get; set; } = true;
    public bool RequireEmail { get; set; }
    public bool RequireIdNumber { get; set; }
}
