using System.Globalization;
using Contest.Admin.Localization;
using Contest.Engine.Contests;
using Contest.Engine.LiveGames;
using Contest.Engine.Pitches;
using Contest.Engine.Questions;
using Contest.Engine.Rounds;
using Contest.Engine.Units;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Contest.Admin.Tests.Localization;

public class EnumNamesTests
{
    private static EnumNames Names() =>
        new(new StringLocalizer<Enums>(new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance)));

    private static void InCulture(string culture, Action action)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo(culture);
        try { action(); }
        finally { CultureInfo.CurrentUICulture = before; }
    }

    private static IEnumerable<(string Key, string Name, bool Found)> Every(EnumNames n)
    {
        IEnumerable<(string, string, bool)> Of<T>() where T : struct, Enum => Enum.GetValues<T>().Select(v => (EnumNames.Key(v), n.Of(v), n.Has(v)));
        return Of<RoundStatus>().Concat(Of<SelectionMode>()).Concat(Of<RoundLayout>()).Concat(Of<PrizeKind>()).Concat(Of<PredictionTieBreak>()).Concat(Of<UnitLevel>())
            .Concat(Of<QuestionType>()).Concat(Of<Difficulty>()).Concat(Of<MediaKind>()).Concat(Of<AggregationMethod>()).Concat(Of<ContestKind>())
            .Concat(Of<ScoringMode>()).Concat(Of<TeamMode>()).Concat(Of<GamePhase>()).Concat(Of<PitchTimerPhase>()).Concat(Of<AttemptEnd>())
            .Concat(Of<RegistrationField>());
    }

    [Fact]
    public void Every_value_shown_on_a_page_has_a_Vietnamese_and_an_English_name()
    {
        var names = Names();
        InCulture("vi", () =>
        {
            var missing = Every(names).Where(x => !x.Found).Select(x => x.Key).ToList();
            Assert.Empty(missing);
            Assert.Equal("Đã lên lịch", names.Of(RoundStatus.Scheduled));
            Assert.Equal("Huyện đoàn", names.Of(UnitLevel.District));
            Assert.Equal("Số CCCD", names.Of(RegistrationField.IdNumber));
            Assert.Equal("Giám khảo", names.Of("Role", "Judge"));
            // A Vietnamese name equal to the code name means the row was left untranslated (Email is the one real word both share).
            Assert.Empty(Every(names).Where(x => x.Key.EndsWith("." + x.Name, StringComparison.Ordinal) && x.Name != "Email").Select(x => x.Key));
        });
        InCulture("en", () =>
        {
            Assert.Empty(Every(names).Where(x => !x.Found).Select(x => x.Key));
            Assert.Equal("Results published", names.Of(RoundStatus.Published));
            Assert.Equal("Normalised per judge (z-score)", names.Of(AggregationMethod.ZScore));
        });
    }

    [Fact]
    public void English_counts_agree_with_their_number_and_Vietnamese_has_one_form()
    {
        var strings = new StringLocalizer<Enums>(new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance));
        InCulture("en", () =>
        {
            Assert.Equal("1 player", strings.Count("Count.Players", 1));
            Assert.Equal("2 players", strings.Count("Count.Players", 2));
            Assert.Equal("0 players", strings.Count("Count.Players", 0));
        });
        InCulture("vi", () =>
        {
            Assert.Equal("1 người chơi", strings.Count("Count.Players", 1));
            Assert.Equal("2 người chơi", strings.Count("Count.Players", 2));
        });
    }
}
