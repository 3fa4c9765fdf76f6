using Contest.Engine.LiveGames;

namespace Contest.Engine.Tests.LiveGames;

public class NicknameRulesTests
{
    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Một cái tên dài hơn hai mươi ký tự")]
    [InlineData("An\u200Bh")]
    [InlineData("đm")]
    [InlineData("Thằng Fuck")]
    [InlineData("vcl quá")]
    [InlineData("shitty")]
    public void Refused(string nickname)
    {
        NicknameRules.Clean(nickname, out var error);
        Assert.NotNull(error);
    }

    [Theory]
    [InlineData("  Lớn   Lên ", "Lớn Lên")]
    [InlineData("Các bạn trẻ", "Các bạn trẻ")]
    [InlineData("Buổi sáng", "Buổi sáng")]
    [InlineData("Dương", "Dương")]
    public void Accepted_and_cleaned(string nickname, string stored)
    {
        Assert.Equal(stored, NicknameRules.Clean(nickname, out var error));
        Assert.Null(error);
    }

    [Fact]
    public void Nicknames_that_read_the_same_clash() => Assert.Equal(NicknameRules.Key("Ân Nguyễn"), NicknameRules.Key("an nguyen"));
}
