using Bgpd.LabTool.Shell;

namespace Bgpd.LabTool.Lab;

/// <summary>Queries a node's daemon (BIRD or bgpd) over its control socket with Debian's birdc.</summary>
public static class Birdc
{
    public const string Program = "/usr/sbin/birdc";

    public static CommandResult Query(string lab, string node, string command, TimeSpan? timeout = null) =>
        Shell.Command.Run(Program, ["-s", LabNames.ControlSocket(lab, node), .. command.Split(' ', StringSplitOptions.RemoveEmptyEntries)],
            timeout ?? TimeSpan.FromSeconds(10));

    /// <summary>Parses the BGP rows of <c>show protocols</c>: name to state and info (e.g. Established).</summary>
    public static IReadOnlyDictionary<string, string> BgpSessions(string showProtocolsOutput)
    {
        var sessions = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in showProtocolsOutput.Split('\n'))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length >= 4 && fields[1] == "BGP")
            {
                // name proto table state since [info...]; "since" may be a date and a time.
                var info = fields.Length > 5 ? string.Join(' ', fields.Skip(5)) : "";
                sessions[fields[0]] = $"{fields[3]} {info}".Trim();
            }
        }

        return sessions;
    }
}
