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
public sealed class PlayModel(Contest.Web.LiveGames.LivePlay play, Contest.Web.LiveGames.LiveFinals finals, ContestDb db, Throttles throttles) : PageModel
{
    public string? Pin { get; private set; }
    public string? Title { get; private set; }
    /// <summary>A team game asks each player for their unit (when there are units to choose from).</summary>
    public bool ChooseUnit { get; private set; }

    /// <summary>
    /// The game is over (at its podium, or ended and its PIN released): no one joins any more, but a phone that played
    /// it, reloaded, still shows its final rank (the hub's Rejoin answers from the stored rows).
    /// </summary>
    public bool Over { get; private set; }

    /// <summary>The string key of why the PIN was refused (a LiveUi key), with the PIN as typed to correct it.</summary>
    public string? PinError { get; private set; }
    public string? RejectedPin { get; private set; }

    /// <summary>Seconds to wait when this address tried too many wrong PINs (with too-many).</summary>
    public int? PinWait { get; private set; }

    public async Task OnGetAsync(string? pin)
    {
        if (pin is null) return;
        pin = pin.Trim();
        if (!GamePin.IsValid(pin)) { (PinError, RejectedPin) = ("bad-pin", pin.Length <= GamePin.Length ? pin : null); return; }
        // The page tells whether a PIN names a game, so it spends the same wrong-PIN allowance as the hub's Join.
        var address = HttpContext.ClientAddress();
        if (throttles.PinPerAddress.Check(address) is { } wait) { (PinError, RejectedPin, PinWait) = ("too-many", pin, wait); return; }
        // The PIN's grain names the open game on whichever node runs it.
        var found = await play.FindAsync(pin);
        if (found is not { Info: var game })
        {
            if (await finals.EndedTitleAsync(pin) is { } ended) { (Pin, Title, Over) = (pin, ended, true); return; }
            throttles.PinPerAddress.Spend(address);
            (PinError, RejectedPin) = ("unknown-pin", pin);
            return;
        }
        Pin = pin;
        Title = game.Title;
        Over = game.Phase is GamePhase.Podium or GamePhase.Finished;
        if (game.Teams != TeamMode.None)
        {
            ChooseUnit = await db.Units.AnyAsync(u => u.Level != UnitLevel.Province);
        }
    }
}
