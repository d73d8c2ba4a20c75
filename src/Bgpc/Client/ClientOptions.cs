namespace Bgpc.Client;

/// <summary>bgpc's command line: birdc's <c>-s SOCKET -r -v -l</c>, plus <c>--json</c>.</summary>
public sealed record ClientOptions
{
    public string SocketPath { get; init; } = "/run/bird/bird.ctl";
    public bool Restricted { get; init; }
    public bool Verbose { get; init; }
    public bool Json { get; init; }
    public bool ShowHelp { get; init; }
    /// <summary>The command given on the command line (one-shot mode), or null for interactive mode.</summary>
    public string? Command { get; init; }

    public const string Usage = "Usage: bgpc [-s <control-socket>] [-v] [-r] [-l] [--json] [command...]";

    public static ClientOptions Parse(IReadOnlyList<string> args)
    {
        var o = new ClientOptions();
        var local = false;
        string? socket = null;
        var i = 0;
        for (; i < args.Count; i++)
        {
            var a = args[i];
            if (a == "--json") { o = o with { Json = true }; continue; }
            if (a is "--help" or "-h") { o = o with { ShowHelp = true }; continue; }
            if (a == "--") { i++; break; }
            if (a.Length < 2 || a[0] != '-') break;
            for (var j = 1; j < a.Length; j++)
            {
                switch (a[j])
                {
                    case 's':
                        if (j + 1 < a.Length) socket = a[(j + 1)..];
                        else if (i + 1 < args.Count) socket = args[++i];
                        else throw new ArgumentException("option requires an argument -- 's'");
                        j = a.Length;
                        break;
                    case 'r': o = o with { Restricted = true }; break;
                    case 'v': o = o with { Verbose = true }; break;
                    case 'l': local = true; break;
                    default: throw new ArgumentException($"invalid option -- '{a[j]}'");
                }
            }
        }
        var command = i < args.Count ? string.Join(' ', args.Skip(i)) : null;
        return o with { SocketPath = socket ?? (local ? "bird.ctl" : o.SocketPath), Command = command };
    }
}
