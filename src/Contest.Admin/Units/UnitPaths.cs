using Contest.Engine.Units;

namespace Contest.Admin.Units;

/// <summary>Each unit's path from the top ("Tỉnh đoàn … › Huyện đoàn Bù Đăng › Chi đoàn 1A"): chapter names repeat, paths do not.</summary>
public static class UnitPaths
{
    public const string Separator = " › ";

    public static Dictionary<int, string> Of(IReadOnlyCollection<Unit> units)
    {
        var byId = units.ToDictionary(u => u.Id);
        var paths = new Dictionary<int, string>();
        string PathOf(Unit u, int depth)
        {
            if (paths.TryGetValue(u.Id, out var known)) return known;
            // Depth bound: a damaged parent chain must not loop forever.
            var path = u.ParentId is { } p && depth < 16 && byId.TryGetValue(p, out var parent) ? PathOf(parent, depth + 1) + Separator + u.Name : u.Name;
            return paths[u.Id] = path;
        }
        foreach (var u in units) PathOf(u, 0);
        return paths;
    }
}
