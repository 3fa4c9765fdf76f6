namespace Contest.Browser.Tests.Site.Crawl;

/// <summary>The crawl's own rules, checked without a browser: what counts as one page kind, which words are flagged.</summary>
public class CrawlRulesTests
{
    [Theory]
    [InlineData("http://h/admin/banks/12", "/admin/banks/{id}")]
    [InlineData("http://h/admin/banks/2/questions/13", "/admin/banks/{id}/questions/{id}")]
    [InlineData("http://h/Admin/Pitches/Round/3/", "/admin/pitches/round/{id}")]
    [InlineData("http://h/live/host/d7f4c779-5feb-4290-bdd6-7ed7fe4782a5", "/live/host/{id}")]
    [InlineData("http://h/screen/q3Vb_x9LkPz0aWc7RtYuIo", "/screen/{id}")]
    [InlineData("http://h/admin/rounds/report/1?handler=RankingXlsx", "/admin/rounds/report/{id}?handler=RankingXlsx")]
    [InlineData("http://h/account/login?ReturnUrl=%2Fadmin%2Fbanks", "/account/login?returnurl={url}")]
    [InlineData("http://h/play?pin=123456", "/play?pin={id}")]
    [InlineData("http://h/", "/")]
    [InlineData("http://h/admin/units", "/admin/units")]
    public void A_url_is_reduced_to_its_page_kind(string url, string kind) => Assert.Equal(kind, UrlPattern.Of(new Uri(url)));

    [Fact]
    public void Words_that_are_not_ids_stay_in_the_kind()
    {
        // A short lower-case word is a page, not a token: /admin/banks/template and /admin/banks/import are two kinds.
        Assert.NotEqual(UrlPattern.Of(new Uri("http://h/admin/banks/template")), UrlPattern.Of(new Uri("http://h/admin/banks/import")));
    }

    [Fact]
    public void A_status_code_name_is_flagged_on_a_vietnamese_page_only()
    {
        const string text = "Trạng thái: Published · Mở lúc 08:00";
        Assert.Equal([("Published", 1)], CodeWords.Find(text, vietnamese: true));
        Assert.Empty(CodeWords.Find(text, vietnamese: false));
    }

    [Fact]
    public void Identifiers_and_null_are_flagged_in_every_language()
    {
        var found = CodeWords.Find("Required fields: DateOfBirth, IdNumber. Score: NaN, null", vietnamese: false);
        Assert.Equal([("DateOfBirth", 1), ("IdNumber", 1), ("NaN", 1), ("null", 1)], found);
    }

    [Fact]
    public void Words_match_whole_and_case_sensitive()
    {
        // "Opening", "open", "nullable" and "Scheduled" inside "Rescheduled" are not the listed words.
        Assert.Empty(CodeWords.Find("Opening at 8, open now, nullable, Rescheduled", vietnamese: true));
        Assert.Equal([("Open", 2)], CodeWords.Find("Open · Đang mở (Open)", vietnamese: true));
    }

    [Fact]
    public void A_localizer_key_printed_as_text_is_flagged()
    {
        Assert.Equal([("Admin.Link.Banks", 1)], CodeWords.Find("Quản trị Admin.Link.Banks Đơn vị", vietnamese: false));
        // Dates, times, decimals and e-mail addresses are not keys.
        Assert.Empty(CodeWords.Find("05.12.2026 08.30, 7.5 điểm, hoa.crawl@example.vn", vietnamese: false));
    }
}
