using Contest.Admin.Localization;
using Contest.Engine.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace Contest.Admin;

public static class AdminRegistration
{
    public const string AdminOrOrganizerPolicy = "AdminOrOrganizer";
    public const string AdminOnlyPolicy = "AdminOnly";

    /// <summary>The /admin area: every page of it needs the Admin or Organizer role, enforced by convention so no page can forget.</summary>
    public static IMvcBuilder AddContestAdmin(this IMvcBuilder mvc)
    {
        mvc.Services.AddAuthorizationBuilder()
            .AddPolicy(AdminOrOrganizerPolicy, p => p.RequireRole(Roles.Admin, Roles.Organizer))
            .AddPolicy(AdminOnlyPolicy, p => p.RequireRole(Roles.Admin));
        mvc.Services.AddSingleton<EnumNames>();
        mvc.Services.AddSingleton<Units.UnitImportUploads>();
        mvc.Services.AddScoped<Units.UnitImporter>();
        mvc.Services.AddTranslatedBindingMessages();
        return mvc.AddRazorPagesOptions(o => o.Conventions.AuthorizeAreaFolder("Admin", "/", AdminOrOrganizerPolicy));
    }
}
