namespace Contest.Admin.Accounts;

/// <summary>Marker for the account administration strings (<c>AccountsUi.tsv</c> → <c>.resx</c>): status, disabling, bulk creation.</summary>
public sealed class AccountsUi;
