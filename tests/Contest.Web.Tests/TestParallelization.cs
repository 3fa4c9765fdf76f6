// Hangfire keeps its storage in a process-wide static (JobStorage.Current), and each in-process app
// sets it: two apps started side by side would schedule jobs into each other's storage. The web tests
// therefore run one at a time; production runs one app per process and is not affected.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
