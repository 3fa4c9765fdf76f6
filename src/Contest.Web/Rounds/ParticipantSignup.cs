using Contest.Engine.Errors;
using Contest.Engine.Accounts;
using Contest.Engine.Rounds;
using Contest.Engine.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Contest.Web.Rounds;

/// <summary>The registration form: an account (user name = phone, else email) in the Participant role, and the contest entry.</summary>
public sealed record SignupRequest(string FullName, DateOnly? DateOfBirth, int? UnitId, string? Phone, string? Email, string? IdNumber, string Password, string? MemberId = null);

/// <summary>Creates the account and the entry together, or neither.</summary>
public sealed class ParticipantSignup(ContestDb db, UserManager<AppUser> users, ParticipantRegistry registry, TimeProvider time,
    Hardening.Throttles throttles, IHttpContextAccessor http, AttemptDevice device)
{
    /// <summary>
    /// Every problem with the form at once (fields, then the password rules); empty when it can be saved.
    /// </summary>
    /// <remarks>
    /// Whether a phone number, ID number or e-mail is already registered is said only once everything else on the form
    /// is right, in one wording for all three (on the phone field, else the e-mail field), and a client address gets
    /// few such answers (Contest:Throttle:SignupTakenPerAddress): nobody can run a list of numbers through the form to
    /// learn who is registered, while the real owner is told to log in, or to ask the organizers for a new password.
    /// </remarks>
    public async Task<List<RegistrationError>> CheckAsync(SignupRequest r, CancellationToken ct = default)
    {
        var errors = await FieldErrorsAsync(r, ct);
        if (errors.Count > 0) return errors;
        var userName = ParticipantRegistry.NormalizePhone(r.Phone) ?? r.Email?.Trim();
        var registration = new Registration(r.FullName ?? "", r.DateOfBirth, r.UnitId, r.Phone, r.Email, r.IdNumber, r.MemberId);
        var taken = (await registry.CheckAsync(registration, ct)).Any(e => e.Code == "duplicate")
            || (userName is not null && await users.FindByNameAsync(userName) is not null);
        return taken ? [Taken(r)] : [];
    }

    private RegistrationError Taken(SignupRequest r)
    {
        var field = ParticipantRegistry.NormalizePhone(r.Phone) is null ? "Email" : "Phone";
        var address = Hardening.HardeningSetup.ClientAddress(http.HttpContext);
        return throttles.SignupTakenPerAddress.Spend(address) is { } wait
            ? new(field, "too-many", $"Too many attempts, wait {wait} s.")
            : new(field, "duplicate", "This phone number, ID number or e-mail cannot be used to register. If you registered before, log in; if you forgot your password, ask the organizers.");
    }

    private async Task<List<RegistrationError>> FieldErrorsAsync(SignupRequest r, CancellationToken ct)
    {
        var registration = new Registration(r.FullName ?? "", r.DateOfBirth, r.UnitId, r.Phone, r.Email, r.IdNumber, r.MemberId);
        var errors = (await registry.CheckAsync(registration, ct)).Where(e => e.Code != "duplicate").ToList();
        var userName = ParticipantRegistry.NormalizePhone(r.Phone) ?? r.Email?.Trim();
        if (userName is null && !errors.Any(e => e.Field is "Phone" or "Email"))
            errors.Add(new("Phone", "required", "Give a phone number or an email to log in with."));
        // Every password rule is checked now, with the other fields, so one submit shows every problem at once.
        if (string.IsNullOrEmpty(r.Password)) errors.Add(new("Password", "required", "Password is required."));
        else
        {
            foreach (var validator in users.PasswordValidators)
            {
                var checkedPassword = await validator.ValidateAsync(users, new AppUser { UserName = userName }, r.Password);
                errors.AddRange(checkedPassword.Errors.Select(e => new RegistrationError("Password", CodeCase.Kebab(e.Code), e.Description)));
            }
        }
        return errors;
    }

    public async Task<(AppUser? User, IReadOnlyList<RegistrationError> Errors)> SignUpAsync(SignupRequest r, CancellationToken ct = default)
    {
        var errors = await CheckAsync(r, ct);
        if (errors.Count > 0) return (null, errors);
        var registration = new Registration(r.FullName ?? "", r.DateOfBirth, r.UnitId, r.Phone, r.Email, r.IdNumber, r.MemberId);
        var userName = ParticipantRegistry.NormalizePhone(r.Phone) ?? r.Email?.Trim();

        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var user = new AppUser { UserName = userName, Email = r.Email?.Trim(), DisplayName = r.FullName!.Trim(), UnitId = r.UnitId, PhoneNumber = ParticipantRegistry.NormalizePhone(r.Phone), CreatedAt = time.GetUtcNow() };
            var created = await users.CreateAsync(user, r.Password);
            // Taken between the check and now: the same answer as the check's.
            if (created.Errors.Any(e => e.Code is "DuplicateUserName" or "DuplicateEmail")) return ((AppUser?)null, (IReadOnlyList<RegistrationError>)[Taken(r)]);
            if (!created.Succeeded)
                return ((AppUser?)null, (IReadOnlyList<RegistrationError>)created.Errors.Select(e => new RegistrationError(e.Code.Contains("UserName") ? (ParticipantRegistry.NormalizePhone(r.Phone) is null ? "Email" : "Phone") : "Password", CodeCase.Kebab(e.Code), e.Description)).ToList());
            await users.AddToRoleAsync(user, Roles.Participant);
            var entry = await registry.RegisterAsync(user.Id, registration, ct);
            if (entry is null)
            {
                await tx.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                return (null, [Taken(r)]);
            }
            if (http.HttpContext is { } context)
            {
                // Integrity evidence: many entries from one device or network in a short time.
                var origin = device.Origin(context).Bounded();
                entry.RegisteredDevice = origin.Device;
                entry.RegisteredNetwork = origin.Network;
                await db.SaveChangesAsync(ct);
            }
            await tx.CommitAsync(ct);
            return (user, []);
        });
    }
}
