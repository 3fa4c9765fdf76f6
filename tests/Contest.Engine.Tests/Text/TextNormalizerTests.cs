using System.Text;
using Contest.Engine.Text;

namespace Contest.Engine.Tests.Text;

public class TextNormalizerTests
{
    // "Đoàn" typed with a decomposing keyboard: o + combining grave accent.
    private const string DecomposedDoan = "\u0110o\u0061\u0300n";

    [Fact]
    public void Nfc_composes_decomposed_vietnamese()
    {
        var composed = TextNormalizer.Nfc(DecomposedDoan);
        Assert.Equal("Đoàn", composed);
        Assert.Equal(4, composed.Length);
        Assert.Equal(5, DecomposedDoan.Length);
    }

    [Fact]
    public void Nfc_returns_same_instance_when_already_composed()
    {
        var s = "Thanh niên";
        Assert.Same(s, TextNormalizer.Nfc(s));
    }

    [Theory]
    [InlineData("Đoàn Thanh niên", "Doan Thanh nien")]
    [InlineData("Hồ Chí Minh", "Ho Chi Minh")]
    [InlineData("đổi mới sáng tạo", "doi moi sang tao")]
    [InlineData("Bình Phước", "Binh Phuoc")]
    [InlineData("English stays", "English stays")]
    public void StripDiacritics_removes_marks_and_maps_d_stroke(string input, string expected) =>
        Assert.Equal(expected, TextNormalizer.StripDiacritics(input));

    [Fact]
    public void StripDiacritics_handles_decomposed_input() =>
        Assert.Equal("Doan", TextNormalizer.StripDiacritics(DecomposedDoan.Normalize(NormalizationForm.FormD)));

    [Theory]
    [InlineData("  a   b \t c  ", "a b c")]
    [InlineData("one", "one")]
    [InlineData("   ", "")]
    [InlineData("Lý  Tự\u00A0Trọng", "Lý Tự Trọng")]
    public void CollapseSpaces_trims_and_collapses(string input, string expected) =>
        Assert.Equal(expected, TextNormalizer.CollapseSpaces(input));
}
