using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Contest.Engine.Accounts;
using Contest.Engine.Contests;
using Contest.Engine.Pitches;
using Contest.Engine.Questions;
using Contest.Engine.Text;
using Contest.Engine.Units;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Contest.Engine.Storage;

/// <summary>
/// The system of record. One model, two providers: <see cref="SqliteContestDb"/> and
/// <see cref="PostgresContestDb"/> exist only so each provider keeps its own migrations.
/// </summary>
public abstract class ContestDb(DbContextOptions options) : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    /// <summary>The sign-in key ring when PostgreSQL is the system of record (Hosting/HostingSetup): it outlives a Redis flush.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Unit> Units => Set<Unit>();
    public DbSet<ContestInfo> Contests => Set<ContestInfo>();
    public DbSet<QuestionBank> QuestionBanks => Set<QuestionBank>();
    public DbSet<Question> Questions => Set<Question>();
    public DbSet<PitchRound> PitchRounds => Set<PitchRound>();
    public DbSet<PitchTeam> PitchTeams => Set<PitchTeam>();
    public DbSet<RubricCriterion> RubricCriteria => Set<RubricCriterion>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // Feature folders keep their own IEntityTypeConfiguration<T> classes; no feature edits this file.
        builder.ApplyConfigurationsFromAssembly(typeof(ContestDb).Assembly);

        builder.Entity<AppUser>(u =>
        {
            u.Property(x => x.DisplayName).HasMaxLength(200);
            u.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.SetNull);
        });

        builder.Entity<QuestionBank>(b =>
        {
            b.Property(x => x.Name).HasMaxLength(300);
            b.Property(x => x.Language).HasMaxLength(5);
            b.HasMany(x => x.Questions).WithOne(x => x.Bank).HasForeignKey(x => x.BankId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Question>(q =>
        {
            q.Property(x => x.Text).HasMaxLength(2000);
            q.Property(x => x.Language).HasMaxLength(5);
            q.Property(x => x.Explanation).HasMaxLength(2000);
            q.Property(x => x.MediaUrl).HasMaxLength(500);
            q.HasIndex(x => x.BankId);
        });

        builder.Entity<PitchRound>(r =>
        {
            r.Property(x => x.Name).HasMaxLength(300);
            r.HasOne<ContestInfo>().WithMany().HasForeignKey(x => x.ContestId).OnDelete(DeleteBehavior.Cascade);
            r.HasMany(x => x.Criteria).WithOne().HasForeignKey(x => x.RoundId).OnDelete(DeleteBehavior.Cascade);
            r.HasMany(x => x.Teams).WithOne().HasForeignKey(x => x.RoundId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<RubricCriterion>(c =>
        {
            c.Property(x => x.Name).HasMaxLength(300);
            c.Property(x => x.Weight).HasPrecision(9, 4);
        });

        builder.Entity<PitchTeam>(t =>
        {
            t.Property(x => x.Name).HasMaxLength(300);
            t.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.SetNull);
        });
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        NormalizeText();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        NormalizeText();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    // DESIGN.md: text is stored NFC-normalized. Doing it here means no entry point can forget.
    private void NormalizeText()
    {
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified)) continue;
            foreach (var property in entry.Properties)
            {
                switch (property.CurrentValue)
                {
                    case string s:
                        var n = TextNormalizer.Nfc(s);
                        if (!ReferenceEquals(n, s)) property.CurrentValue = n;
                        break;
                    case List<string> list:
                        for (var i = 0; i < list.Count; i++) list[i] = TextNormalizer.Nfc(list[i]);
                        break;
                }
            }
        }
    }
}

public sealed class SqliteContestDb(DbContextOptions<SqliteContestDb> options) : ContestDb(options);

public sealed class PostgresContestDb(DbContextOptions<PostgresContestDb> options) : ContestDb(options);
