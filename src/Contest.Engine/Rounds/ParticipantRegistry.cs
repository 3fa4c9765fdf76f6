using Contest.Engine.Errors;
using System.Net.Mail;
using Contest.Engine.Storage;
using Contest.Engine.Text;
using Contest.Engine.Units;
using Microsoft.EntityFrameworkCore;

namespace Contest.Engine.Rounds;

/// <summary>What a person types on the registration form.</summary>
/// <param name="MemberId">Member card number (số thẻ đoàn viên), matched against the unit's roster when a round asks.</param>
public sealed record Registration(string FullName, DateOnly? DateOfBirth, int? UnitId, string? Phone, string? Email, string? IdNumber, string? MemberId = null);

/// <summary>Why a registration was refused; <see cref="Field"/> names the form field.</summary>
public sealed record RegistrationError(string Field, string Code, string Message);

/// <summary>Registration rules: required fields set by the admins, and one entry per person.</summary>
public sealed class ParticipantRegistry(ContestDb db, TimeProvider time)
{
    public async Task<RegistrationSettings> SettingsAsync(CancellationToken ct = default) =>
        await db.Set<RegistrationSettings>().AsNoTracking().OrderBy(s => s.Id).FirstOrDefaultAsync(ct) ?? new RegistrationSettings();

    public async Task SaveSettingsAsync(RegistrationSettings settings, CancellationToken ct = default)
    {
        var row = await db.Set<RegistrationSettings>().OrderBy(s => s.Id).FirstOrDefaultAsync(ct);
        if (row is null) { row = new RegistrationSettings(); db.Add(row); }
        row.RequireDateOfBirth = settings.RequireDateOfBirth;
        row.RequireUnit = settings.RequireUnit;
        row.RequirePhone = settings.RequirePhone;
        row.RequireEmail = settings.RequireEmail;
        row.RequireIdNumber = settings.RequireIdNumber;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>How registrants must match their unit's roster now; empty when they need not (see <see cref="RosterMatcher.RequiredAtRegistrationAsync"/>).</summary>
    public Task<IReadOnlyList<RosterMatch>> RosterModesAsync(CancellationToken ct = default) => RosterMatcher.RequiredAtRegistrationAsync(db, ct);

    /// <summary>Every problem with the form, in field order; empty when it can be saved.</summary>
    public async Task<IReadOnlyList<RegistrationError>> CheckAsync(Registration r, CancellationToken ct = default)
    {
        var s = await SettingsAsync(ct);
        var errors = new List<RegistrationError>();
        var name = TextNormalizer.CollapseSpaces(r.FullName ?? "");
        if (name.Length == 0) errors.Add(new("FullName", "required", "Full name is required."));
        else if (name.Length > 200) errors.Add(new("FullName", "too-long", "Full name is longer than 200 characters."));

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        if (r.DateOfBirth is null && s.RequireDateOfBirth) errors.Add(new("DateOfBirth", "required", "Date of birth is required."));
        else if (r.DateOfBirth is { } dob && (dob > today || dob < today.AddYears(-120))) errors.Add(new("DateOfBirth", "invalid", "Date of birth is not a real one."));

        if (r.UnitId is null && s.RequireUnit) errors.Add(new("UnitId", "required", "Choose your unit."));
        else if (r.UnitId is { } unit && !await db.Units.AnyAsync(u => u.Id == unit, ct)) errors.Add(new("UnitId", "invalid", "That unit does not exist."));

        var phone = NormalizePhone(r.Phone);
        if (string.IsNullOrWhiteSpace(r.Phone)) { if (s.RequirePhone) errors.Add(new("Phone", "required", "Phone number is required.")); }
        else if (phone is null) errors.Add(new("Phone", "invalid", "Phone number must be 10 digits starting with 0 (or +84)."));
        else if (await db.Set<RoundParticipant>().AnyAsync(p => p.Phone == phone, ct)) errors.Add(new("Phone", "duplicate", "This phone number is already registered."));

        var email = string.IsNullOrWhiteSpace(r.Email) ? null : r.Email.Trim();
        if (email is null) { if (s.RequireEmail) errors.Add(new("Email", "required", "Email is required.")); }
        else if (email.Length > 256 || !MailAddress.TryCreate(email, out _)) errors.Add(new("Email", "invalid", "Email is not valid."));

        var id = NormalizeIdNumber(r.IdNumber);
        if (string.IsNullOrWhiteSpace(r.IdNumber)) { if (s.RequireIdNumber) errors.Add(new("IdNumber", "required", "ID number is required.")); }
        else if (id is null) errors.Add(new("IdNumber", "invalid", "ID number must be 9 or 12 digits."));
        else if (await db.Set<RoundParticipant>().AnyAsync(p => p.IdNumber == id, ct)) errors.Add(new("IdNumber", "duplicate", "This ID number is already registered."));

        var memberId = RosterEntry.CleanMemberId(r.MemberId);
        if (memberId is { Length: > RosterEntry.MemberIdMaxLength }) errors.Add(new("MemberId", "too-long", $"The member card number is longer than {RosterEntry.MemberIdMaxLength} characters."));
        // The roster is checked once name, date of birth and unit are right, so its message is about the roster alone.
        else if (!errors.Any(e => e.Field is "FullName" or "DateOfBirth" or "UnitId") && (await RosterAsync(r, ct)).Error is { } rosterError) errors.Add(rosterError);
        return errors;
    }

    /// <summary>Creates the entry for an existing account; null when the registration was refused (see <see cref="CheckAsync"/>).</summary>
    public async Task<RoundParticipant?> RegisterAsync(string userId, Registration r, CancellationToken ct = default)
    {
        if ((await CheckAsync(r, ct)).Count > 0) return null;
        if (await db.Set<RoundParticipant>().AnyAsync(p => p.UserId == userId, ct)) return null;
        var (entry, _) = await RosterAsync(r, ct);
        var p = new RoundParticipant
        {
            UserId = userId,
            FullName = TextNormalizer.CollapseSpaces(r.FullName),
            DateOfBirth = r.DateOfBirth,
            UnitId = r.UnitId,
            Phone = NormalizePhone(r.Phone),
            Email = string.IsNullOrWhiteSpace(r.Email) ? null : r.Email.Trim(),
            IdNumber = NormalizeIdNumber(r.IdNumber),
            MemberId = RosterEntry.CleanMemberId(r.MemberId),
            RosterEntryId = entry?.Id,
            CreatedAt = time.GetUtcNow(),
        };
        db.Add(p);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A concurrent registration with the same phone, ID number or roster entry won the unique index.
            db.Entry(p).State = EntityState.Detached;
            return null;
        }
        return p;
    }

