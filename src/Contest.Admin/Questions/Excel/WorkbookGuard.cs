using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Contest.Admin.Questions.Excel;

/// <summary>Checks the raw bytes before any spreadsheet library parses them: what they are, how big, and how big they unpack.</summary>
public static class WorkbookGuard
{
    private static readonly byte[] ZipMagic = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] OleMagic = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    // Office writes a password-protected .xlsx as an OLE compound file whose directory holds a stream named
    // "EncryptedPackage" (MS-OFFCRYPTO); a legacy .xls is also OLE but has a "Workbook" stream instead.
    private static readonly byte[] EncryptedPackageName = Encoding.Unicode.GetBytes("EncryptedPackage");

    private const int SniffBytes = 8192;

    public static FileProblem? Check(ReadOnlySpan<byte> file, ImportLimits limits)
    {
        if (file.Length > limits.MaxBytes) return new(FileProblem.TooBig, file.Length, limits.MaxBytes);
        if (file.StartsWith(OleMagic))
            return file.IndexOf(EncryptedPackageName) >= 0 ? new(FileProblem.Encrypted) : new(FileProblem.OldXls);
        if (!file.StartsWith(ZipMagic)) return new(TextKind(file[..Math.Min(file.Length, SniffBytes)]) ?? FileProblem.NotSpreadsheet);
        return null;
    }

    /// <summary>
    /// What a text file given an Excel name most likely is: a web page (what many systems export as "Excel"),
    /// Excel 2003's XML, or CSV / plain text (an export renamed .xlsx). Null when it does not look like text.
    /// </summary>
    private static string? TextKind(ReadOnlySpan<byte> head)
    {
        string text;
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) text = Encoding.Unicode.GetString(head[2..]);
        else if (head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) text = Encoding.BigEndianUnicode.GetString(head[2..]);
        else
        {
            if (head.Length == 0 || head.Contains((byte)0) || head.StartsWith("%PDF"u8)) return null;
            // Control bytes other than tab, CR, LF (and a trailing ^Z) do not occur in text.
            var control = 0;
            foreach (var b in head) if (b < 0x20 && b is not (0x09 or 0x0A or 0x0D or 0x1A)) control++;
            if (control > head.Length / 100) return null;
            text = Encoding.UTF8.GetString(head).TrimStart('\uFEFF');
        }
        var start = text.TrimStart();
        if (start.StartsWith('<'))
        {
            if (start.Contains("urn:schemas-microsoft-com:office:spreadsheet", StringComparison.OrdinalIgnoreCase)) return FileProblem.OldXls;
            if (start.Contains("<html", StringComparison.OrdinalIgnoreCase) || start.Contains("<table", StringComparison.OrdinalIgnoreCase)) return FileProblem.HtmlFile;
        }
        return FileProblem.TextFile;
    }

    /// <summary>
    /// Unpacks every part once and counts the bytes that really come out, stopping at the limits. The sizes in the
    /// zip's headers are not trusted: a crafted file claims a few bytes and unpacks to gigabytes, and a reader that
    /// stops at the claimed size only sees a "damaged" part. So each part's deflate data is inflated from its local
    /// header to its own end marker, whatever the headers say.
    /// </summary>
    public static FileProblem? CheckPackage(byte[] file, ImportLimits limits)
    {
        try
        {
            using (var zip = new ZipArchive(new MemoryStream(file, writable: false), ZipArchiveMode.Read))
                if (zip.GetEntry("[Content_Types].xml") is null || zip.GetEntry("xl/workbook.xml") is null) return OtherZip(zip);
            long total = 0;
            var buffer = new byte[81920];
            var parts = Entries(file) ?? Zip64Parts(file);
            foreach (var (open, compressed) in parts)
            {
                long size = 0;
                using var s = open();
                int n;
                while ((n = s.Read(buffer, 0, buffer.Length)) > 0)
                {
                    size += n;
                    total += n;
                    if (total > limits.MaxUnpackedBytes) return new(FileProblem.ZipBomb, limits.MaxUnpackedBytes);
                    if (size > 1024 * 1024 && size > (long)limits.MaxCompressionRatio * Math.Max(1, compressed))
                        return new(FileProblem.ZipBomb, limits.MaxUnpackedBytes);
                }
            }
            return null;
        }
        catch (InvalidDataException)
        {
            return new(FileProblem.Corrupt);
        }
    }

    /// <summary>
    /// A zip that is no workbook: a LibreOffice spreadsheet (.ods) or a Word / PowerPoint file given an Excel name is
    /// named as such; anything else is a damaged workbook.
    /// </summary>
    private static FileProblem OtherZip(ZipArchive zip)
    {
        if (zip.GetEntry("mimetype") is { } mimetype)
        {
            using var r = new StreamReader(mimetype.Open());
            var type = r.ReadToEnd().Trim();
            if (type == "application/vnd.oasis.opendocument.spreadsheet") return new(FileProblem.OpenDocument);
        }
        if (zip.GetEntry("word/document.xml") is not null || zip.GetEntry("ppt/presentation.xml") is not null) return new(FileProblem.NotSpreadsheet);
        return new(FileProblem.Corrupt);
    }

    /// <summary>
    /// Zip64 directories (which no .xlsx of a few megabytes needs, but a writer may still use) are read through
    /// <see cref="ZipArchive"/>, which stops at the claimed size; the compression ratio check still applies.
    /// </summary>
    private static List<(Func<Stream> Open, long Compressed)> Zip64Parts(byte[] file)
    {
        var zip = new ZipArchive(new MemoryStream(file, writable: false), ZipArchiveMode.Read);
        return [.. zip.Entries.Select(e => ((Func<Stream>)e.Open, e.CompressedLength))];
    }

    /// <summary>
    /// A reader for each stored or deflated part, found through the central directory and its local header, with
    /// the part's claimed compressed size; null for a zip64 directory.
    /// </summary>
    private static List<(Func<Stream> Open, long Compressed)>? Entries(byte[] file)
    {
        var eocd = -1;
        for (var i = file.Length - 22; i >= Math.Max(0, file.Length - 22 - 65535); i--)
            if (BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(i)) == 0x06054b50) { eocd = i; break; }
        if (eocd < 0) throw new InvalidDataException("no end of central directory");
        int count = BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(eocd + 10));
        var at = (long)BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(eocd + 16));
        if (count == 0xFFFF || at == 0xFFFFFFFF) return null;
        var found = new List<(Func<Stream>, long)>();
        for (var e = 0; e < count; e++)
        {
            if (at + 46 > file.Length || BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan((int)at)) != 0x02014b50) throw new InvalidDataException("bad central directory");
            var entry = file.AsSpan((int)at);
            int method = BinaryPrimitives.ReadUInt16LittleEndian(entry[10..]);
            long compressed = BinaryPrimitives.ReadUInt32LittleEndian(entry[20..]);
            int nameLength = BinaryPrimitives.ReadUInt16LittleEndian(entry[28..]), extraLength = BinaryPrimitives.ReadUInt16LittleEndian(entry[30..]),
                commentLength = BinaryPrimitives.ReadUInt16LittleEndian(entry[32..]);
            long local = BinaryPrimitives.ReadUInt32LittleEndian(entry[42..]);
            if (local + 30 > file.Length || BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan((int)local)) != 0x04034b50) throw new InvalidDataException("bad local header");
            var dataStart = local + 30 + BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan((int)local + 26)) + BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan((int)local + 28));
            if (dataStart > file.Length) throw new InvalidDataException("part beyond the end");
            if (method is not (0 or 8)) throw new InvalidDataException($"compression method {method}");
            var start = (int)dataStart;
            found.Add((method == 8
                ? () => new DeflateStream(new MemoryStream(file, start, file.Length - start, writable: false), CompressionMode.Decompress)
                : () => new MemoryStream(file, start, (int)Math.Min(compressed, file.Length - start), writable: false), compressed));
            at += 46 + nameLength + extraLength + commentLength;
        }
        return found;
    }
}
