using Xunit.Abstractions;
using Xunit.Sdk;

// Each in-process app has its own database, Hangfire storage (registered in DI, not Hangfire's process-wide
// JobStorage.Current) and leaderboard, and the round tests no longer race Hangfire's clock (they move the app's
// clock and enqueue the jobs, or start the job server only after the restart), so the classes of the folders
// listed in ContestCollections.SideBySide run two at a time: most of their time is waiting (for a job to be
// fetched, a process to start, PBKDF2 on a busy machine), which overlaps. Every other class (the live-game,
// cluster, deploy, fault and admission tests, whose kill and failover timings were tuned running alone, the
// hashing-time comparison, and any folder added later) runs alone, one class at a time, after them, as before.
[assembly: CollectionBehavior("Contest.Web.Tests.ContestCollections", "Contest.Web.Tests", MaxParallelThreads = 2)]

namespace Contest.Web.Tests;

/// <summary>One collection per class for the side-by-side folders; one shared, non-parallel collection for the rest.</summary>
public sealed class ContestCollections(ITestAssembly assembly, IMessageSink diagnostics) : IXunitTestCollectionFactory
{
    /// <summary>Folders (namespaces) whose classes may run beside another class.</summary>
    private static readonly string[] SideBySide = ["Accounts", "Events", "Hardening", "Hosting", "Leaderboards", "Pitches", "Rounds", "Site", "Units"];

    /// <summary>Classes of those folders that still run alone: they compare durations, which a neighbour would skew.</summary>
    private static readonly string[] TimingSensitive = ["Contest.Web.Tests.Hardening.ThrottleTests"];

    private readonly CollectionPerClassTestCollectionFactory _perClass = new(assembly, diagnostics);
    private readonly TestCollection _alone = new(assembly, Reflector.Wrap(typeof(RunsAlone)), "Runs alone");

    public string DisplayName => "per class side by side, the rest alone";

    public ITestCollection Get(ITypeInfo testClass)
    {
        var name = testClass.Name;
        var parallel = !TimingSensitive.Contains(name) && SideBySide.Any(f => name.StartsWith($"Contest.Web.Tests.{f}.", StringComparison.Ordinal));
        return parallel ? _perClass.Get(testClass) : _alone;
    }
}

/// <summary>The definition of the shared collection: xunit runs it by itself, after the parallel ones.</summary>
[CollectionDefinition("Runs alone", DisableParallelization = true)]
public sealed class RunsAlone;
