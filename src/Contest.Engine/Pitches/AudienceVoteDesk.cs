using Contest.Engine.Errors;
using System.Security.Cryptography;
using Contest.Engine.Storage;
using Microsoft.EntityFrameworkCore;

namespace Contest.Engine.Pitches;

/// <summary>
/// The people's-choice vote without accounts: one vote per phone (its device id) per round, a cap per client address,
/// optionally one-time ticket codes; refusals are logged and votes can be voided with a reason. It never touches the
/// judges' ranking.
/// </summary>
public sealed class AudienceVoteDesk(ContestDb db, TimeProvider time, IPitchBroadcaster broadcaster, AudienceVoteOptions options)
{
    public async Task<Outcome<VotesView>> SetOpenAsync(int roundId, bool open, CancellationToken ct = default)
    {
        var round = await db.PitchRounds.SingleOrDefaultAsync(r => r.Id == roundId, ct);
        if (round is null) return ContestError.NotFound("round");
        // Closing publishes the totals; opening again hides them until the next close.
        if (open) round.AudienceVoteClosedAt = null;
        else if (round.AudienceVoteOpen) round.AudienceVoteClosedAt = time.GetUtcNow();
        round.AudienceVoteOpen = open;
        await db.SaveChangesAsync(ct);
        await broadcaster.VotesChangedAsync(roundId);
        return await VotesAsync(roundId, organizer: true, ct);
    }

    public async Task<Outcome<VotesView>> SetTicketsRequiredAsync(int roundId, bool required, CancellationToken ct = default)
    {
        var round = await db.PitchRounds.SingleOrDefaultAsync(r => r.Id == roundId, ct);
        if (round is null) return ContestError.NotFound("round");
        round.AudienceTicketsRequired = required;
        await db.SaveChangesAsync(ct);
        await broadcaster.VotesChangedAsync(roundId);
        return await VotesAsync(roundId, organizer: true, ct);
    }

