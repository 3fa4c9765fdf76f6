using System.Net;
using Contest.Engine.Questions;
using Microsoft.EntityFrameworkCore;

namespace Contest.Admin.Tests.Forms;

/// <summary>/admin/banks (create a bank), a bank's bulk actions and the question editor.</summary>
[Collection(AdminSite.Collection)]
public class BankFormTests(AdminSite site) : IClassFixture<AdminSite>
{
    [Fact]
    public async Task A_bank_without_a_description_is_created()
    {
        var answer = await AdminSite.PostAsync(site.Admin, "/admin/banks", "/admin/banks", ("Name", "  Ngân hàng   không mô tả "), ("Language", "en"), ("Description", ""));
        answer.Saved();
        await using var ctx = site.Db.NewContext();
        var bank = await ctx.QuestionBanks.SingleAsync(b => b.Name == "Ngân hàng không mô tả");
        Assert.Equal(("en", ""), (bank.Language, bank.Description));
    }

    [Fact]
    public async Task Garbage_in_the_bank_form_is_named_next_to_each_field_and_no_bank_is_made()
    {
        int before;
        await using (var ctx = site.Db.NewContext()) before = await ctx.QuestionBanks.CountAsync();
        var answer = await AdminSite.PostAsync(site.Admin, "/admin/banks", "/admin/banks", ("Name", ""), ("Language", "fr"), ("Description", new string('d', 2001)));
        answer.ShowsErrors(
            ("Name", "Hãy nhập tên ngân hàng."),
            ("Language", "Hãy chọn Tiếng Việt hoặc English."),
            ("Description", "Mô tả quá dài: 2001 ký tự, tối đa 2000."));
        await using var check = site.Db.NewContext();
        Assert.Equal(before, await check.QuestionBanks.CountAsync());
    }

    [Fact]
    public async Task Bulk_actions_without_a_selection_or_a_value_say_so_and_change_nothing()
    {
        var page = $"/admin/banks/{site.BankId}";
        var none = await AdminSite.PostAsync(site.Admin, page, $"{page}?handler=Tag", ("NewTag", "mới"));
        Assert.Equal(HttpStatusCode.OK, none.Status);
        Assert.Contains("Chưa chọn câu hỏi nào.", none.Html);
        var noTag = await AdminSite.PostAsync(site.Admin, page, $"{page}?handler=Tag", ("Selected", $"{site.QuestionIds[2]}"), ("NewTag", " "));
        noTag.ShowsErrors(("NewTag", "Hãy nhập chủ đề cần thêm."));
        var longTag = await AdminSite.PostAsync(site.Admin, page, $"{page}?handler=Tag", ("Selected", $"{site.QuestionIds[2]}"), ("NewTag", new string('t', 51)));
        longTag.ShowsErrors(("NewTag", "Chủ đề tối đa 50 ký tự."));
        var badTarget = await AdminSite.PostAsync(site.Admin, page, $"{page}?handler=Move", ("Selected", $"{site.QuestionIds[2]}"), ("TargetBank", "abc"));
        badTarget.ShowsErrors(("TargetBank", "Giá trị \"abc\" không hợp lệ ở đây."));
        var noDelete = await AdminSite.PostAsync(site.Admin, page, $"{page}?handler=DeleteSelected", ("Selected", "x"));
        Assert.Equal(HttpStatusCode.OK, noDelete.Status);
        Assert.Contains("Chưa chọn câu hỏi nào.", noDelete.Html);
        var gone = await AdminSite.PostAsync(site.Admin, page, $"{page}?handler=Duplicate&qid=999999");
        Assert.Equal(HttpStatusCode.OK, gone.Status);
        Assert.Contains("Không tìm thấy câu hỏi này trong ngân hàng; có thể đã bị xóa.", gone.Html);

        await using var ctx = site.Db.NewContext();
        var third = await ctx.Questions.SingleAsync(q => q.Id == site.QuestionIds[2]);
        Assert.Equal((site.BankId, 0), (third.BankId, third.Tags.Count));
        Assert.Equal(6, await ctx.Questions.CountAsync(q => q.BankId == site.BankId));
    }

