using Contest.Engine.Text;
using Contest.Engine.Units;

namespace Contest.Admin.Accounts;

/// <summary>
/// Finds a unit from what someone typed in a sheet: its whole path ("Huyện Đoàn Bù Đăng › Chi đoàn 1A", levels
/// separated by › or &gt;) or any tail of it, so a name alone works while it is unique. Chapter names repeat across a
/// province, so an ambiguous name is refused with the paths it could mean rather than guessed.
/// </summary>
public sealed class UnitPaths
{
    public const string Separator = " › ";

    private readonly List<(int Id, string Path, string[] Keys)> _units = [];

    public UnitPaths(IEnumerable<Unit> units)
    {
        var byId = units.ToDictionary(u => u.Id);
        foreach (var unit in byId.Values)
        {
            var chain = new List<string>();
            // The guard stops a (corrupt) cycle from looping forever.
            for (Unit? u = unit; u is not null && chain.Count < 16; u = u.ParentId is { } p && byId.TryGetValue(p, out var parent) ? parent : null)
                chain.Insert(0, u.Name);
            _units.Add((unit.Id, string.Join(Separator, chain), [.. chain.Select(Key)]));
        }
    }

    public string PathOf(int id) => _units.First(u => u.Id == id).Path;

    /// <summary>The unit meant, or the paths it could mean (none: not found; several: ambiguous).</summary>
    public (int? Id, IReadOnlyList<string> Candidates) Find(string typed)
    {
        var wanted = typed.Split(['›', '>'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Key).Where(k => k.Length > 0).ToArray();
        if (wanted.Length == 0) return (null, []);
        var matches = _units.Where(u => u.Keys.Length >= wanted.Length && u.Keys[^wanted.Length..].SequenceEqual(wanted)).ToList();
        return matches.Count == 1 ? (matches[0].Id, [matches[0].Path]) : (null, [.. matches.Select(m => m.Path).Order(Vietnamese)]);
    }

    /// <summary>The shortest tail of a path that is enough to name the unit: what the "write more" hint suggests.</summary>
    public string ShortestUniqueTail(string path)
    {
        var parts = path.Split(Separator);
        for (var n = 1; n <= parts.Length; n++)
        {
            var tail = string.Join(Separator, parts[^n..]);
            if (Find(tail).Id is not null) return tail;
        }
        return path;
    }

    /// <summary>Paths listed in Vietnamese alphabetical order (Đ after D), as people look them up.</summary>
    private static readonly StringComparer Vietnamese = StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("vi"), ignoreCase: false);

    private static string Key(string name) => TextNormalizer.CollapseSpaces(TextNormalizer.Nfc(name)).ToLowerInvariant();
}
