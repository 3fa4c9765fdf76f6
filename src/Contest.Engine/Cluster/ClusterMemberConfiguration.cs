using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Contest.Engine.Cluster;

public sealed class ClusterMemberConfiguration : IEntityTypeConfiguration<ClusterMemberRow>
{
    public void Configure(EntityTypeBuilder<ClusterMemberRow> b)
    {
        b.ToTable("ClusterMembers");
        // The key also enforces "one row per silo generation" and "one version row per cluster" in the database.
        b.HasKey(x => new { x.ClusterId, x.Silo });
        b.Property(x => x.ClusterId).HasMaxLength(150);
        b.Property(x => x.Silo).HasMaxLength(150);
        b.Property(x => x.Etag).HasMaxLength(32);
        b.Property(x => x.HostName).HasMaxLength(150);
        b.Property(x => x.SiloName).HasMaxLength(150);
        b.Property(x => x.RoleName).HasMaxLength(150);
        b.Property(x => x.SuspectTimes).HasMaxLength(8000);
    }
}
