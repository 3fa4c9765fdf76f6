using System.Text.RegularExpressions;
using Contest.Testing;

namespace Contest.Admin.Tests.Localization;

/// <summary>
/// Every refusal code the server can send has words in the one error table (Contest.Admin/Errors/ErrorTexts.tsv), in
/// Vietnamese and in English: a code without them reaches a person as the English reason or a bare code.
/// </summary>
public partial class ErrorCodesTests
{
    // ContestError.Invalid("code", …), new ContestError(kind, "code", …), new(ErrorKind.X, "code", …), LiveGameException("code", …).
    [GeneratedRegex("""(?:ContestError\.(?:Invalid|Conflict|Forbidden)\(\s*|new ContestError\([^,()]+,\s*|new\(ErrorKind\.\w+,\s*|LiveGameException\(\s*)"([a-z0-9-]+)"\s*,""")]
    private static partial Regex Coded();

    // Errors.text("code"…) in the pages' scripts: codes the browser words itself (network, unknown, server-busy…).
    [GeneratedRegex("""Errors\.text\(\s*["']([a-z0-9-]+)["']""")]
    private static partial Regex Scripted();

    [Fact]
    public void Every_code_in_the_source_has_Vietnamese_and_English_words()
    {
        var root = TestServers.RepositoryRoot;
        var codes = Directory.EnumerateFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .SelectMany(f => Coded().Matches(File.ReadAllText(f)).Select(m => (Code: m.Groups[1].Value, File: Path.GetFileName(f))))
            .Concat(Directory.EnumerateFiles(Path.Combine(root, "src/Contest.Web/wwwroot/js"), "*.js", SearchOption.AllDirectories)
                .SelectMany(f => Scripted().Matches(File.ReadAllText(f)).Select(m => (Code: m.Groups[1].Value, File: Path.GetFileName(f)))))
            .Where(c => !c.Code.EndsWith('-')) // a prefix completed at run time ("import-" + the reader's code)
            .ToList();
        var rows = File.ReadAllLines(Path.Combine(root, "src/Contest.Admin/Errors/ErrorTexts.tsv"))
            .Select(l => l.Split('\t')).Where(r => r.Length == 3).ToList();
        var worded = rows.Where(r => r[1].Trim().Length > 0 && r[2].Trim().Length > 0)
            .Select(r => r[0]).Select(k => k.Contains('.') && char.IsLower(k[0]) ? k[(k.IndexOf('.') + 1)..] : k).ToHashSet();

        Assert.True(codes.Count > 80, $"the scan found only {codes.Count} codes: has the pattern gone stale?");
        Assert.Contains(codes, c => c.Code == "review-pending");
        Assert.Contains(codes, c => c.Code == "network" && c.File == "pitch-common.js");
        var missing = codes.Where(c => !worded.Contains(c.Code)).Select(c => $"{c.Code} ({c.File})").Distinct().ToList();
        Assert.True(missing.Count == 0, "codes without words in ErrorTexts.tsv: " + string.Join(", ", missing));
    }
}
