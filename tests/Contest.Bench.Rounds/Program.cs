// Answer saves per second sustained on PostgreSQL, then a burst of every participant submitting at once,
// through the real program over HTTP, and a check that every acknowledged answer and submit is in the
// database. Usage (PostgreSQL admin connection string in CONTEST_TEST_POSTGRES, as ./test.sh sets it):
//   dotnet run --project tests/Contest.Bench.Rounds -c Release -- [participants=1000] [seconds=20]
// Prints the load average too: on a shared machine the figures are a floor.
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Contest.Engine.Contests;
using Contest.Engine.Questions;
using Contest.Engine.Rounds;
using Contest.Engine.Storage;
using Contest.Engine.Units;
using Contest.Testing;
using Contest.Web.Rounds;
using Microsoft.EntityFrameworkCore;

var participants = args.Length > 0 ? int.Parse(args[0]) : 1000;
var seconds = args.Length > 1 ? int.Parse(args[1]) : 20;
const int questions = 10;

static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
Console.WriteLine($"load average at start: {Load()}");
await using var db = await TestDatabase.CreateAsync(StorageProvider.Postgres);
int contestId, unitId;
int[] questionIds;
await using (var ctx = db.NewContext())
{
    var unit = new Unit { Name = "Tỉnh Đoàn", Level = UnitLevel.Province };
    ctx.Units.Add(unit);
    var contest = new ContestInfo { Name = "Bench", Kind = ContestKind.OnlineRound };
    ctx.Contests.Add(contest);
    var bank = new QuestionBank { Name = "Bench" };
    for (var i = 0; i < questions; i++)
        bank.Questions.Add(new Question { Type = QuestionType.SingleChoice, Text = $"Câu {i + 1}", Options = ["A", "B", "C", "D"], CorrectOptions = [i % 4] });
    ctx.QuestionBanks.Add(bank);
    await ctx.SaveChangesAsync();
    (contestId, unitId, questionIds) = (contest.Id, unit.Id, bank.Questions.Select(q => q.Id).ToArray());
}

await using var server = await ContestProcess.StartAsync(db);
HttpClient NewClient() => new(new SocketsHttpHandler { UseCookies = true, CookieContainer = new CookieContainer(), AllowAutoRedirect = false, MaxConnectionsPerServer = 4 })
{ BaseAddress = new Uri(server.BaseUrl), Timeout = TimeSpan.FromSeconds(60) };

var admin = NewClient();
await AccountFlows.LoginAsync(admin, ContestApp.AdminUser, ContestApp.AdminPassword);
var now = DateTimeOffset.UtcNow;
var created = await admin.PostAsJsonAsync("/api/rounds", new ContestRound
{
    ContestId = contestId, Name = "Bench", OpensAt = now.AddSeconds(1), ClosesAt = now.AddHours(2), TimeLimitSeconds = 3600,
    Selection = SelectionMode.Fixed, FixedQuestionIds = [.. questionIds],
});
var roundId = (await created.Content.ReadFromJsonAsync<RoundSummary>())!.Id;

Console.WriteLine($"registering {participants} participants…");
var clients = new HttpClient[participants];
await Parallel.ForAsync(0, participants, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
{
    var c = NewClient();
    var r = await c.PostAsJsonAsync("/api/rounds/register", new SignupRequest($"Thí sinh {i}", new DateOnly(2000, 1, 1), unitId, $"09{i:D8}", null, null, "Bench-Pass-123"), ct);
    if (!r.IsSuccessStatusCode) throw new InvalidOperationException(await r.Content.ReadAsStringAsync(ct));
    clients[i] = c;
});

while (true)
{
    await using var ctx = db.NewContext();
    if (await ctx.Set<ContestRound>().AnyAsync(r => r.Id == roundId && r.Status == RoundStatus.Open)) break;
    await Task.Delay(200);
}
var attempts = new AttemptView[participants];
await Parallel.ForAsync(0, participants, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
{
    var r = await clients[i].PostAsync($"/api/rounds/{roundId}/attempts", null, ct);
    attempts[i] = (await r.Content.ReadFromJsonAsync<AttemptView>(ct))!;
});

// Warm-up, not timed: each participant saves one answer (first requests pay for JIT and the first reads).
await Parallel.ForAsync(0, participants, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (i, ct) =>
{
    var r = await clients[i].PutAsJsonAsync($"/api/rounds/attempts/{attempts[i].AttemptId}/answers/1", new { options = new[] { 0 } }, ct);
    if (!r.IsSuccessStatusCode) throw new InvalidOperationException(await r.Content.ReadAsStringAsync(ct));
});

