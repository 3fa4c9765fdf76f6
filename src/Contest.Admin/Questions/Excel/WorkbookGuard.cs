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

    public static FileProblem? Check(ReadOnlySpan<byte> file, ImportLimits limits)
    {
        if (file.Length > limits.MaxBytes) return new(FileProblem.TooBig, file.Length, limits.MaxBytes);
        if (file.StartsWith(OleMagic))
            return file.IndexOf(EncryptedPackageName) >= 0 ? new(FileProblem.Encrypted) : new(FileProblem.OldXls);
        if (!file.StartsWith(ZipMagic)) return new(FileProblem.NotSpreadsheet);
        return null;
    }

    /// <summary>Unpacks every part once, counting bytes, and stops at the limits whatever sizes the zip directory claims.</summary>
    public static FileProblem? CheckPackage(Stream file, ImportLimits limits)
    {
        try
        {
            using var zip = new ZipArchive(file, ZipArchiveMode.Read, leaveOpen: true);
            if (zip.GetEntry("[Content_Types].xml") is null || zip.GetEntry("xl/workbook.xml") is null) return new(FileProblem.Corrupt);
            long total = 0;
            var buffer = new byte[81920];
            foreach (var entry in zip.Entries)
            {
                long size = 0;
                using var s = entry.Open();
                int n;
                while ((n = s.Read(buffer, 0, buffer.Length)) > 0)
                {
                    size += n;
                    total += n;
                    if (total > limits.MaxUnpackedBytes) return new(FileProblem.ZipBomb, limits.MaxUnpackedBytes);
                    if (size > 1024 * 1024 && size > (long)limits.MaxCompressionRatio * Math.Max(1, entry.CompressedLength))
                        return new(FileProblem.ZipBomb, limits.MaxUnpackedBytes);
                }
            }
            return null;
        }
        catch (InvalidDataException)
        {
            return new(FileProblem.Corrupt);
        }
        finally
        {
            file.Position = 0;
        }
    }
}
