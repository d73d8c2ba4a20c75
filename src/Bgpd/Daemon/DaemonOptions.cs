namespace Bgpd.Daemon;

/// <summary>The daemon's command line, BIRD 1.6's flags (see <see cref="CommandLine"/>).</summary>
public sealed record DaemonOptions
{
    public string ConfigFile { get; init; } = CommandLine.DefaultConfig;
    public string SocketPath { get; init; } = CommandLine.DefaultSocket;
    public bool ParseOnly { get; init; }
    public bool Debug { get; init; }
    public bool Foreground { get; init; }
    public string? DebugFile { get; init; }
    public string? PidFile { get; init; }
    /// <summary><c>-R</c>: graceful-restart recovery after start (protocols can read it).</summary>
    public bool GracefulRestartRecovery { get; init; }
    public bool LocalNames { get; init; }
    public string? User { get; init; }
    public string? Group { get; init; }
    /// <summary><c>-6</c>: read the config as bird6 does (IPv6 addresses and tables).</summary>
    public bool Ipv6 { get; init; }
    public bool ShowVersion { get; init; }
    public bool ShowHelp { get; init; }
    /// <summary>Hidden: set on the re-executed child when daemonizing.</summary>
    public bool Detached { get; init; }

    /// <summary>True when the daemon stays attached to the terminal (<c>-f</c> or <c>-d</c>).</summary>
    public bool StaysInForeground => Foreground || Debug || Detached;
}
