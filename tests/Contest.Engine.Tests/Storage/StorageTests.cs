using Contest.Engine.Demo;
using Contest.Engine.Questions;
using Contest.Engine.Storage;
using Contest.Engine.Units;
using Contest.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Contest.Engine.Tests.Storage;

/// <summary>Every case runs on SQLite and on the real PostgreSQL server that ./test.sh starts.</summary>
public class StorageTests
{
    public static TheoryData<StorageProvider> Providers => [StorageProvider.Sqlite, StorageProvider.Postgres];

    [Theory, MemberData(nameof(Providers))]
    public async Task Migrations_apply_and_leave_nothing_pending(StorageProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var ctx = db.NewContext();
        Assert.Empty(await ctx.Database.GetPendingMigrationsAsync());
        Assert.NotEmpty(await ctx.Database.GetAppliedMigrationsAsync());
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Demo_data_seeds_the_province_banks_and_contests(StorageProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using (var ctx = db.NewContext())
        {
            Assert.True(await DemoData.IsEmptyAsync(ctx));
            await DemoData.SeedAsync(ctx, new FakeTimeProvider(new DateTimeOffset(2023, 3, 1, 0, 0, 0, TimeSpan.Zero)));
        }

        await using var read = db.NewContext();
        Assert.False(await DemoData.IsEmptyAsync(read));
        // 1 province, 6 districts, 9 grassroots unions (2+2+1+2+1+1), one chapter under each grassroots union.
        Assert.Equal(1, await read.Units.CountAsync(u => u.Level == UnitLevel.Province));
        Assert.Equal(6, await read.Units.CountAsync(u => u.Level == UnitLevel.District));
        Assert.Equal(9, await read.Units.CountAsync(u => u.Level == UnitLevel.Grassroots));
        Assert.Equal(9, await read.Units.CountAsync(u => u.Level == UnitLevel.Chapter));

        var history = await read.QuestionBanks.Include(b => b.Questions).SingleAsync(b => b.Language == "vi");
        var founding = history.Questions.Single(q => q.Text.Contains("được thành lập vào ngày"));
        Assert.Equal("26/3/1931", founding.Options[founding.CorrectOptions.Single()]);
        Assert.Contains(history.Questions, q => q.Type == QuestionType.Ordering);
        Assert.Contains(history.Questions, q => q.Type == QuestionType.FillBlank);
        Assert.Contains(history.Questions, q => q.Type == QuestionType.MultipleSelect);
        Assert.Contains(history.Questions, q => q.Type == QuestionType.TrueFalse);
        Assert.True(await read.QuestionBanks.AnyAsync(b => b.Language == "en"));

        Assert.Equal(4, await read.Contests.CountAsync());
        var round = await read.PitchRounds.Include(r => r.Criteria).Include(r => r.Teams).SingleAsync();
        Assert.Equal(100m, round.Criteria.Sum(c => c.Weight));
        Assert.Equal(4, round.Teams.Count);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Text_is_stored_nfc_normalized(StorageProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var decomposed = "Đoàn Thanh niên".Normalize(System.Text.NormalizationForm.FormD);
        await using (var ctx = db.NewContext())
        {
            var bank = new QuestionBank { Name = decomposed };
            bank.Questions.Add(new Question { Text = decomposed, Options = [decomposed, "B"], CorrectOptions = [0, 1], Tags = [decomposed] });
            ctx.QuestionBanks.Add(bank);
            await ctx.SaveChangesAsync();
        }

        await using var read = db.NewContext();
        var q = await read.Questions.Include(x => x.Bank).SingleAsync();
        Assert.Equal("Đoàn Thanh niên", q.Text);
        Assert.Equal(15, q.Text.Length);
        Assert.Equal("Đoàn Thanh niên", q.Bank!.Name);
        Assert.Equal("Đoàn Thanh niên", q.Options[0]);
        Assert.Equal("Đoàn Thanh niên", q.Tags[0]);
        Assert.Equal([0, 1], q.CorrectOptions);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_unit_with_children_cannot_be_deleted_and_names_are_unique_under_a_parent(StorageProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using (var ctx = db.NewContext())
        {
            ctx.Units.Add(new Unit { Name = "Tỉnh Đoàn", Level = UnitLevel.Province, Children = [new Unit { Name = "Huyện Đoàn A", Level = UnitLevel.District }] });
            await ctx.SaveChangesAsync();
        }

        await using (var ctx = db.NewContext())
        {
            ctx.Units.Remove(await ctx.Units.SingleAsync(u => u.Level == UnitLevel.Province));
            await Assert.ThrowsAsync<DbUpdateException>(() => ctx.SaveChangesAsync());
        }

        await using (var ctx = db.NewContext())
        {
            var province = await ctx.Units.SingleAsync(u => u.Level == UnitLevel.Province);
            ctx.Units.Add(new Unit { Name = "Huyện Đoàn A", Level = UnitLevel.District, ParentId = province.Id });
            await Assert.ThrowsAsync<DbUpdateException>(() => ctx.SaveChangesAsync());
        }

        await using var check = db.NewContext();
        Assert.Equal(2, await check.Units.CountAsync());
    }
}
