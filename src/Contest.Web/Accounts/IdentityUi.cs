namespace Contest.Web.Accounts;

/// <summary>ASP.NET Identity's messages in the site's languages: IdentityUi.tsv → IdentityUi.resx (Vietnamese) and IdentityUi.en.resx.</summary>
public sealed class IdentityUi;
