// Each in-process app has its own database, Hangfire storage (registered in DI, not Hangfire's process-wide
// JobStorage.Current) and leaderboard, so test classes could run side by side. They run one at a time anyway:
// on the 2-core CI machine two apps at once slowed the Hangfire restart test past its 20 s margin (its job
// then ran in the first app), and the suite takes only about 6 minutes sequentially.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
