using Contest.Admin.Questions.Excel;
using Contest.Admin.Units;
using Contest.Admin.Units.Excel;
using Contest.Engine.Storage;
using Contest.Engine.Units;
using Contest.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using static Contest.Admin.Tests.Units.UnitWorkbooks;

namespace Contest.Admin.Tests.Units;

/// <summary>The importer against a real database (SQLite and PostgreSQL): re-import by code, round trip, nothing saved before confirming.</summary>
public class UnitReimportTests
{
    private static UnitImporter Importer(ContestDb db) => new(db, Options.Create(new ImportLimits()), TimeProvider.System);

    private static async Task<List<(string? Code, string Name, UnitLevel Level, string? Parent, int Members)>> TreeAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        var units = await db.Set<Unit>().AsNoTracking().ToListAsync();
        var byId = units.ToDictionary(u => u.Id);
        return [.. units.OrderBy(u => u.Code).Select(u => (u.Code, u.Name, u.Level, u.ParentId is { } p ? byId[p].Code : null, u.MemberCount))];
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task A_second_import_changes_two_units_adds_one_and_duplicates_none(StorageProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.NewContext())
        {
            var dry = await Importer(db).DryRunAsync(Book(Tree, Roster).ToArray());
            Assert.Equal((6, 3), (dry.Count(UnitChangeKind.Added), dry.RosterAdded));
            // The dry run wrote nothing.
            Assert.Equal(0, await db.Set<Unit>().CountAsync());
            var first = await Importer(db).ImportAsync(Book(Tree, Roster).ToArray());
            Assert.Empty(first.Problems);
        }
        Assert.Equal(6, (await TreeAsync(database)).Count);

        // The districts' sheet a week later: Bù Đăng's members recounted, the Đồng Xoài chapter renamed,
        // a new chapter under Đức Liễu; the roster of Đức Liễu 1A loses Bình and gains Dũng.
        string[][] second =
        [
            ["TINH", "Tỉnh đoàn Bình Phước", "Tỉnh đoàn", "", "0"],
            ["HD-BUDANG", "Huyện đoàn Bù Đăng", "Huyện đoàn", "TINH", "4350"],
            ["TD-DONGXOAI", "Thành đoàn Đồng Xoài", "Thành đoàn", "TINH", "3900"],
            ["XD-DUCLIEU", "Xã Đoàn Đức Liễu", "Đoàn cơ sở", "HD-BUDANG", "310"],
            ["CD-DUCLIEU-1A", "Chi đoàn 1A", "Chi đoàn", "XD-DUCLIEU", "28"],
            ["CD-DONGXOAI-1A", "Chi đoàn 1A Tân Phú", "Chi đoàn", "TD-DONGXOAI", "31"],
            ["CD-DUCLIEU-2B", "Chi đoàn 2B", "Chi đoàn", "XD-DUCLIEU", "25"],
        ];
        string[][] secondRoster =
        [
            ["CD-DUCLIEU-1A", "Chi đoàn 1A", "Nguyễn Văn An", "0123456", "26/3/2004"],
            ["CD-DUCLIEU-1A", "Chi đoàn 1A", "Hoàng Văn Dũng", "", "7/7/2006"],
        ];
        UnitImportReport report;
        await using (var db = database.NewContext()) report = await Importer(db).ImportAsync(Book(second, secondRoster).ToArray());
        Assert.Empty(report.Problems);
        Assert.Equal(
        [
            (UnitChangeKind.Changed, "HD-BUDANG", "MemberCount"),
            (UnitChangeKind.Changed, "CD-DONGXOAI-1A", "Name"),
            (UnitChangeKind.Added, "CD-DUCLIEU-2B", ""),
        ], report.Units.Where(u => u.Kind != UnitChangeKind.Unchanged).OrderBy(u => u.Kind == UnitChangeKind.Added).Select(u => (u.Kind, u.Code, string.Join(",", u.Fields))));
        Assert.Equal(4, report.Count(UnitChangeKind.Unchanged));
        // The Đồng Xoài chapter is not on the roster sheet, so Châu stays on its roster.
        Assert.Equal((1, 0, 1, 1), (report.RosterAdded, report.RosterChanged, report.RosterRemoved, report.RosterUnchanged));

