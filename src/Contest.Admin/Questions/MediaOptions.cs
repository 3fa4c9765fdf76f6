namespace Contest.Admin.Questions;

/// <summary>Uploaded question media (images, listening audio): configuration section <c>Contest:Media</c>.</summary>
public sealed class MediaOptions
{
    public const string Section = "Contest:Media";

    /// <summary>Where files are kept; defaults to <c>media</c> in the data directory.</summary>
    public string Directory { get; set; } = "";

    /// <summary>Largest image or audio file, in bytes (default 5 MB: a minute of listening audio at 128 kbit/s is about 1 MB).</summary>
    public long MaxBytes { get; set; } = 5 * 1024 * 1024;
}
