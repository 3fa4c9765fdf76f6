using Contest.Engine.LiveGames;
using Contest.Engine.Storage;
using Contest.Engine.Units;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Contest.Web.Pages;

/// <summary>The player's phone page. /play?pin=123456 (from the home form or the QR code); the game itself runs over the hub.</summary>
public sealed class PlayModel(ILiveGameStore games, ContestDb db) : PageModel
{
    public sealed record UnitRow(int Id, string Name);

    public string? Pin { get; private set; }
    public string? Title { get; private set; }
    public IReadOnlyList<UnitRow> Units { get; private set; } = [];

    public async Task OnGetAsync(string? pin)
    {
        if (pin is null || pin.Length != 6 || !pin.All(char.IsAsciiDigit)) return;
        Pin = pin;
        if (await games.FindByPinAsync(pin) is not { } game) return;
        Title = game.Title;
        if (game.Settings.Teams != TeamMode.None)
        {
            var rows = await db.Units.Where(u => u.Level == UnitLevel.District || u.Level == UnitLevel.Grassroots || u.Level == UnitLevel.Chapter)
                .Select(u => new UnitRow(u.Id, u.Name)).ToListAsync();
            Units = rows.OrderBy(u => u.Name, StringComparer.Ordinal).ToList();
        }
    }
}
