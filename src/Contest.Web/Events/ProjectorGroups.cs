namespace Contest.Web.Events;

public static class ProjectorGroups
{
    // Keyed by token, not event id: revoking issues a new token, so connections that joined with the old
    // one stop receiving anything without the server having to track them.
    public static string ForToken(string token) => "projector:" + token;
}
