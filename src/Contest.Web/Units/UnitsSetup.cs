using Contest.Engine.Units;
using Contest.Web.Events;

namespace Contest.Web.Units;

public static class UnitsSetup
{
    /// <summary>The unit directory behind the picker's search, and the units' screen for the projectors.</summary>
    public static void AddContestUnits(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<UnitDirectory>();
        builder.Services.AddScreenSource<UnitsScreenSource>();
    }
}
