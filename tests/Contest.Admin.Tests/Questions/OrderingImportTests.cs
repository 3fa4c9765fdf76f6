using System.Globalization;
using System.Resources;
using Contest.Admin.Questions;
using Contest.Engine.Questions;
using static Contest.Admin.Tests.Questions.Workbooks;

namespace Contest.Admin.Tests.Questions;

public class OrderingImportTests
{
    [Fact]
    public void A_two_item_ordering_row_is_refused_with_the_reason_in_both_languages()
    {
        using var file = Template(
            Row("Sắp xếp", "Sắp xếp hai mốc?", ["1930", "1931"], ""),            // row 2: two items, refused
            Row("Sắp xếp", "Sắp xếp ba mốc?", ["1930", "1931", "1941"], ""));     // row 3: three, fine

        var report = Read(file);

        Assert.Equal([3], report.Good.Select(g => g.Row));
        var p = Assert.Single(report.Problems);
        Assert.Equal((2, "C", ProblemCodes.TooFewItems), (p.Row, p.Column, p.Code));
        Assert.Equal([2, 3], p.Args);

        var strings = new ResourceManager("Contest.Admin.Questions.QuestionsUi", typeof(QuestionsUi).Assembly);
        Assert.Equal("Câu sắp xếp cần ít nhất 3 mục (đang có 2): với 2 mục, đoán bừa cũng đúng một nửa số lần",
            string.Format(CultureInfo.InvariantCulture, strings.GetString("Problem." + ProblemCodes.TooFewItems, new CultureInfo("vi"))!, p.Args));
        Assert.Equal("An ordering question needs at least 3 items (it has 2): with 2, a blind guess is right half the time",
            string.Format(CultureInfo.InvariantCulture, strings.GetString("Problem." + ProblemCodes.TooFewItems, new CultureInfo("en"))!, p.Args));
    }
}
