namespace Bgpd.Daemon.Logging;

public enum LogSinkKind { Stderr, File, Syslog }

/// <summary>One configured log destination (a BIRD <c>log</c> statement, or the <c>-d</c>/<c>-D</c> defaults).</summary>
public sealed record LogTargetSpec(LogSinkKind Kind, string? Name, IReadOnlySet<BirdLogClass> Classes);
