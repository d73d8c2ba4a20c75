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
            uid = Lookup("/etc/passwd", user) ?? throw new ArgumentException($"Cannot find user '{user}'");
        }
        if (group is not null)
            gid = Lookup("/etc/group", group) ?? throw new ArgumentException($"Cannot find group '{group}'");
        return (uid, gid);
    }

    static int? Lookup(string file, string name)
    {
        if (int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var numeric)) return numeric;
        if (!File.Exists(file)) return null;
        foreach (var line in File.ReadLines(file))
        {
            var fields = line.Split(':');
            if (fields.Length >= 3 && fields[0] == name && int.TryParse(fields[2], out var id)) return id;
        }
        return null;
    }
}
