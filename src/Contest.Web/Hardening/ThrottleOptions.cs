namespace Contest.Web.Hardening;

/// <summary>The "Contest:Throttle" section (docs/configuration.md, "Throttles"). Counts are per node; 0 turns a limit off.</summary>
public sealed class ThrottleOptions
{
    public const string Section = "Contest:Throttle";

    /// <summary>Wrong PINs one client address may try per window (a whole school behind one NAT shares it, hence generous).</summary>
    public int PinFailuresPerAddress { get; set; } = 30;

    /// <summary>Wrong PINs one hub connection may try per window.</summary>
    public int PinFailuresPerConnection { get; set; } = 5;

    /// <summary>Join calls (any outcome) one hub connection may make per window.</summary>
    public int JoinsPerConnection { get; set; } = 10;

    /// <summary>Join calls per client address per window. Off by default: the load tool and the tests join thousands of players from one address.</summary>
    public int JoinsPerAddress { get; set; }

    public int PinWindowSeconds { get; set; } = 60;

    /// <summary>Failed log-ins one client address may make per window.</summary>
    public int LoginFailuresPerAddress { get; set; } = 10;

    public int LoginWindowSeconds { get; set; } = 60;

    /// <summary>Failed log-ins for one user name before each further attempt waits; the wait doubles from 1 s per failure.</summary>
    public int AccountFreeFailures { get; set; } = 3;

    public int AccountMaxDelaySeconds { get; set; } = 60;

    /// <summary>Registrations refused as "already registered" one client address may get per window (then: wait).</summary>
    public int SignupTakenPerAddress { get; set; } = 5;

    public int SignupWindowSeconds { get; set; } = 900;

    /// <summary>Page-hidden reports (POST /api/rounds/attempts/{id}/visibility) one participant may send per minute. A person
    /// switching apps sends two a switch; a script flooding it is refused with 429.</summary>
    public int VisibilityReportsPerMinute { get; set; } = 30;
}