        var tree = await TreeAsync(database);
        Assert.Equal(7, tree.Count);
        Assert.Contains(("HD-BUDANG", "Huyện đoàn Bù Đăng", UnitLevel.District, "TINH", 4350), tree);
        Assert.Contains(("CD-DONGXOAI-1A", "Chi đoàn 1A Tân Phú", UnitLevel.Chapter, "TD-DONGXOAI", 31), tree);
        Assert.Contains(("CD-DUCLIEU-2B", "Chi đoàn 2B", UnitLevel.Chapter, "XD-DUCLIEU", 25), tree);
        await using (var db = database.NewContext())
        {
            var people = await db.Set<RosterEntry>().OrderBy(e => e.FullName).Select(e => new { e.FullName, e.NameKey, e.MemberId, e.DateOfBirth }).ToListAsync();
            Assert.Equal(["Hoàng Văn Dũng", "Lê Minh Châu", "Nguyễn Văn An"], people.Select(p => p.FullName));
            Assert.Equal("hoang van dung", people[0].NameKey);
            Assert.Equal(("DV-778", new DateOnly(2003, 6, 15)), (people[1].MemberId, people[1].DateOfBirth));
        }

        // The same file again changes nothing.
        await using (var db = database.NewContext())
        {
            var again = await Importer(db).DryRunAsync(Book(second, secondRoster).ToArray());
            Assert.False(again.HasChanges);
            Assert.Equal(7, again.Count(UnitChangeKind.Unchanged));
        }
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task An_export_imports_back_with_no_changes(StorageProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        // Names that look like formulas must come back as text, not as "=…" evaluated by Excel.
        string[][] units = [.. Tree, ["CD-CONG", "+Chi đoàn =SUM(A1)", "Chi đoàn", "XD-DUCLIEU", "1"]];
        await using (var db = database.NewContext()) await Importer(db).ImportAsync(Book(units, Roster).ToArray());

        byte[] exported;
        await using (var db = database.NewContext())
        {
            var all = await db.Set<Unit>().AsNoTracking().ToListAsync();
            var byId = all.ToDictionary(u => u.Id);
            var lines = await db.Set<RosterEntry>().AsNoTracking().ToListAsync();
            using var ms = new MemoryStream();
            UnitWorkbookWriter.WriteUnits(ms, all, [.. lines.Select(e => new RosterLine(byId[e.UnitId].Code!, byId[e.UnitId].Name, e.FullName, e.MemberId, e.DateOfBirth))]);
            exported = ms.ToArray();
        }
        await using (var db = database.NewContext())
        {
            var report = await Importer(db).DryRunAsync(exported);
            Assert.Empty(report.Problems);
            Assert.Empty(report.Ignored);
            Assert.False(report.HasChanges);
            Assert.Equal((7, 0, 3), (report.Count(UnitChangeKind.Unchanged), report.RosterAdded + report.RosterChanged + report.RosterRemoved, report.RosterUnchanged));
        }
        using var book = new ClosedXML.Excel.XLWorkbook(new MemoryStream(exported));
        var cell = book.Worksheet(UnitColumns.UnitSheet).CellsUsed().Single(c => c.GetString().StartsWith('+'));
        Assert.False(cell.HasFormula);
        Assert.True(cell.Style.IncludeQuotePrefix);
    }

    [Fact]
    public async Task The_template_reads_as_four_units_and_two_members()
    {
        using var ms = new MemoryStream();
        UnitWorkbookWriter.WriteTemplate(ms);
        ms.Position = 0;
        var report = Plan(ms);
        Assert.Empty(report.Problems);
        Assert.Equal(["TINH", "HD-BUDANG", "XD-DUCLIEU", "CD-DUCLIEU-1A"], report.Units.Select(u => u.Code));
        Assert.Equal(2, report.RosterAdded);
        await Task.CompletedTask;
    }
}
