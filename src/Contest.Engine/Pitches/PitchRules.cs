namespace Contest.Engine.Pitches;

public static class PitchRules
{
    public const int MaxCommentLength = 2000;

    /// <summary>Judges score in half points: fine enough to separate teams, coarse enough for a stepper.</summary>
    public const decimal Step = 0.5m;

    /// <summary>Why a score cannot be accepted, or null when it can.</summary>
    public static string? CheckScore(RubricCriterion criterion, decimal score)
    {
        if (score < 0 || score > criterion.MaxScore)
            return $"Score {score} for '{criterion.Name}' is outside 0..{criterion.MaxScore}.";
        if (score % Step != 0)
            return $"Score {score} for '{criterion.Name}' must be a multiple of {Step}.";
        return null;
    }
}
