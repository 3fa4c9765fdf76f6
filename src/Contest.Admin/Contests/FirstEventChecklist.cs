using System.Globalization;
using Contest.Engine.Accounts;
using Contest.Engine.Demo;
using Contest.Engine.Events;
using Contest.Engine.LiveGames;
using Contest.Engine.Rounds;
using Contest.Engine.Storage;
using Microsoft.EntityFrameworkCore;

namespace Contest.Admin.Contests;

/// <summary>One step of the first-event checklist: its strings' key, the page that does it, and whether the database shows it done.</summary>
public sealed record ChecklistStep(string Key, string Url, bool Done, string? OtherUrl = null);

/// <summary>
/// The organizers' path to their first event, each step read from the database. Demo rows (<see cref="DemoRow"/>)
/// do not count: with the demo installed every step would look done before the organizers did anything.
/// </summary>
public static class FirstEventChecklist
{
    public static async Task<IReadOnlyList<ChecklistStep>> ReadAsync(ContestDb db, CancellationToken ct)
    {
        var marks = await db.Set<DemoRow>().AsNoTracking().Where(d => d.Table != DemoData.RemovedMark).ToListAsync(ct);
        HashSet<int> Demo(string table) =>
            [.. marks.Where(m => m.Table == table).Select(m => int.TryParse(m.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : 0)];
        var demoContests = Demo(DemoRow.Contest);
        var demoUnits = Demo(DemoRow.Unit);
        var demoBanks = Demo(DemoRow.Bank);
        var demoRounds = Demo(DemoRow.Round);
        var demoEvents = Demo(DemoRow.Event);
        var demoUsers = marks.Where(m => m.Table == DemoRow.User).Select(m => m.Key).ToHashSet();
        var demoGames = marks.Where(m => m.Table == DemoRow.LiveGame).Select(m => Guid.TryParse(m.Key, out var g) ? g : Guid.Empty).ToHashSet();

        var staffRoles = await db.Roles.Where(r => r.Name == Roles.Organizer || r.Name == Roles.Judge).Select(r => r.Id).ToListAsync(ct);
        var contest = await db.Contests.AnyAsync(c => c.ArchivedAt == null && !demoContests.Contains(c.Id), ct);
        var units = await db.Units.AnyAsync(u => !demoUnits.Contains(u.Id), ct);
        var accounts = await db.UserRoles.AnyAsync(ur => staffRoles.Contains(ur.RoleId) && !demoUsers.Contains(ur.UserId), ct);
        var bank = await db.QuestionBanks.AnyAsync(b => !demoBanks.Contains(b.Id) && b.Questions.Any(), ct);
        var play = await db.Set<ContestRound>().AnyAsync(r => !demoRounds.Contains(r.Id), ct)
            || await db.Set<LiveGameRecord>().AnyAsync(g => !demoGames.Contains(g.Id), ct);
        var screen = await db.Set<ContestEvent>().AnyAsync(e => !demoEvents.Contains(e.Id), ct);
        return
        [
            new("Check.Contest", contest ? "/admin/contests" : ContestChoices.CreatePage, contest),
            new("Check.Units", "/admin/units", units),
            new("Check.Accounts", "/admin/users", accounts),
            new("Check.Bank", "/admin/banks", bank),
            new("Check.Play", "/admin/rounds/edit", play, "/live/host"),
            new("Check.Event", "/events", screen),
        ];
    }
}