// Each participant answers its questions in turn, changing its pick each time; the last acknowledged
// pick per (attempt, position) must be what the database holds at the end.
Console.WriteLine($"answering for {seconds} s…");
var lastAck = new ConcurrentDictionary<(long, int), int>();
long acked = 0, failed = 0;
var latencies = new ConcurrentBag<double>();
using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
var sw = Stopwatch.StartNew();
await Task.WhenAll(Enumerable.Range(0, participants).Select(async i =>
{
    var n = 0;
    while (!stop.IsCancellationRequested)
    {
        var position = n % questions + 1;
        var pick = (n / questions + i) % 4;
        n++;
        var t = Stopwatch.GetTimestamp();
        try
        {
            var r = await clients[i].PutAsJsonAsync($"/api/rounds/attempts/{attempts[i].AttemptId}/answers/{position}", new { options = new[] { pick } });
            if (r.StatusCode == HttpStatusCode.NoContent)
            {
                lastAck[(attempts[i].AttemptId, position)] = pick;
                Interlocked.Increment(ref acked);
                latencies.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            }
            else Interlocked.Increment(ref failed);
        }
        catch (HttpRequestException) { Interlocked.Increment(ref failed); }
    }
}));
var elapsed = sw.Elapsed.TotalSeconds;

var loadAfterAnswers = Load();

// Every participant submits at once (the end of a round's busiest minute).
Console.WriteLine($"{participants} participants submit at once…");
long submitted = 0, submitFailed = 0;
var submitLatencies = new ConcurrentBag<double>();
var submitWatch = Stopwatch.StartNew();
await Task.WhenAll(Enumerable.Range(0, participants).Select(async i =>
{
    var t = Stopwatch.GetTimestamp();
    try
    {
        var r = await clients[i].PostAsJsonAsync($"/api/rounds/attempts/{attempts[i].AttemptId}/submit", new SubmitRequest(i % 7));
        if (r.IsSuccessStatusCode)
        {
            Interlocked.Increment(ref submitted);
            submitLatencies.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
        }
        else Interlocked.Increment(ref submitFailed);
    }
    catch (HttpRequestException) { Interlocked.Increment(ref submitFailed); }
}));
var submitSeconds = submitWatch.Elapsed.TotalSeconds;

long lostAnswers = 0, lostSubmits = 0;
await using (var ctx = db.NewContext())
{
    var items = await ctx.Set<AttemptItem>().AsNoTracking().ToListAsync();
    foreach (var item in items)
    {
        if (!lastAck.TryGetValue((item.AttemptId, item.Position), out var shown)) continue;
        if (item.AnswerOptions is not [var stored] || stored != item.OptionOrder[shown]) lostAnswers++;
    }
    // An acknowledged submit is lost when its attempt is not finished as submitted with its prediction.
    var done = await ctx.Set<RoundAttempt>().AsNoTracking().Where(a => a.FinishedAt != null && a.End == AttemptEnd.Submitted).Select(a => new { a.Id, a.Prediction }).ToDictionaryAsync(a => a.Id);
    for (var i = 0; i < participants; i++)
    {
        if (!done.TryGetValue(attempts[i].AttemptId, out var a) || a.Prediction != i % 7) lostSubmits++;
    }
    lostSubmits -= submitFailed; // a refused submit was not acknowledged, so it cannot be lost
}

static double P(ConcurrentBag<double> bag, double q)
{
    var sorted = bag.Order().ToArray();
    return sorted.Length == 0 ? 0 : sorted[(int)Math.Min(sorted.Length - 1, q * sorted.Length)];
}
Console.WriteLine($"participants {participants}; load average after answers {loadAfterAnswers}, at end {Load()}");
Console.WriteLine($"answer saves: {acked} acknowledged in {elapsed:0.0} s = {acked / elapsed:0} saves/s; {failed} refused or failed; latency ms p50 {P(latencies, 0.5):0.0}, p95 {P(latencies, 0.95):0.0}, p99 {P(latencies, 0.99):0.0}");
Console.WriteLine($"submits: {submitted} acknowledged in {submitSeconds:0.00} s = {submitted / submitSeconds:0} submits/s; {submitFailed} refused or failed; latency ms p50 {P(submitLatencies, 0.5):0.0}, p95 {P(submitLatencies, 0.95):0.0}, p99 {P(submitLatencies, 0.99):0.0}");
var lost = lostAnswers + lostSubmits;
Console.WriteLine($"lost: {lostAnswers} answers, {lostSubmits} submits" + (lost == 0 ? " (every acknowledged answer and submit is in PostgreSQL)" : ""));
return lost == 0 && submitFailed == 0 ? 0 : 1;
