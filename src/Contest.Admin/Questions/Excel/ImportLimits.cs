namespace Contest.Admin.Questions.Excel;

/// <summary>Bounds on an uploaded workbook, from configuration section <c>Contest:Import</c>; the template's instructions sheet states them.</summary>
public sealed class ImportLimits
{
    public const string Section = "Contest:Import";

    /// <summary>Largest upload accepted, in bytes (default 10 MB).</summary>
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Most question rows in one file, all sheets together.</summary>
    public int MaxRows { get; set; } = 20_000;

    /// <summary>Most bytes the workbook may unpack to; a zip bomb stops here, before ClosedXML sees it.</summary>
    public long MaxUnpackedBytes { get; set; } = 300L * 1024 * 1024;

    /// <summary>Largest unpacked/packed ratio for a part over 1 MB; real sheets stay well under 100.</summary>
    public int MaxCompressionRatio { get; set; } = 200;
}
