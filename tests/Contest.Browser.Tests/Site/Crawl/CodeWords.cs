using System.Text.RegularExpressions;

namespace Contest.Browser.Tests.Site.Crawl;

/// <summary>
/// Words a person must never see. Built from the enums of src/Contest.Engine (and the role names and registration
/// field names), matched as whole words, case-sensitive, in the page's visible text.
/// </summary>
public static partial class CodeWords
{
    /// <summary>Wrong in any language: programming values, and identifiers no English sentence contains.</summary>
    public static readonly IReadOnlySet<string> Anywhere = new HashSet<string>(StringComparer.Ordinal)
    {
        "null", "undefined", "NaN", "Infinity",
        // ContestKind, ScreenKind
        "LiveQuiz", "OnlineRound", "LiveGame",
        // PrizeKind
        "TopOverall", "RankTier", "ClosestPrediction", "UnitMostParticipants", "UnitParticipationRate", "UnitAverageScore",
        // PredictionTieBreak
        "TimeThenSubmission", "EarlierSubmission", "OverallRank",
        // QuestionType (and the names the issue saw for it)
        "SingleChoice", "MultipleSelect", "MultipleChoice", "TrueFalse", "FillBlank",
        // AggregationMethod, TieBreak, PitchTimerPhase, ErrorKind (Contest.Engine.Errors)
        "TrimmedMean", "ZScore", "NotFound",
        // RoundLayout, AttemptEnd
        "OnePerPage", "AllOnOnePage", "TimedOut",
        // Registration fields (ParticipantRegistry), shown as checkbox labels in the issue
        "FullName", "DateOfBirth", "UnitId", "IdNumber", "RequireDateOfBirth", "RequireUnit", "RequirePhone", "RequireEmail", "RequireIdNumber",
        // Excel import columns
        "TimeLimit", "IgnoreCase", "IgnoreDiacritics", "IgnoreSpaces", "PartialCredit",
        // Storage
        "StorageProvider",
    };

    /// <summary>
    /// Wrong on a Vietnamese page: the single-word enum names (ordinary English words, so an English page may
    /// say them) and English UI words the issue saw on Vietnamese pages.
    /// </summary>
    public static readonly IReadOnlySet<string> EnglishOnVietnamesePage = new HashSet<string>(StringComparer.Ordinal)
    {
        // RoundStatus and a draft state
        "Scheduled", "Published", "Draft", "Open", "Closed",
        // UnitLevel
        "Province", "District", "Grassroots", "Chapter",
        // QuestionType, Difficulty, MediaKind
        "Ordering", "Easy", "Medium", "Hard", "Image", "Audio",
        // ScoringMode, TeamMode, UnitRanking, AggregationMethod, TieBreak, SelectionMode
        "Speed", "Accuracy", "Total", "Average", "Mean", "Median", "Criterion", "Shared", "Random", "Fixed",
        // GamePhase, PitchTimerPhase, AttemptEnd, ScreenKind
        "Lobby", "Reveal", "Leaderboard", "Podium", "Finished", "Stopped", "Submitted", "Welcome", "Slide",
        // Roles
        "Admin", "Organizer", "Judge", "Participant",
        // English UI words seen on Vietnamese pages
        "players", "player", "rank", "Rank", "Save", "Delete", "Edit", "Cancel", "Submit", "Loading", "Back", "Next",
        "Login", "Logout", "Password", "Username", "Search", "Upload", "Download", "Error", "Required", "required",
        "Yes", "No", "Score", "Points", "Name", "Status", "Results", "Round", "Team", "Teams", "Vote", "Start", "Settings",
        "Unit", "Units", "Phone", "Question", "Questions", "Answer", "Answers", "Correct", "Wrong", "Time", "Timer", "Lock",
        "Locked", "Host", "Players", "Player",
    };

    /// <summary>A localizer key printed instead of its text ("Admin.Link.Banks", "Kind.Pitch").</summary>
    [GeneratedRegex(@"(?<![\w./:@-])[A-Z][A-Za-z]+(?:\.[A-Z][A-Za-z0-9]+)+(?![\w/@-])")]
    public static partial Regex ResourceKey();

    [GeneratedRegex(@"[\p{L}\p{N}_]+")]
    private static partial Regex Word();

    /// <summary>The listed words the text shows, each once, with how many times.</summary>
    public static IReadOnlyList<(string Word, int Count)> Find(string text, bool vietnamese)
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (Match m in Word().Matches(text))
        {
            if (Anywhere.Contains(m.Value) || (vietnamese && EnglishOnVietnamesePage.Contains(m.Value)))
                counts[m.Value] = counts.GetValueOrDefault(m.Value) + 1;
        }
        foreach (Match m in ResourceKey().Matches(text)) counts[m.Value] = counts.GetValueOrDefault(m.Value) + 1;
        return counts.Select(kv => (kv.Key, kv.Value)).ToList();
    }

    /// <summary>Up to 60 characters around the first place the word shows, for the report.</summary>
    public static string Context(string text, string word)
    {
        var m = Regex.Match(text, @"(?<![\p{L}\p{N}_])" + Regex.Escape(word) + @"(?![\p{L}\p{N}_])");
        if (!m.Success) return "";
        var from = Math.Max(0, m.Index - 30);
        var to = Math.Min(text.Length, m.Index + m.Length + 30);
        return Regex.Replace(text[from..to], @"\s+", " ").Trim();
    }
}
