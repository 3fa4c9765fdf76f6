using Contest.Engine.Events;
using Contest.Engine.Storage;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace Contest.Web.Events;

/// <summary>Anonymous by design: a projector holds a secret link, not an account. The token is the authorization.</summary>
public sealed class ProjectorHub(ContestDb db, ProjectorViews views) : Hub<IProjectorClient>
{
    public const string Path = "/hubs/projector";

    /// <summary>Starts watching the event the token belongs to; returns what it shows now.</summary>
    public async Task<ProjectorView> Watch(string token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 64)
            throw new HubException("This projector link is not valid.");
        var ev = await db.Set<ContestEvent>().AsNoTracking().FirstOrDefaultAsync(e => e.ProjectorToken == token, Context.ConnectionAborted);
        if (ev is null)
            throw new HubException("This projector link was revoked or does not exist. Ask the organizer for the new link.");
        await Groups.AddToGroupAsync(Context.ConnectionId, ProjectorGroups.ForToken(token), Context.ConnectionAborted);
        return await views.BuildAsync(ev, Context.ConnectionAborted);
    }
}
