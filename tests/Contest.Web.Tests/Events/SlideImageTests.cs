using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Contest.Engine.Events;
using Contest.Engine.Storage;
using Contest.Testing;
using Contest.Testing.Events;
using Contest.Web.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Contest.Web.Tests.Events;

public class SlideImageTests
{
    /// <summary>A real 1×1 PNG: the signature 89 50 4E 47 and a valid image after it.</summary>
    public static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==");

    private static async Task<HttpResponseMessage> ShowSlideAsync(HttpClient organizer, int eventId, string title, (string Name, byte[] Bytes)? image, string? target = null)
    {
        var page = $"/events/{eventId}";
        var form = new MultipartFormDataContent
        {
            { new StringContent(await AccountFlows.AntiforgeryTokenAsync(organizer, page)), "__RequestVerificationToken" },
            { new StringContent("Slide"), "kind" },
            { new StringContent(title), "title" },
            { new StringContent("Cảm ơn các nhà tài trợ"), "text" },
        };
        if (target is not null) form.Add(new StringContent(target), "target");
        if (image is { } i)
        {
            var file = new ByteArrayContent(i.Bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(file, "image", i.Name);
        }
        return await organizer.PostAsync(page + "?handler=Show", form);
    }

    [Fact]
    public async Task A_slide_can_carry_an_uploaded_image_checked_by_extension_and_signature()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var app = new ContestApp(db);
        ContestEvent ev;
        using (var scope = app.Services.CreateScope())
            ev = await scope.ServiceProvider.GetRequiredService<EventDirector>().CreateAsync("Lễ tổng kết", "vi", default);
        var organizer = await app.LoginAsync();
        await using var projector = await ProjectorClient.ConnectAsync(app);
        await projector.WatchAsync(ev.ProjectorToken);

        var shown = await ShowSlideAsync(organizer, ev.Id, "Nhà tài trợ", ("logo-tai-tro.PNG", Png));
        Assert.Equal(HttpStatusCode.Redirect, shown.StatusCode);
        var slide = await projector.NextContentAsync();
        Assert.Equal(["imageUrl", "text", "title"], slide.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray());
        var url = slide.GetProperty("imageUrl").GetString()!;
        Assert.Matches("^/media/[0-9a-f]{32}\\.png$", url);
        // Anyone may load it: the projector is anonymous.
        var served = await app.NewClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("image/png", served.Content.Headers.ContentType!.MediaType);
        Assert.Equal(Png, await served.Content.ReadAsByteArrayAsync());

        // A program renamed to .png, an SVG (it can carry script) and an audio file are refused; nothing reaches the projector.
        byte[] exe = [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0x00, 0x00];
        foreach (var (name, bytes, message) in new[]
        {
            ("anh.png", exe, "Nội dung tệp không phải là hình ảnh như phần mở rộng của nó."),
            ("anh.svg", "<svg onload=alert(1)>"u8.ToArray(), "Hình ảnh phải là tệp JPG, PNG, GIF hoặc WebP."),
            ("nhac.mp3", "ID3\u0004"u8.ToArray(), "Hình ảnh phải là tệp JPG, PNG, GIF hoặc WebP."),
        })
        {
            var refused = await ShowSlideAsync(organizer, ev.Id, "Không được chiếu", (name, bytes));
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            var page = await organizer.GetStringAsync(refused.Headers.Location!.ToString());
            Assert.Contains(message, page);
        }
        await using (var ctx = db.NewContext())
            Assert.Equal(new ScreenChoice(ScreenKind.Slide, url, "Nhà tài trợ", "Cảm ơn các nhà tài trợ"), (await ctx.Set<ContestEvent>().SingleAsync()).Screen);

        // A posted path is not an upload: the slide shows no image. This show is also the fence for the refusals:
        // the director pushes inside the request and the client reads in arrival order, so a refused slide
        // ("Không được chiếu") that reached the projector would be read here instead of "Chương trình".
        await ShowSlideAsync(organizer, ev.Id, "Chương trình", null, target: url);
        var next = await projector.NextAsync();
        Assert.Equal("Show", next.Method);
        var plain = next.Payload.GetProperty("content");
        Assert.Equal(JsonValueKind.Null, plain.GetProperty("imageUrl").ValueKind);
        Assert.Equal("Chương trình", plain.GetProperty("title").GetString());
    }
}
