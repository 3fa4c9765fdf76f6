using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Contest.Engine.Questions;

internal sealed class QuestionBankConfiguration : IEntityTypeConfiguration<QuestionBank>
{
    public void Configure(EntityTypeBuilder<QuestionBank> b)
    {
        b.Property(x => x.Name).HasMaxLength(300);
        b.Property(x => x.Language).HasMaxLength(5);
        b.HasMany(x => x.Questions).WithOne(x => x.Bank).HasForeignKey(x => x.BankId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class QuestionConfiguration : IEntityTypeConfiguration<Question>
{
    public void Configure(EntityTypeBuilder<Question> b)
    {
        b.Property(x => x.Text).HasMaxLength(2000);
        b.Property(x => x.Language).HasMaxLength(5);
        b.Property(x => x.Explanation).HasMaxLength(2000);
        b.Property(x => x.MediaUrl).HasMaxLength(500);
        b.HasIndex(x => x.BankId);
    }
}
