namespace Contest.Admin.Questions.Excel;

/// <summary>Why a whole file was refused; nothing of it is imported. UI text: <c>File.&lt;code&gt;</c>.</summary>
public sealed record FileProblem(string Code, params object[] Args)
{
    public const string NotSpreadsheet = "NotSpreadsheet";
    public const string TextFile = "TextFile";
    public const string HtmlFile = "HtmlFile";
    public const string OpenDocument = "OpenDocument";
    public const string OldXls = "OldXls";
    public const string Encrypted = "Encrypted";
    public const string Corrupt = "Corrupt";
    public const string TooBig = "TooBig";
    public const string ZipBomb = "ZipBomb";
    public const string Empty = "Empty";
    public const string NoHeader = "NoHeader";
    public const string MissingColumns = "MissingColumns";
    public const string MergedCells = "MergedCells";
    public const string HiddenSheet = "HiddenSheet";
    public const string TooManyRows = "TooManyRows";
    public const string NoQuestions = "NoQuestions";
}
