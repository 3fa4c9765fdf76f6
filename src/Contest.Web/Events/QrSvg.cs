using QRCoder;

namespace Contest.Web.Events;

/// <summary>The QR codes projectors show (a live game's join link, a pitch round's vote link): one look, one error-correction level.</summary>
public static class QrSvg
{
    public static string For(string url)
    {
        using var gen = new QRCodeGenerator();
        using var data = gen.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(10);
    }

    /// <summary>An absolute link on this site, as the phone scanning the projector will open it.</summary>
    public static string Absolute(HttpContext http, string path) => $"{http.Request.Scheme}://{http.Request.Host}{path}";
}