    /// <summary>One vote per phone per round; a second one is refused (and logged), never counted.</summary>
    public async Task<Outcome<VoteReceipt>> VoteAsync(VoteAttempt a, CancellationToken ct = default)
    {
        var round = await db.PitchRounds.AsNoTracking().SingleOrDefaultAsync(r => r.Id == a.RoundId, ct);
        if (round is null) return ContestError.NotFound("round");
        if (!round.AudienceVoteOpen) return ContestError.Conflict("vote-closed", "The audience vote is not open.");
        if (string.IsNullOrEmpty(a.DeviceId) || a.DeviceId.Length > 64) return ContestError.Invalid("no-device", "Open the vote page (scan the QR code) and vote from there.");
        var team = await db.PitchTeams.AsNoTracking().SingleOrDefaultAsync(t => t.Id == a.TeamId && t.RoundId == a.RoundId, ct);
        if (team is null) return PitchErrors.Invalid($"Team {a.TeamId} is not in this round.");
        var address = a.Address.Length > 64 ? a.Address[..64] : a.Address;

        if (await AlreadyVotedAsync(a.RoundId, a.DeviceId, ct) is { } earlier) return await RefuseAsync(a, address, earlier);
        if (options.VotesPerAddress > 0 && await db.Set<AudienceVote>().CountAsync(v => v.RoundId == a.RoundId && v.Address == address, ct) >= options.VotesPerAddress)
            return await RefuseAsync(a, address, ContestError.Conflict("address-limit", $"This network has already cast {options.VotesPerAddress} votes in this round."));

        AudienceTicket? ticket = null;
        if (round.AudienceTicketsRequired)
        {
            var code = AudienceVoteRules.NormalizeTicket(a.Ticket);
            if (code.Length == 0) return ContestError.Invalid("ticket-required", "This vote needs the ticket code printed for you.");
            ticket = await db.Set<AudienceTicket>().SingleOrDefaultAsync(t => t.RoundId == a.RoundId && t.Code == code, ct);
            if (ticket is null) return await RefuseAsync(a, address, ContestError.Invalid("ticket-unknown", "There is no such ticket code for this vote."));
            if (ticket.UsedAt is not null) return await RefuseAsync(a, address, TicketUsed);
        }

        var now = time.GetUtcNow();
        if (ticket is not null) ticket.UsedAt = now;
        db.Add(new AudienceVote { RoundId = a.RoundId, TeamId = a.TeamId, DeviceId = a.DeviceId, Address = address, TicketId = ticket?.Id, CastAt = now });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two taps (or two phones with one ticket) racing past the checks above: the unique indexes keep the first.
            db.ChangeTracker.Clear();
            return await RefuseAsync(a, address, await AlreadyVotedAsync(a.RoundId, a.DeviceId, ct) ?? TicketUsed);
        }
        await broadcaster.VotesChangedAsync(a.RoundId);
        return new VoteReceipt(a.RoundId, team.Id, team.Name, now);
    }

    private static readonly ContestError TicketUsed = ContestError.Conflict("ticket-used", "This ticket code has already been used.");

    private async Task<ContestError?> AlreadyVotedAsync(int roundId, string deviceId, CancellationToken ct)
    {
        var earlier = await db.Set<AudienceVote>().AsNoTracking().Where(v => v.RoundId == roundId && v.DeviceId == deviceId).Select(v => (int?)v.TeamId).FirstOrDefaultAsync(ct);
        return earlier is { } teamId ? ContestError.Conflict("already-voted", "This phone has already voted in this round.") with { Data = new Dictionary<string, object?> { ["teamId"] = teamId } } : null;
    }

    private async Task<ContestError> RefuseAsync(VoteAttempt a, string address, ContestError why)
    {
        db.Add(new AudienceVoteRefusal { RoundId = a.RoundId, TeamId = a.TeamId, DeviceId = a.DeviceId, Address = address, Reason = why.Code, At = time.GetUtcNow() });
        // The log is evidence, not a gate: the voter gets the refusal even if the log write fails.
        try { await db.SaveChangesAsync(CancellationToken.None); } catch (DbUpdateException) { db.ChangeTracker.Clear(); }
        await broadcaster.VotesChangedAsync(a.RoundId);
        return why;
    }

    public async Task<MyVote?> MyVoteAsync(int roundId, string? deviceId, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(deviceId)) return null;
        return await (from v in db.Set<AudienceVote>().AsNoTracking()
                      join t in db.PitchTeams on v.TeamId equals t.Id
                      where v.RoundId == roundId && v.DeviceId == deviceId
                      select new MyVote(t.Id, t.Name, v.CastAt, v.VoidedAt != null, v.VoidReason)).FirstOrDefaultAsync(ct);
    }

    /// <summary>The tally without voided votes. The hall sees per-team totals only once the vote is closed; organizers always.</summary>
    public async Task<Outcome<VotesView>> VotesAsync(int roundId, bool organizer, CancellationToken ct = default)
    {
        var round = await db.PitchRounds.AsNoTracking().Include(r => r.Teams).SingleOrDefaultAsync(r => r.Id == roundId, ct);
        if (round is null) return ContestError.NotFound("round");
        var counts = await db.Set<AudienceVote>().Where(v => v.RoundId == roundId && v.VoidedAt == null).GroupBy(v => v.TeamId)
            .Select(g => new { TeamId = g.Key, Count = g.Count() }).ToListAsync(ct);
        var published = !round.AudienceVoteOpen && round.AudienceVoteClosedAt is not null;
        var total = counts.Sum(c => c.Count);
        if (!published && !organizer) return new VotesView(roundId, round.AudienceVoteOpen, false, round.AudienceTicketsRequired, total, []);
        var tallies = round.Teams
            .Select(t => (Team: t, Votes: counts.SingleOrDefault(c => c.TeamId == t.Id)?.Count ?? 0))
            .OrderByDescending(t => t.Votes).ThenBy(t => t.Team.Order).ThenBy(t => t.Team.Id).ToList();
        // Competition ranking: teams with the same number of votes share the place (and the prize).
        var rows = tallies.Select(t => new VoteTally(t.Team.Id, t.Team.Name, t.Team.Project, t.Votes,
            published ? 1 + tallies.Count(o => o.Votes > t.Votes) : null)).ToList();
        return new VotesView(roundId, round.AudienceVoteOpen, published, round.AudienceTicketsRequired, total, rows);
    }

    /// <summary>Voids a vote: it stays on record with who voided it and why, and stops counting. Final, like a lock.</summary>
    public async Task<Outcome<int>> VoidAsync(int roundId, int voteId, string reason, string by, CancellationToken ct = default)
    {
        if (CheckReason(reason) is { } bad) return bad;
        var vote = await db.Set<AudienceVote>().SingleOrDefaultAsync(v => v.Id == voteId && v.RoundId == roundId, ct);
        if (vote is null) return ContestError.NotFound("vote");
        if (vote.VoidedAt is not null) return ContestError.Conflict("already-void", "This vote is already void.");
        Void(vote, reason, by);
        await db.SaveChangesAsync(ct);
        await broadcaster.VotesChangedAsync(roundId);
        return 1;
    }

    /// <summary>Voids every counted vote from one address (a script behind one machine); returns how many.</summary>
    public async Task<Outcome<int>> VoidAddressAsync(int roundId, string address, string reason, string by, CancellationToken ct = default)
    {
        if (CheckReason(reason) is { } bad) return bad;
        var votes = await db.Set<AudienceVote>().Where(v => v.RoundId == roundId && v.Address == address && v.VoidedAt == null).ToListAsync(ct);
        if (votes.Count == 0) return new ContestError(ErrorKind.NotFound, "not-found", "No votes from this address.");
        foreach (var v in votes) Void(v, reason, by);
        await db.SaveChangesAsync(ct);
        await broadcaster.VotesChangedAsync(roundId);
        return votes.Count;
    }

    private void Void(AudienceVote v, string reason, string by)
    {
        v.VoidedAt = time.GetUtcNow();
        v.VoidReason = reason.Trim();
        v.VoidedBy = by.Length > 256 ? by[..256] : by;
    }

    private static ContestError? CheckReason(string? reason) =>
        string.IsNullOrWhiteSpace(reason) ? ContestError.Invalid("reason-required", "Say why the vote is voided.")
        : reason.Trim().Length > AudienceVoteRules.MaxReasonLength ? ContestError.Invalid("reason-long", $"The reason is longer than {AudienceVoteRules.MaxReasonLength} characters.")
        : null;

    public async Task<Outcome<VoteAudit>> AuditAsync(int roundId, CancellationToken ct = default)
    {
        var votes = await VotesAsync(roundId, organizer: true, ct);
        if (!votes.Ok) return votes.Error!;
        var names = await db.PitchTeams.AsNoTracking().Where(t => t.RoundId == roundId).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var cast = await db.Set<AudienceVote>().AsNoTracking().Where(v => v.RoundId == roundId).ToListAsync(ct);
        var refused = await db.Set<AudienceVoteRefusal>().AsNoTracking().Where(r => r.RoundId == roundId).ToListAsync(ct);
        var tickets = await db.Set<AudienceTicket>().AsNoTracking().Where(t => t.RoundId == roundId).Select(t => new { t.Id, t.Code, t.UsedAt }).ToListAsync(ct);
        var codeOf = tickets.ToDictionary(t => t.Id, t => t.Code);

        var byAddress = cast.Select(v => v.Address).Concat(refused.Select(r => r.Address)).Distinct(StringComparer.Ordinal)
            .Select(addr =>
            {
                var mine = cast.Where(v => v.Address == addr).ToList();
                return new AddressLine(addr, mine.Count(v => v.VoidedAt is null), mine.Count(v => v.VoidedAt is not null), refused.Count(r => r.Address == addr),
                    mine.Count > 0 ? mine.Min(v => v.CastAt) : null, mine.Count > 0 ? mine.Max(v => v.CastAt) : null);
            })
            .OrderByDescending(l => l.Votes + l.Voided).ThenByDescending(l => l.Refused).ThenBy(l => l.Address, StringComparer.Ordinal).ToList();

        static DateTimeOffset Minute(DateTimeOffset t) => new(t.UtcDateTime.Ticks - t.UtcDateTime.Ticks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
        var byMinute = cast.Select(v => Minute(v.CastAt)).Concat(refused.Select(r => Minute(r.At))).Distinct().Order()
            .Select(m => new MinuteLine(m, cast.Count(v => Minute(v.CastAt) == m), refused.Count(r => Minute(r.At) == m))).ToList();

        var refusals = refused.OrderByDescending(r => r.At).ThenByDescending(r => r.Id)
            .Select(r => new RefusalLine(r.At, r.Address, r.Reason, r.TeamId is { } id && names.TryGetValue(id, out var n) ? n : null, Short(r.DeviceId))).ToList();
        var lines = cast.OrderByDescending(v => v.CastAt).ThenByDescending(v => v.Id)
            .Select(v => new VoteLine(v.Id, v.CastAt, v.Address, names.GetValueOrDefault(v.TeamId, "?"), Short(v.DeviceId),
                v.TicketId is { } tid && codeOf.TryGetValue(tid, out var c) ? AudienceVoteRules.PrintTicket(c) : null, v.VoidedAt, v.VoidReason, v.VoidedBy)).ToList();
        return new VoteAudit(votes.Value!, cast.Count(v => v.VoidedAt is not null), tickets.Count, tickets.Count(t => t.UsedAt is not null), byAddress, byMinute, refusals, lines);
    }

    /// <summary>Enough of a device id to tell phones apart in the audit, not enough to forge its cookie (which is signed anyway).</summary>
    private static string Short(string deviceId) => deviceId.Length > 6 ? deviceId[..6] : deviceId;

    /// <summary>Adds <paramref name="count"/> fresh one-time codes to the round (random, unique within the round).</summary>
    public async Task<Outcome<int>> GenerateTicketsAsync(int roundId, int count, CancellationToken ct = default)
    {
        if (!await db.PitchRounds.AnyAsync(r => r.Id == roundId, ct)) return ContestError.NotFound("round");
        if (count < 1 || count > AudienceVoteRules.MaxTicketsPerBatch)
            return ContestError.Invalid("ticket-count", $"Generate between 1 and {AudienceVoteRules.MaxTicketsPerBatch} codes at a time.");
        var existing = (await db.Set<AudienceTicket>().Where(t => t.RoundId == roundId).Select(t => t.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        if (existing.Count + count > AudienceVoteRules.MaxTicketsPerRound)
            return ContestError.Invalid("ticket-count", $"A round holds at most {AudienceVoteRules.MaxTicketsPerRound} codes.");
        var now = time.GetUtcNow();
        var made = 0;
        while (made < count)
        {
            var code = RandomNumberGenerator.GetString(AudienceVoteRules.TicketAlphabet, AudienceVoteRules.TicketLength);
            if (!existing.Add(code)) continue;
            db.Add(new AudienceTicket { RoundId = roundId, Code = code, CreatedAt = now });
            made++;
        }
        await db.SaveChangesAsync(ct);
        return made;
    }

    public async Task<IReadOnlyList<TicketLine>> TicketsAsync(int roundId, CancellationToken ct = default) =>
        (await db.Set<AudienceTicket>().AsNoTracking().Where(t => t.RoundId == roundId).OrderBy(t => t.Id).Select(t => new { t.Code, t.UsedAt }).ToListAsync(ct))
        .Select(t => new TicketLine(AudienceVoteRules.PrintTicket(t.Code), t.UsedAt)).ToList();
}
