using Contest.Engine.Text;

namespace Contest.Engine.Units;

/// <summary>
/// One member on a unit's roster (danh sách đoàn viên), as the unit sent it. A round can require that a
/// registrant matches an entry of the unit they choose: member id + date of birth, or name + date of birth.
/// Every such match needs the date of birth, so it is required.
/// </summary>
public sealed class RosterEntry
{
    public const int MemberIdMaxLength = 30;

    private string _fullName = "";

    public int Id { get; set; }
    public int UnitId { get; set; }

    /// <summary>NFC, whitespace collapsed. Setting it also sets <see cref="NameKey"/>, so the two cannot drift apart.</summary>
    public required string FullName
    {
        get => _fullName;
        set
        {
            _fullName = TextNormalizer.CollapseSpaces(TextNormalizer.Nfc(value));
            NameKey = PersonName.MatchKey(_fullName);
        }
    }

    /// <summary><see cref="PersonName.MatchKey"/> of <see cref="FullName"/>; indexed for matching a registrant's typed name.</summary>
    public string NameKey { get; private set; } = "";

    /// <summary>Số thẻ đoàn viên, when the unit has it; stored as <see cref="CleanMemberId"/> gives it; unique within the unit.</summary>
    public string? MemberId { get; set; }

    public DateOnly DateOfBirth { get; set; }

    /// <summary>Member ids compare without spaces and case ("dv 0123" = "DV0123"); null when empty.</summary>
    public static string? CleanMemberId(string? memberId)
    {
        if (string.IsNullOrWhiteSpace(memberId)) return null;
        return string.Concat(memberId.Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();
    }
}
