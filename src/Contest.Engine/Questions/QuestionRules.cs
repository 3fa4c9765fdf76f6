using Contest.Engine.Text;

namespace Contest.Engine.Questions;

/// <summary>What makes a question playable. Every entry point (admin form, API, Excel import) asks here.</summary>
public static class QuestionRules
{
    public static readonly string[] Languages = ["vi", "en"];
    public static readonly string[] ImageExtensions = [".jpg", ".jpeg", ".png", ".webp", ".gif"];
    public static readonly string[] AudioExtensions = [".mp3", ".m4a", ".ogg", ".wav"];

    /// <summary>Fewest items an ordering question may have.</summary>
    public const int MinOrderingItems = 3;

    public static IReadOnlyList<QuestionProblem> Validate(Question q, QuestionLimits? limits = null)
    {
        var l = limits ?? QuestionLimits.Default;
        var p = new List<QuestionProblem>();

        if (!Enum.IsDefined(q.Type)) p.Add(new(QuestionFields.Type, ProblemCodes.UnknownType, q.Type.ToString()));
        CheckText(p, QuestionFields.Text, q.Text, l.MaxTextLength, required: true);
        CheckText(p, QuestionFields.Explanation, q.Explanation, l.MaxExplanationLength, required: false);

        switch (q.Type)
        {
            case QuestionType.SingleChoice:
                CheckOptions(p, q.Options, l, min: 2);
                CheckCorrect(p, q.CorrectOptions, q.Options.Count, exactlyOne: true);
                break;
            case QuestionType.MultipleSelect:
                CheckOptions(p, q.Options, l, min: 2);
                CheckCorrect(p, q.CorrectOptions, q.Options.Count, exactlyOne: false);
                break;
            case QuestionType.TrueFalse:
                if (q.Options.Count != 2) p.Add(new(QuestionFields.Options, ProblemCodes.TrueFalseOptions, q.Options.Count));
                else CheckOptions(p, q.Options, l, min: 2);
                CheckCorrect(p, q.CorrectOptions, 2, exactlyOne: true);
                break;
            case QuestionType.Ordering:
                // Two items is a coin toss (a blind guess is right half the time), and live games show every order.
                if (q.Options.Count < MinOrderingItems) p.Add(new(QuestionFields.Options, ProblemCodes.TooFewItems, q.Options.Count, MinOrderingItems));
                else CheckOptions(p, q.Options, l, min: MinOrderingItems);
                if (q.CorrectOptions.Count > 0) p.Add(new(QuestionFields.Correct, ProblemCodes.BadCorrect));
                break;
            case QuestionType.FillBlank:
                if (q.Options.Count > 0) p.Add(new(QuestionFields.Options, ProblemCodes.NoOptionsAllowed));
                if (q.AcceptedAnswers.Count == 0 || q.AcceptedAnswers.All(string.IsNullOrWhiteSpace))
                    p.Add(new(QuestionFields.Accepted, ProblemCodes.MissingCorrect));
                else if (q.AcceptedAnswers.Count > l.MaxAcceptedAnswers)
                    p.Add(new(QuestionFields.Accepted, ProblemCodes.TooManyAccepted, q.AcceptedAnswers.Count, l.MaxAcceptedAnswers));
                else
                    foreach (var a in q.AcceptedAnswers)
                    {
                        if (string.IsNullOrWhiteSpace(a)) { p.Add(new(QuestionFields.Accepted, ProblemCodes.EmptyOption)); break; }
                        if (a.Length > l.MaxOptionLength) { p.Add(new(QuestionFields.Accepted, ProblemCodes.TooLong, a.Length, l.MaxOptionLength)); break; }
                    }
                break;
        }
        if (q.Type != QuestionType.FillBlank && q.AcceptedAnswers.Count > 0)
            p.Add(new(QuestionFields.Accepted, ProblemCodes.BadCorrect));

        if (q.TimeLimitSeconds < l.MinTimeLimitSeconds || q.TimeLimitSeconds > l.MaxTimeLimitSeconds)
            p.Add(new(QuestionFields.TimeLimit, ProblemCodes.OutOfRange, q.TimeLimitSeconds, l.MinTimeLimitSeconds, l.MaxTimeLimitSeconds));
        if (q.Points < l.MinPoints || q.Points > l.MaxPoints)
            p.Add(new(QuestionFields.Points, ProblemCodes.OutOfRange, q.Points, l.MinPoints, l.MaxPoints));
        if (!Enum.IsDefined(q.Difficulty)) p.Add(new(QuestionFields.Difficulty, ProblemCodes.UnknownDifficulty, q.Difficulty.ToString()));
        if (!Languages.Contains(q.Language)) p.Add(new(QuestionFields.Language, ProblemCodes.UnknownLanguage, q.Language));

        if (q.Tags.Count > l.MaxTags) p.Add(new(QuestionFields.Tags, ProblemCodes.TooManyTags, q.Tags.Count, l.MaxTags));
        else if (q.Tags.FirstOrDefault(t => t.Length > l.MaxTagLength) is { } longTag)
            p.Add(new(QuestionFields.Tags, ProblemCodes.TooLong, longTag.Length, l.MaxTagLength));

        CheckMedia(p, q, l);
        return p;
    }

