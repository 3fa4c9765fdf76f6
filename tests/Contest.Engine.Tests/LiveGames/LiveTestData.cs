using Contest.Engine.LiveGames;
using Contest.Engine.Questions;

namespace Contest.Engine.Tests.LiveGames;

internal static class LiveTestData
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 26, 8, 0, 0, TimeSpan.FromHours(7));

    public static Question Single(int id = 1, int points = 1000, int seconds = 20) => new()
    {
        Id = id, Text = $"Câu {id}", Type = QuestionType.SingleChoice, Options = ["A", "B", "C", "D"], CorrectOptions = [2], Points = points, TimeLimitSeconds = seconds,
    };

    public static Question Multi(int id = 2, int points = 1000, int seconds = 10) => new()
    {
        Id = id, Text = $"Câu {id}", Type = QuestionType.MultipleSelect, Options = ["A", "B", "C", "D"], CorrectOptions = [0, 1], PartialCredit = true,
        Points = points, TimeLimitSeconds = seconds,
    };

    public static Question Order(int id = 3) => new()
    {
        Id = id, Text = "Sắp xếp", Type = QuestionType.Ordering, Options = ["1930", "1931", "1941", "1945"], PartialCredit = true, Points = 1000, TimeLimitSeconds = 20,
    };

    public static Question Fill(int id = 4) => new()
    {
        Id = id, Text = "Điền", Type = QuestionType.FillBlank, AcceptedAnswers = ["Hồ Chí Minh"], Points = 1000, TimeLimitSeconds = 20,
    };

    public static LiveGame Game(GameSettings? settings = null, params Question[] questions)
    {
        if (questions.Length == 0) questions = [Single(), Multi()];
        var live = questions.Select((q, i) => LiveQuestion.Create(i, q, null, null, new Random(7))).ToList();
        return new LiveGame(Guid.NewGuid(), "123456", "Thử", settings ?? new GameSettings(), live, "host", T0);
    }

    public static LivePlayer Join(LiveGame game, string nick, int? unit = null, DateTimeOffset? at = null) =>
        game.Join(Guid.NewGuid(), nick, unit, unit is null ? null : $"Chi đoàn {unit}", Guid.NewGuid().ToString("N"), at ?? T0);
}