    [Fact]
    public async Task A_duplicated_question_is_marked_as_a_copy_in_the_page_language()
    {
        var page = $"/admin/banks/{site.BankId}";
        var answer = await AdminSite.PostAsync(site.Admin, page, $"{page}?handler=Duplicate&qid={site.QuestionIds[5]}");
        answer.Saved();
        await using var ctx = site.Db.NewContext();
        var copy = await ctx.Questions.Where(q => q.BankId == site.BankId).OrderByDescending(q => q.Id).FirstAsync();
        Assert.Equal("Câu hỏi kiểm thử số 6? (bản sao)", copy.Text);
        ctx.Remove(copy);
        await ctx.SaveChangesAsync();
    }

    [Fact]
    public async Task A_fill_in_question_with_its_optional_boxes_empty_is_saved_without_the_options_typed_before_switching()
    {
        var page = $"/admin/banks/{site.BankId}/questions";
        var answer = await AdminSite.PostAsync(site.Admin, page, page,
            ("Type", "FillBlank"), ("Text", "Thủ đô của Việt Nam là ___"), ("Options", "Hà Nội"), ("Options", "Huế"), ("Correct", "0"),
            ("Accepted", "Hà Nội\n  Ha Noi  "), ("IgnoreCase", "true"), ("IgnoreDiacritics", "false"), ("IgnoreExtraSpaces", "true"), ("PartialCredit", "false"),
            ("TimeLimitSeconds", "30"), ("Points", "1000"), ("Difficulty", "Easy"), ("Language", "vi"), ("Tags", ""), ("Explanation", ""));
        answer.Saved();
        await using var ctx = site.Db.NewContext();
        var q = await ctx.Questions.SingleAsync(x => x.Text == "Thủ đô của Việt Nam là ___");
        Assert.Equal(QuestionType.FillBlank, q.Type);
        Assert.Empty(q.Options);
        Assert.Empty(q.CorrectOptions);
        Assert.Equal(["Hà Nội", "Ha Noi"], q.AcceptedAnswers);
        Assert.Empty(q.Tags);
        Assert.Equal(("", MediaKind.None), (q.Explanation, q.MediaKind));

        // The editor's preview shows no option tiles for it, and the form's option rows are marked for choice types only.
        var html = await site.Admin.GetStringAsync($"{page}/{q.Id}");
        Assert.DoesNotMatch("class=\"choice[ \"]", html);
        Assert.Contains("data-when-type=\"SingleChoice MultipleSelect TrueFalse Ordering\"", html);
    }

    [Fact]
    public async Task Garbage_in_the_question_editor_is_named_next_to_each_field_and_nothing_is_saved()
    {
        var page = $"/admin/banks/{site.BankId}/questions";
        var answer = await AdminSite.PostAsync(site.Admin, page, page,
            ("Type", "Essay"), ("Text", ""), ("Options", "A"), ("TimeLimitSeconds", "nhanh"), ("Points", "-5"), ("Difficulty", "Easy"), ("Language", "vi"));
        answer.ShowsErrors(
            ("Type", "Giá trị \"Essay\" không hợp lệ ở đây."),
            ("Text", "Thiếu nội dung bắt buộc"),
            ("TimeLimitSeconds", "Giá trị \"nhanh\" không hợp lệ ở đây."),
            ("Points", "Giá trị -5 ngoài khoảng 0–10000"));
        Assert.Contains("Chưa lưu: hãy sửa các mục được đánh dấu bên dưới.", answer.Html);

        // A question typed again in its own bank is refused, naming the question and the bank.
        var duplicate = await AdminSite.PostAsync(site.Admin, page, page,
            ("Type", "SingleChoice"), ("Text", "  câu hỏi KIỂM THỬ số 1? "), ("Options", "Một"), ("Options", "Hai"), ("Correct", "1"),
            ("TimeLimitSeconds", "20"), ("Points", "1000"), ("Difficulty", "Medium"), ("Language", "vi"));
        duplicate.ShowsErrors(("Text", $"Trùng với câu hỏi số {site.QuestionIds[0]} đã có trong ngân hàng \"{site.BankName}\"."));
        await using var ctx = site.Db.NewContext();
        Assert.Equal(6, await ctx.Questions.CountAsync(q => q.BankId == site.BankId && !q.Text.StartsWith("Thủ đô")));
    }
}
