namespace Contest.Web.LiveGames;

/// <summary>The only place SignalR group names are made.</summary>
public static class LiveGroups
{
    public static string Players(Guid gameId) => $"live:{gameId:N}:players";
    public static string Host(Guid gameId) => $"live:{gameId:N}:host";

    /// <summary>One player's connections (normally one): personal results and the kick notice go here.</summary>
    public static string Player(Guid gameId, Guid playerId) => $"live:{gameId:N}:p:{playerId:N}";
}
