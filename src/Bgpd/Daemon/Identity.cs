using System.Globalization;

namespace Bgpd.Daemon;

/// <summary>Resolves <c>-u USER</c> / <c>-g GROUP</c> (names or numbers) through /etc/passwd and /etc/group.</summary>
public static class Identity
{
    public static (int? Uid, int? Gid) Resolve(string? user, string? group)
    {
        int? uid = null, gid = null;
        if (user is not null)
        {
            var entry = Lookup("/etc/passwd", user) ?? throw new ArgumentException($"Cannot find user '{user}'");
            uid = entry.Id;
        }
        if (group is not null)
            gid = (Lookup("/etc/group", group) ?? throw new ArgumentException($"Cannot find group '{group}'")).Id;
        return (uid, gid);
    }

    static (int Id, int? GroupId)? Lookup(string file, string name)
    {
        if (int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var numeric)) return (numeric, null);
        if (!File.Exists(file)) return null;
        foreach (var line in File.ReadLines(file))
        {
            var fields = line.Split(':');
            if (fields.Length < 3 || fields[0] != name) continue;
            var id = int.Parse(fields[2], CultureInfo.InvariantCulture);
            int? groupId = fields.Length > 3 && int.TryParse(fields[3], out var g) ? g : null;
            return (id, groupId);
        }
        return null;
    }
}
