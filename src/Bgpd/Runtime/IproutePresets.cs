namespace Bgpd.Runtime;

/// <summary>
/// The constants Debian's BIRD defines from iproute2's tables (<c>ipp_bird</c>, <c>ipt_main</c>,
/// <c>ips_link</c>, <c>ipr_cosmos</c>...), read from /etc/iproute2 like BIRD does; listed by
/// <c>show symbols</c>.
/// </summary>
public static class IproutePresets
{
    static readonly (string File, string Prefix)[] Tables =
    [
        ("rt_protos", "ipp_"), ("rt_realms", "ipr_"), ("rt_scopes", "ips_"), ("rt_tables", "ipt_"),
    ];

    public static IReadOnlyList<string> ConstantNames(string directory = "/etc/iproute2")
    {
        var names = new List<string>();
        foreach (var (file, prefix) in Tables)
        {
            var path = Path.Combine(directory, file);
            if (!File.Exists(path)) continue;
            foreach (var raw in File.ReadLines(path))
            {
                var line = raw.Split('#')[0].Trim();
                var fields = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length < 2 || !uint.TryParse(fields[0], out _)) continue;
                if (fields[1].All(c => char.IsAsciiLetterOrDigit(c) || c == '_')) names.Add(prefix + fields[1]);
            }
        }
        return names;
    }
}