    /// <summary>
    /// The roster entry this registrant holds, or why they are refused. When the open and scheduled rounds all
    /// require a roster match (<see cref="RosterMatcher.RequiredAtRegistrationAsync"/>), matching one of their ways is
    /// required; otherwise a registrant who happens to match is still linked, and refused if another holds the entry.
    /// </summary>
    private async Task<(RosterEntry? Entry, RegistrationError? Error)> RosterAsync(Registration r, CancellationToken ct)
    {
        var required = await RosterMatcher.RequiredAtRegistrationAsync(db, ct);
        var name = TextNormalizer.CollapseSpaces(r.FullName ?? "");
        if (required.Count == 0)
        {
            if (r.UnitId is null || r.DateOfBirth is null) return (null, null);
            foreach (var mode in RosterEntry.CleanMemberId(r.MemberId) is null ? [RosterMatch.NameAndBirth] : new[] { RosterMatch.MemberIdAndBirth, RosterMatch.NameAndBirth })
            {
                var optional = await RosterMatcher.FindAsync(db, mode, r.UnitId, name, r.DateOfBirth, r.MemberId, null, ct);
                if (optional.Matched) return (optional.Entry, null);
                if (optional.Code == "roster-taken") return (null, Error(optional));
            }
            return (null, null);
        }
        RosterLookup? first = null;
        // With a member id typed, its refusal explains best; without one, the name's does.
        var order = RosterEntry.CleanMemberId(r.MemberId) is null ? required.OrderByDescending(m => m) : required.OrderBy(m => m);
        foreach (var mode in order)
        {
            var lookup = await RosterMatcher.FindAsync(db, mode, r.UnitId, name, r.DateOfBirth, r.MemberId, null, ct);
            if (lookup.Matched) return (lookup.Entry, null);
            first ??= lookup;
        }
        return (null, Error(first!));

        static RegistrationError Error(RosterLookup l) => new(l.Code switch
        {
            "roster-no-unit" => "UnitId",
            "roster-no-birth" => "DateOfBirth",
            "roster-no-member-id" => "MemberId",
            _ => "Roster",
        }, l.Code!, l.Message!);
    }

    /// <summary>The longest reason for voiding an entry.</summary>
    public const int MaxVoidReason = 1000;

    /// <summary>Voids an entry: it drops out of rankings and prizes; the reason and who did it are kept.</summary>
    public async Task<ContestError?> VoidAsync(int participantId, string reason, string by, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(reason)) return ContestError.Invalid("void-reason-required", "Give the reason for voiding the entry.");
        if (reason.Trim().Length > MaxVoidReason)
            return ContestError.Invalid("void-reason-long", $"The reason is longer than {MaxVoidReason} characters.", reason.Trim().Length, MaxVoidReason);
        var p = await db.Set<RoundParticipant>().SingleOrDefaultAsync(x => x.Id == participantId, ct);
        if (p is null) return ContestError.NotFound("participant");
        if (p.IsVoided) return ContestError.Conflict("entry-already-void", "The entry is already void.");
        p.VoidedAt = time.GetUtcNow();
        p.VoidReason = reason.Trim();
        p.VoidedBy = by;
        await db.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>"0912 345 678", "+84 912345678" and "84912345678" are one number: 0912345678.</summary>
    public static string? NormalizePhone(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone)) return null;
        var digits = new string(phone.Where(char.IsAsciiDigit).ToArray());
        if (phone.TrimStart().StartsWith('+') || (digits.StartsWith("84") && digits.Length == 11)) digits = digits.StartsWith("84") ? "0" + digits[2..] : "";
        return digits.Length == 10 && digits[0] == '0' && phone.All(c => char.IsAsciiDigit(c) || c is ' ' or '.' or '-' or '+' or '(' or ')') ? digits : null;
    }

    /// <summary>CMND has 9 digits, CCCD 12.</summary>
    public static string? NormalizeIdNumber(string? id)
    {
        if (string.IsNullOrWhiteSpace(id)) return null;
        var s = id.Trim().Replace(" ", "");
        return s.All(char.IsAsciiDigit) && s.Length is 9 or 12 ? s : null;
    }
}
