// Test classes run in parallel, two at a time: each in-process app has its own database, Hangfire storage
// (registered in DI, not Hangfire's process-wide JobStorage.Current) and leaderboard, so they cannot
// see each other. Two matches the 2-core CI machine; more only makes the timing-sensitive tests slower.
[assembly: CollectionBehavior(MaxParallelThreads = 2)]
