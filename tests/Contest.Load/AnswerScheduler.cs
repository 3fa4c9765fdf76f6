using System.Diagnostics;

namespace Contest.Load;

/// <summary>
/// Sends each player's answer when their think time is up, from one thread. A Task.Delay per player put
/// 10,000 timers a question into the runtime's timer queue, and walking it took a tenth of the load tool's
/// CPU on this 2-core machine: time the phones being simulated would never take from the server.
/// </summary>
internal sealed class AnswerScheduler : IDisposable
{
    private readonly Stopwatch _clock;
    private readonly PriorityQueue<Func<Task>, double> _due = new();
    private readonly Lock _lock = new();
    private readonly Thread _thread;
    private volatile bool _stopped;

    public AnswerScheduler(Stopwatch clock)
    {
        _clock = clock;
        _thread = new Thread(Run) { IsBackground = true, Name = "answer scheduler" };
        _thread.Start();
    }

    /// <summary>Starts <paramref name="send"/> once the clock reaches <paramref name="atMs"/>.</summary>
    public void At(double atMs, Func<Task> send)
    {
        lock (_lock) _due.Enqueue(send, atMs);
    }

    private void Run()
    {
        var ready = new List<Func<Task>>();
        while (!_stopped)
        {
            var now = _clock.Elapsed.TotalMilliseconds;
            lock (_lock)
            {
                while (_due.TryPeek(out _, out var at) && at <= now) ready.Add(_due.Dequeue());
            }
            // Each send records its own outcome; the scheduler only starts them.
            foreach (var send in ready) _ = send();
            ready.Clear();
            Thread.Sleep(1);
        }
    }

    public void Dispose()
    {
        _stopped = true;
        _thread.Join();
    }
}
