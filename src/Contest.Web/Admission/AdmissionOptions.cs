namespace Contest.Web.Admission;

/// <summary>The "Contest:Admission" section (docs/configuration.md, "Admission").</summary>
public sealed class AdmissionOptions
{
    public const string Section = "Contest:Admission";

    /// <summary>Hub connections this node holds at once; 0 derives it from the open-file limit (<see cref="FileLimit.DefaultConnections"/>).</summary>
    public int MaxConnections { get; set; }

    /// <summary>Players one live game admits; 0 means no limit beyond the node's.</summary>
    public int MaxPlayersPerGame { get; set; } = 20_000;

    /// <summary>Share of <see cref="MaxConnections"/> from which /healthz reports Degraded.</summary>
    public double DegradedAt { get; set; } = 0.9;
}
