namespace Bgpd.Daemon.Logging;

/// <summary>Where a log target writes. <see cref="Terminal"/> is stderr under <c>-d</c> without <c>log</c> statements: BIRD's untimed <c>bird: text</c> lines.</summary>
public enum LogSinkKind { Stderr, File, Syslog, Terminal }

/// <summary>One configured log destination (a BIRD <c>log</c> statement, or the <c>-d</c>/<c>-D</c> defaults).</summary>
public sealed record LogTargetSpec(LogSinkKind Kind, string? Name, IReadOnlySet<BirdLogClass> Classes);
