namespace Bgpd.Daemon;

/// <summary>
/// BIRD 1.6's command line: <c>bgpd [--version] [--help] [-c FILE] [-dfplR6] [-D FILE] [-P PIDFILE]
/// [-s SOCKET] [-u USER] [-g GROUP]</c>. Short options may be bundled (<c>-dR</c>) and take their
/// argument attached or separate (<c>-cFILE</c>, <c>-c FILE</c>), as getopt does for BIRD.
/// Defaults follow Debian's bird package: <c>/etc/bird/bird.conf</c> and <c>/run/bird/bird.ctl</c>
/// (with <c>-6</c>: <c>bird6.conf</c>, <c>bird6.ctl</c>); <c>-l</c> uses those file names in the
/// current directory. Started under the name <c>bird6</c> (a symlink where BIRD's bird6 was, as
/// Calico's images start it) it behaves as with <c>-6</c>.
/// </summary>
public static class CommandLine
{
    public const string DefaultConfig = "/etc/bird/bird.conf";
    public const string DefaultSocket = "/run/bird/bird.ctl";
    public const string DefaultConfig6 = "/etc/bird/bird6.conf";
    public const string DefaultSocket6 = "/run/bird/bird6.ctl";
    public const string DetachedFlag = "--bgpd-detached";

    public static string Usage =>
        """
        Usage: bgpd [--version] [--help] [-c <config-file>] [OPTIONS]

        Options: 
          -c <config-file>     Use given configuration file instead
                               of /etc/bird/bird.conf
          -d                   Enable debug messages and run bgpd in foreground
          -D <debug-file>      Log debug messages to given file instead of stderr
          -f                   Run bgpd in foreground
          -g <group>           Use given group ID
          -h, --help           Display this information
          -l                   Look for a configuration file and a communication socket
                               file in the current working directory
          -p                   Test configuration file and exit without start
          -P <pid-file>        Create a PID file with given filename
          -R                   Apply graceful restart recovery after start
          -s <control-socket>  Use given filename for a control socket
          -u <user>            Drop privileges and use given user ID
          -6                   Read the configuration as bird6 does (IPv6)
          --version            Display version of bgpd

        """;

    /// <summary>Parses <paramref name="args"/>; throws <see cref="ArgumentException"/> with a usage hint on errors.</summary>
    public static DaemonOptions Parse(IReadOnlyList<string> args, string? invokedAs = null)
    {
        var o = new DaemonOptions { Ipv6 = IsBird6Name(invokedAs) };
        string? config = null, socket = null;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            switch (arg)
            {
                case "--version": o = o with { ShowVersion = true }; continue;
                case "--help": o = o with { ShowHelp = true }; continue;
                case DetachedFlag: o = o with { Detached = true }; continue;
            }
            if (arg.Length < 2 || arg[0] != '-' || arg[1] == '-')
                throw new ArgumentException($"unexpected argument '{arg}'");
            for (var j = 1; j < arg.Length; j++)
            {
                var flag = arg[j];
                if (flag is 'c' or 's' or 'D' or 'P' or 'u' or 'g')
                {
                    string value;
                    if (j + 1 < arg.Length) value = arg[(j + 1)..];
                    else if (i + 1 < args.Count) value = args[++i];
                    else throw new ArgumentException($"option requires an argument -- '{flag}'");
                    switch (flag)
                    {
                        case 'c': config = value; break;
                        case 's': socket = value; break;
                        case 'D': o = o with { DebugFile = value }; break;
                        case 'P': o = o with { PidFile = value }; break;
                        case 'u': o = o with { User = value }; break;
                        case 'g': o = o with { Group = value }; break;
                    }
                    break;
                }
                o = flag switch
                {
                    'd' => o with { Debug = true },
                    'f' => o with { Foreground = true },
                    'p' => o with { ParseOnly = true },
                    'R' => o with { GracefulRestartRecovery = true },
                    'l' => o with { LocalNames = true },
                    '6' => o with { Ipv6 = true },
                    'h' => o with { ShowHelp = true },
                    _ => throw new ArgumentException($"invalid option -- '{flag}'"),
                };
            }
        }
        var configName = o.Ipv6 ? "bird6.conf" : "bird.conf";
        var socketName = o.Ipv6 ? "bird6.ctl" : "bird.ctl";
        return o with
        {
            ConfigFile = config ?? (o.LocalNames ? configName : o.Ipv6 ? DefaultConfig6 : DefaultConfig),
            SocketPath = socket ?? (o.LocalNames ? socketName : o.Ipv6 ? DefaultSocket6 : DefaultSocket),
        };
    }

    static bool IsBird6Name(string? invokedAs) =>
        invokedAs is not null && Path.GetFileName(invokedAs).StartsWith("bird6", StringComparison.Ordinal);

    /// <summary>argv[0] as the process was started (a symlink's own name, which /proc/self/exe resolves away).</summary>
    public static string? InvokedAs() => OriginalArguments() is [var first, ..] ? first : null;

    /// <summary>argv exactly as this process got it (also when run as <c>dotnet bgpd.dll</c>); empty if unreadable.</summary>
    public static string[] OriginalArguments()
    {
        try
        {
            return File.ReadAllText("/proc/self/cmdline").TrimEnd('\0').Split('\0');
        }
        catch (IOException)
        {
            return [];
        }
    }
}
