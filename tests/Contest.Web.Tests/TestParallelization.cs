// Each in-process app has its own database, Hangfire storage (registered in DI, not Hangfire's process-wide
// JobStorage.Current) and leaderboard, so test classes could run side by side. They run one at a time anyway:
// on the 2-core CI machine two apps at once slowed the Hangfire restart test past its 20 s margin (its job
// then ran in the first app), and the suite takes only about 6 minutes sequentially. Two classes at a time
// (the in-process folders, the cluster and fault classes alone after them) was measured again at 3b51234: the
// in-process tests are CPU-bound there, each took 2-10 times longer beside another, and the total did not drop.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
