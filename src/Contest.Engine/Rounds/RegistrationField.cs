namespace Contest.Engine.Rounds;

/// <summary>
/// The registration form's optional fields, one per <see cref="RegistrationSettings"/> switch, so pages can name
/// them through the enum display names instead of printing property names.
/// </summary>
public enum RegistrationField
{
    DateOfBirth = 0,
    Unit = 1,
    Phone = 2,
    Email = 3,
    IdNumber = 4,
}