    /// <summary>The kind a media file is, from its extension; null when neither an image nor audio we can play.</summary>
    public static MediaKind? MediaKindOf(string pathOrUrl)
    {
        var path = pathOrUrl.Split('?', '#')[0];
        var ext = Path.GetExtension(path).ToLowerInvariant();
        if (ImageExtensions.Contains(ext)) return MediaKind.Image;
        if (AudioExtensions.Contains(ext)) return MediaKind.Audio;
        return null;
    }

    /// <summary>
    /// Two questions are the same when their type and text match after NFC, case folding and space collapsing:
    /// the way staff re-type a question they already sent last week.
    /// </summary>
    public static string DuplicateKey(QuestionType type, string text) =>
        $"{(int)type}|{TextNormalizer.CollapseSpaces(TextNormalizer.Nfc(text)).ToLowerInvariant()}";

    private static void CheckText(List<QuestionProblem> p, string field, string? value, int max, bool required)
    {
        if (string.IsNullOrWhiteSpace(value)) { if (required) p.Add(new(field, ProblemCodes.Required)); return; }
        if (value.Length > max) p.Add(new(field, ProblemCodes.TooLong, value.Length, max));
    }

    private static void CheckOptions(List<QuestionProblem> p, List<string> options, QuestionLimits l, int min)
    {
        if (options.Count > l.MaxOptions) { p.Add(new(QuestionFields.Options, ProblemCodes.TooManyOptions, options.Count, l.MaxOptions)); return; }
        if (options.Count < min) { p.Add(new(QuestionFields.Options, ProblemCodes.TooFewOptions, options.Count, min)); return; }
        var seen = new HashSet<string>();
        foreach (var o in options)
        {
            if (string.IsNullOrWhiteSpace(o)) { p.Add(new(QuestionFields.Options, ProblemCodes.EmptyOption)); return; }
            if (o.Length > l.MaxOptionLength) { p.Add(new(QuestionFields.Options, ProblemCodes.TooLong, o.Length, l.MaxOptionLength)); return; }
            if (!seen.Add(TextNormalizer.CollapseSpaces(TextNormalizer.Nfc(o)).ToLowerInvariant()))
            {
                p.Add(new(QuestionFields.Options, ProblemCodes.DuplicateOption, o));
                return;
            }
        }
    }

    private static void CheckCorrect(List<QuestionProblem> p, List<int> correct, int optionCount, bool exactlyOne)
    {
        if (correct.Count == 0) { p.Add(new(QuestionFields.Correct, ProblemCodes.MissingCorrect)); return; }
        if (correct.Distinct().Count() != correct.Count) { p.Add(new(QuestionFields.Correct, ProblemCodes.BadCorrect)); return; }
        if (exactlyOne && correct.Count != 1) { p.Add(new(QuestionFields.Correct, ProblemCodes.OneCorrectOnly, correct.Count)); return; }
        var outside = correct.Where(i => i < 0 || i >= optionCount).ToList();
        // Shown one-based, as staff number the options.
        if (outside.Count > 0) p.Add(new(QuestionFields.Correct, ProblemCodes.CorrectOutOfRange, outside[0] + 1, optionCount));
    }

    private static void CheckMedia(List<QuestionProblem> p, Question q, QuestionLimits l)
    {
        var hasUrl = !string.IsNullOrWhiteSpace(q.MediaUrl);
        if (hasUrl != (q.MediaKind != MediaKind.None)) { p.Add(new(QuestionFields.Media, ProblemCodes.MediaMismatch)); return; }
        if (!hasUrl) return;
        if (q.MediaUrl!.Length > l.MaxMediaUrlLength) { p.Add(new(QuestionFields.Media, ProblemCodes.TooLong, q.MediaUrl.Length, l.MaxMediaUrlLength)); return; }
        if (MediaKindOf(q.MediaUrl) != q.MediaKind) { p.Add(new(QuestionFields.Media, ProblemCodes.UnsupportedMedia, q.MediaUrl)); return; }
        if (l.MediaHosts is { } hosts && !MediaHostAllowed(q.MediaUrl, hosts)) p.Add(new(QuestionFields.Media, ProblemCodes.MediaHost, q.MediaUrl));
    }

    /// <summary>A path on this site ("/media/a.png", not "//elsewhere" or "/\\elsewhere"), or an http(s) URL on one of the hosts.</summary>
    public static bool MediaHostAllowed(string url, IReadOnlyList<string> hosts)
    {
        var u = url.Trim();
        if (u.StartsWith('/')) return u.Length == 1 || (u[1] is not ('/' or '\\'));
        return Uri.TryCreate(u, UriKind.Absolute, out var abs) && abs.Scheme is "https" or "http"
            && hosts.Contains(abs.IdnHost, StringComparer.OrdinalIgnoreCase);
    }
}
