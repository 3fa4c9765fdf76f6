using System.Net;

namespace Contest.Load;

internal sealed record Options(Uri Url, string User, string Password, int Bank, int Players, int Questions, int Seconds, int SpreadMs, int Parallel,
    int DwellMs, int ThinkMs, int TickMs, int WarmupPlayers, int Games, IReadOnlyList<int> Cpus)
{
    public const int MaxPlayers = 12_000;

    /// <summary>Players over all games of one run: more than one game's limit, so one tool can fill a node to refusal.</summary>
    public const int MaxTotalPlayers = 40_000;

    /// <summary>
    /// No one reads a question and taps an answer within half a second of it appearing, so by default the first
    /// answers come 0.5 s after the question and all 10,000 within the next 2 s (5,000 a second, far denser than
    /// a real hall, whose answers spread over the whole timer). <c>--think 0</c> is the stress case where answers
    /// race the question's own delivery to the other phones.
    /// </summary>
    public const int DefaultThinkMs = 500;

    /// <summary>"--cpus 2,3" or "2-3": the cores the tool pins itself to, so it does not compete with a pinned server.</summary>
    private static IReadOnlyList<int> ParseCpus(string text)
    {
        if (text.Length == 0) return [];
        var cpus = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var range = part.Split('-');
            if (range.Length is < 1 or > 2 || !range.All(r => int.TryParse(r, out var c) && c is >= 0 and < 64))
                throw new FormatException("--cpus must list cores 0–63, e.g. 2,3 or 2-3.");
            var (from, to) = (int.Parse(range[0]), int.Parse(range[^1]));
            if (to < from) throw new FormatException("--cpus must list cores 0–63, e.g. 2,3 or 2-3.");
            cpus.AddRange(Enumerable.Range(from, to - from + 1));
        }
        return [.. cpus.Distinct().Order()];
    }

    /// <summary>The options, or null after saying on stderr which one is wrong.</summary>
    public static Options? Parse(string[] args)
    {
        string Arg(string name, string fallback)
        {
            var i = Array.IndexOf(args, "--" + name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }
        int Number(string name, string fallback) =>
            int.TryParse(Arg(name, fallback), out var n) ? n : throw new FormatException($"--{name} must be a whole number.");

        try
        {
            var url = new Uri(Arg("url", "http://127.0.0.1:5080"));
            if (!IPAddress.TryParse(url.Host, out var ip) || !IPAddress.IsLoopback(ip))
            {
                Console.Error.WriteLine("Only a server on 127.0.0.1 may be load-tested.");
                return null;
            }
            var o = new Options(url, Arg("user", "admin"), Arg("password", ""), Number("bank", "1"), Number("players", "1000"),
                Number("questions", "3"), Number("seconds", "20"), Number("spread", "2000"), Number("parallel", "100"),
                Number("dwell", "3000"), Number("think", DefaultThinkMs.ToString()), Number("tick", "5000"), Number("warmup", "500"),
                Number("games", "1"), ParseCpus(Arg("cpus", "")));
            if (o.Players is < 1 or > MaxPlayers || o.Questions is < 1 or > 20 || o.Parallel is < 1 or > 500 || o.DwellMs is < 0 or > 60_000
                || o.ThinkMs is < 0 or > 60_000 || o.SpreadMs is < 0 or > 60_000 || o.TickMs is < 100 or > 10_000 || o.WarmupPlayers is < 0 or > 2_000
                || o.Games is < 1 or > 8 || o.Players * o.Games > MaxTotalPlayers)
            {
                Console.Error.WriteLine($"players 1–{MaxPlayers} a game, games 1–8, at most {MaxTotalPlayers} players in all, questions 1–20, parallel 1–500, dwell/think/spread 0–60000 ms, tick 100–10000 ms, warmup 0–2000 players.");
                return null;
            }
            return o;
        }
        catch (FormatException e)
        {
            Console.Error.WriteLine(e.Message);
            return null;
        }
    }
}
