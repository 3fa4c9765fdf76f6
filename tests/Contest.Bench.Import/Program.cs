using System.Diagnostics;
using Contest.Admin.Questions;
using Contest.Admin.Questions.Excel;
using Contest.Engine.Questions;
using Contest.Engine.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

// Usage: dotnet run -c Release --project tests/Contest.Bench.Import [rows]
// The parent writes a workbook of N questions, then runs the import in a fresh child process so the child's
// peak working set is the import's alone (generating the file would otherwise inflate it).
if (args is ["import", var path])
{
    await ImportAsync(path);
    return;
}

var rows = args.Length > 0 ? int.Parse(args[0]) : 10_000;
var dir = Directory.CreateTempSubdirectory("contest-bench-").FullName;
var file = Path.Combine(dir, $"questions-{rows}.xlsx");
await using (var output = File.Create(file))
    QuestionSheetWriter.WriteBank(output, Generate(rows), new ImportLimits());
Console.WriteLine($"workbook: {rows} questions, {new FileInfo(file).Length / 1024} KB");

var start = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false };
if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet") start.ArgumentList.Add(typeof(Program).Assembly.Location);
start.ArgumentList.Add("import");
start.ArgumentList.Add(file);
var child = Process.Start(start)!;
await child.WaitForExitAsync();
if (Environment.GetEnvironmentVariable("CONTEST_BENCH_KEEP") is null) Directory.Delete(dir, recursive: true);
else Console.WriteLine($"kept {file}");

static IEnumerable<Question> Generate(int n)
{
    string[] topics = ["lịch sử", "nghị quyết", "truyền thống", "pháp luật", "chuyển đổi số"];
    for (var i = 0; i < n; i++)
    {
        var type = (QuestionType)(i % 5);
        var q = new Question
        {
            Type = type,
            Text = $"Câu hỏi số {i + 1}: Đoàn Thanh niên Cộng sản Hồ Chí Minh tổ chức hoạt động nào trong Tháng Thanh niên năm {2000 + i % 25}?",
            Tags = [topics[i % topics.Length]],
            Difficulty = (Difficulty)(i % 3 + 1),
            Explanation = "Theo kế hoạch Tháng Thanh niên của Tỉnh đoàn.",
            TimeLimitSeconds = 20 + i % 4 * 10,
        };
        switch (type)
        {
            case QuestionType.SingleChoice: q.Options = ["Hiến máu tình nguyện", "Ngày Chủ nhật xanh", "Tuổi trẻ chuyển đổi số", "Tất cả các hoạt động trên"]; q.CorrectOptions = [3]; break;
            case QuestionType.MultipleSelect: q.Options = ["Chủ nhật xanh", "Hiến máu", "Du lịch nước ngoài", "Tiếp sức mùa thi"]; q.CorrectOptions = [0, 1, 3]; break;
            case QuestionType.TrueFalse: q.Options = ["Đúng", "Sai"]; q.CorrectOptions = [i % 2]; break;
            case QuestionType.FillBlank: q.AcceptedAnswers = ["Tháng Ba", "tháng 3"]; q.IgnoreDiacritics = true; break;
            case QuestionType.Ordering: q.Options = ["Đoàn TN Cộng sản Đông Dương", "Đoàn TN Cứu quốc", "Đoàn TN Lao động", "Đoàn TNCS Hồ Chí Minh"]; break;
        }
        yield return q;
    }
}

static async Task ImportAsync(string path)
{
    var dir = Directory.CreateTempSubdirectory("contest-bench-db-").FullName;
    var settings = StorageSettings.Sqlite(dir);
    await using (var setup = StorageRegistration.Create(settings))
        await setup.Database.MigrateAsync();
    await using var db = StorageRegistration.Create(settings);
    var bank = new QuestionBank { Name = "Bench", CreatedAt = TimeProvider.System.GetUtcNow() };
    db.Add(bank);
    await db.SaveChangesAsync();
    var importer = new QuestionImporter(db, Options.Create(new ImportLimits()), TimeProvider.System);

    var before = Process.GetCurrentProcess().PeakWorkingSet64;
    var clock = Stopwatch.StartNew();
    ImportReport report;
    await using (var file = File.OpenRead(path))
        report = await importer.DryRunAsync(bank, file);
    var cold = clock.Elapsed;
    clock.Restart();
    await using (var file = File.OpenRead(path))
        report = await importer.DryRunAsync(bank, file);
    var warm = clock.Elapsed;
    clock.Restart();
    int saved;
    await using (var file = File.OpenRead(path))
        (_, saved) = await importer.ImportAsync(bank, file);
    var confirm = clock.Elapsed;
    var process = Process.GetCurrentProcess();
    process.Refresh();
    Console.WriteLine($"dry run, first in a fresh process (read + check {report.TotalRows} rows, {report.Problems.Count} problems): {cold.TotalSeconds:F2} s");
    Console.WriteLine($"dry run again, warm as in a running server: {warm.TotalSeconds:F2} s");
    Console.WriteLine($"confirmed import (read + check + save {saved} questions to SQLite): {confirm.TotalSeconds:F2} s");
    Console.WriteLine($"peak working set: {process.PeakWorkingSet64 / (1024 * 1024)} MB (before the import: {before / (1024 * 1024)} MB)");
    SqliteCleanup();
    Directory.Delete(dir, recursive: true);

    static void SqliteCleanup() => Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
}
