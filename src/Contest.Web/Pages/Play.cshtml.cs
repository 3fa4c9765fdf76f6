using Contest.Engine.LiveGames;
using Contest.Engine.Storage;
using Contest.Engine.Units;
using Contest.Web.Hardening;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Contest.Web.Pages;

/// <summary>
/// The player's phone page. /play?pin=123456 (from the home form or the QR code); the game itself runs over the hub.
/// A PIN that names no running game is refused here, at the PIN step, before the player types a nickname.
/// </summary>
public sealed class PlayModel(Contest.Web.LiveGames.LivePlay play, ContestDb db, Throttles throttles) : PageModel
{
    public string? Pin { get; private set; }
    public string? Title { get; private set; }
    /// <summary>A team game asks each player for their unit (when there are units to choose from).</summary>
    public bool ChooseUnit { get; private set; }

    /// <summary>The string key of why the PIN was refused (a LiveUi key), with the PIN as typed to correct it.</summary>
    public string? PinError { get; private set; }
    public string? RejectedPin { get; private set; }

    /// <summary>Seconds to wait when this address tried too many wrong PINs (with Err.too-many).</summary>
    public int? PinWait { get; private set; }

    public async Task OnGetAsync(string? pin)
    {
        if (pin is null) return;
        pin = pin.Trim();
        if (pin.Length != 6 || !pin.All(char.IsAsciiDigit)) { (PinError, RejectedPin) = ("Err.bad-pin", pin.Length <= 6 ? pin : null); return; }
        // The page tells whether a PIN names a game, so it spends the same wrong-PIN allowance as the hub's Join.
        var address = HttpContext.ClientAddress();
        if (throttles.PinPerAddress.Check(address) is { } wait) { (PinError, RejectedPin, PinWait) = ("Err.too-many", pin, wait); return; }
        // The PIN's grain names the open game on whichever node runs it.
        var found = await play.FindAsync(pin);
        if (found is not { Info: var game }) { throttles.PinPerAddress.Spend(address); (PinError, RejectedPin) = ("Err.unknown-pin", pin); return; }
        if (game.Phase == GamePhase.Finished) { (PinError, RejectedPin) = ("Err.game-over", pin); return; }
        Pin = pin;
        Title = game.Title;
        if (game.Teams != TeamMode.None)
        {
            ChooseUnit = await db.Units.AnyAsync(u => u.Level != UnitLevel.Province);
        }
    }
}
