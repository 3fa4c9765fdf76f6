using Contest.Engine.Contests;
using Contest.Engine.Storage;
using Microsoft.EntityFrameworkCore;

namespace Contest.Admin.Contests;

/// <summary>The contests a form offers: those of the form's kind, not archived; a row already filed under another keeps it.</summary>
public static class ContestChoices
{
    public const string CreatePage = "/admin/contests/edit";

    public static Task<List<ContestInfo>> OfKindAsync(ContestDb db, ContestKind kind, int? current, CancellationToken ct) =>
        db.Contests.AsNoTracking()
            .Where(c => ((c.Kind & kind) != 0 && c.ArchivedAt == null) || c.Id == current)
            .OrderBy(c => c.Name).ToListAsync(ct);

    /// <summary>True when <paramref name="id"/> may be chosen for a new row of this kind (exists, right kind, not archived).</summary>
    public static Task<bool> IsOfferedAsync(ContestDb db, ContestKind kind, int id, CancellationToken ct) =>
        db.Contests.AnyAsync(c => c.Id == id && (c.Kind & kind) != 0 && c.ArchivedAt == null, ct);
}
