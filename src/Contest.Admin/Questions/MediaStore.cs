using Contest.Engine.Questions;
using Microsoft.Extensions.Options;

namespace Contest.Admin.Questions;

/// <summary>Keeps uploaded media under a random name, after checking extension, size and the file's own signature.</summary>
public sealed class MediaStore(IOptions<MediaOptions> options)
{
    public const string UrlPrefix = "/media/";

    public MediaOptions Options => options.Value;

    public enum Refusal { None, TooBig, Type, Content }

    public async Task<(Refusal Refusal, string? Url, MediaKind Kind)> SaveAsync(string fileName, Stream content, long length, CancellationToken ct)
    {
        if (length > Options.MaxBytes) return (Refusal.TooBig, null, MediaKind.None);
        var ext = Path.GetExtension(fileName).ToLowerInvariant();
        if (QuestionRules.MediaKindOf(fileName) is not { } kind) return (Refusal.Type, null, MediaKind.None);
        var head = new byte[16];
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, ct);
        if (buffer.Length > Options.MaxBytes) return (Refusal.TooBig, null, MediaKind.None);
        buffer.Position = 0;
        var n = buffer.Read(head);
        if (!Matches(ext, head.AsSpan(0, n))) return (Refusal.Content, null, MediaKind.None);
        Directory.CreateDirectory(Options.Directory);
        var name = Guid.NewGuid().ToString("N") + (ext == ".jpeg" ? ".jpg" : ext);
        await File.WriteAllBytesAsync(Path.Combine(Options.Directory, name), buffer.ToArray(), ct);
        return (Refusal.None, UrlPrefix + name, kind);
    }

    /// <summary>The path of a stored file, or null: only names this store made (hex + known extension) resolve.</summary>
    public string? PathOf(string name)
    {
        var stem = Path.GetFileNameWithoutExtension(name);
        if (stem.Length != 32 || !stem.All(Uri.IsHexDigit) || QuestionRules.MediaKindOf(name) is null) return null;
        var path = Path.Combine(Options.Directory, name);
        return File.Exists(path) ? path : null;
    }

    // A renamed .exe must not be served as an image: compare the first bytes with each format's signature.
    private static bool Matches(string ext, ReadOnlySpan<byte> h) => ext switch
    {
        ".jpg" or ".jpeg" => h.StartsWith((byte[])[0xFF, 0xD8, 0xFF]),
        ".png" => h.StartsWith((byte[])[0x89, 0x50, 0x4E, 0x47]),
        ".gif" => h.StartsWith("GIF8"u8),
        ".webp" => h.StartsWith("RIFF"u8) && h.Length >= 12 && h[8..12].SequenceEqual("WEBP"u8),
        ".wav" => h.StartsWith("RIFF"u8) && h.Length >= 12 && h[8..12].SequenceEqual("WAVE"u8),
        ".ogg" => h.StartsWith("OggS"u8),
        ".mp3" => h.StartsWith("ID3"u8) || (h.Length >= 2 && h[0] == 0xFF && (h[1] & 0xE0) == 0xE0),
        ".m4a" => h.Length >= 8 && h[4..8].SequenceEqual("ftyp"u8),
        _ => false,
    };
}
