using Contest.Engine.Events;

namespace Contest.Engine.Tests.Events;

public class ScreenChoiceTests
{
    [Fact]
    public void Complete_choices_are_valid()
    {
        Assert.Null(ScreenChoice.Welcome.Validate());
        Assert.Null(new ScreenChoice(ScreenKind.Join, "123456").Validate());
        Assert.Null(new ScreenChoice(ScreenKind.Slide, Title: "Chương trình", Text: "14:00 Khai mạc").Validate());
        Assert.Null(new ScreenChoice(ScreenKind.Pitch, "3").Validate());
        Assert.Null(new ScreenChoice(ScreenKind.Slide, "/media/0123456789abcdef0123456789abcdef.png", "Nhà tài trợ").Validate());
    }

    [Theory]
    [InlineData("https://evil.example/x.png")]
    [InlineData("/media/0123456789abcdef0123456789abcdef.mp3")]
    [InlineData("/media/../appsettings.json")]
    [InlineData("/media/0123456789ABCDEF0123456789abcdef.png")]
    [InlineData("javascript:alert(1)")]
    public void A_slide_image_must_be_an_uploaded_image(string image) =>
        Assert.Equal("The slide image must be an image uploaded here.", new ScreenChoice(ScreenKind.Slide, image, "Nhà tài trợ").Validate());

    [Theory]
    [InlineData(ScreenKind.Join, "12345", null, null, "The join screen needs a 6-digit game PIN.")]
    [InlineData(ScreenKind.Join, "12a456", null, null, "The join screen needs a 6-digit game PIN.")]
    [InlineData(ScreenKind.Slide, null, "  ", null, "A slide needs a title.")]
    [InlineData(ScreenKind.Round, null, null, null, "Choose what the Round screen shows.")]
    [InlineData((ScreenKind)42, null, null, null, "Unknown screen kind 42.")]
    public void Incomplete_choices_are_explained(ScreenKind kind, string? target, string? title, string? text, string error) =>
        Assert.Equal(error, new ScreenChoice(kind, target, title, text).Validate());

    [Fact]
    public void Overlong_slides_are_refused()
    {
        Assert.Equal("The slide title is longer than 120 characters.", new ScreenChoice(ScreenKind.Slide, Title: new string('a', 121)).Validate());
        Assert.Equal("The slide text is longer than 1500 characters.", new ScreenChoice(ScreenKind.Slide, Title: "t", Text: new string('a', 1501)).Validate());
    }

    [Theory]
    [InlineData("Hội thi", "#0b4ea2", "#ffd200", null, "vi", null)]
    [InlineData("Hội thi", "#0b4ea2", "#ffd200", "/img/logo.png", "en", null)]
    [InlineData("Hội thi", "#0b4ea2", "#ffd200", "https://tinhdoan.example/logo.png", "vi", null)]
    [InlineData("", "#0b4ea2", "#ffd200", null, "vi", "The event needs a title.")]
    [InlineData("Hội thi", "blue", "#ffd200", null, "vi", "Primary colour 'blue' is not a #rrggbb colour.")]
    [InlineData("Hội thi", "#0b4ea2", "#ffd20", null, "vi", "Accent colour '#ffd20' is not a #rrggbb colour.")]
    [InlineData("Hội thi", "#0b4ea2", "#ffd200", "javascript:alert(1)", "vi", "The logo must be a path on this site (/...) or an https:// address.")]
    [InlineData("Hội thi", "#0b4ea2", "#ffd200", "//evil.example/x.png", "vi", "The logo must be a path on this site (/...) or an https:// address.")]
    [InlineData("Hội thi", "#0b4ea2", "#ffd200", null, "fr", "The language must be vi or en.")]
    public void Branding_is_checked(string title, string primary, string accent, string? logo, string language, string? error) =>
        Assert.Equal(error, EventBranding.Validate(title, primary, accent, logo, language));

    [Fact]
    public void Tokens_are_long_url_safe_and_different()
    {
        var a = EventBranding.NewToken();
        var b = EventBranding.NewToken();
        Assert.NotEqual(a, b);
        Assert.Equal(22, a.Length); // 16 bytes → 22 base64 characters without padding
        Assert.Matches("^[A-Za-z0-9_-]+$", a);
    }
}
