namespace Contest.Web.Accounts;

/// <summary>The account pages' own texts (change password, sign-in refusals): AccountUi.tsv → AccountUi.resx (Vietnamese) and AccountUi.en.resx.</summary>
public sealed class AccountUi;
