using Contest.Engine.Rounds;
using Contest.Engine.Storage;
using Microsoft.AspNetCore.Localization;

namespace Contest.Web.Rounds;

/// <summary>
/// An attempt's pages (/rounds/attempt/{id}…) are in the round's language whatever the person's chosen
/// language: the English contest is a contest in English. Both lookups come from <see cref="RoundCache"/>.
/// </summary>
internal sealed class RoundLanguageCultureProvider : RequestCultureProvider
{
    private const string Prefix = "/rounds/attempt/";

    public override async Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext http)
    {
        var path = http.Request.Path.Value;
        if (path is null || !path.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)) return null;
        var id = path.AsSpan(Prefix.Length);
        var slash = id.IndexOf('/');
        if (slash >= 0) id = id[..slash];
        if (!long.TryParse(id, out var attemptId)) return null;
        var cache = http.RequestServices.GetRequiredService<RoundCache>();
        var db = http.RequestServices.GetRequiredService<ContestDb>();
        if (await cache.AttemptAsync(db, attemptId, http.RequestAborted) is not { } attempt) return null;
        return await cache.RoundAsync(db, attempt.RoundId, http.RequestAborted) is { } round ? new ProviderCultureResult(round.Language) : null;
    }
}
