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
