using Microsoft.Extensions.Logging;

namespace Bgpd.Daemon.Logging;

/// <summary>BIRD's log classes and how they map onto Microsoft.Extensions.Logging levels.</summary>
public enum BirdLogClass { Debug, Trace, Info, Remote, Warning, Error, Auth, Fatal, Bug }

public static class BirdLogClasses
{
    /// <summary>The tag BIRD writes in log files (<c>&lt;INFO&gt;</c>).</summary>
    public static string Tag(BirdLogClass c) => c switch
    {
        BirdLogClass.Debug => "DBG",
        BirdLogClass.Trace => "TRACE",
        BirdLogClass.Info => "INFO",
        BirdLogClass.Remote => "RMT",
        BirdLogClass.Warning => "WARN",
        BirdLogClass.Error => "ERR",
        BirdLogClass.Auth => "AUTH",
        BirdLogClass.Fatal => "FATAL",
        _ => "BUG",
    };

    /// <summary>The word used in <c>log ... { info, warning }</c> and <c>echo { ... }</c>.</summary>
    public static string Word(BirdLogClass c) => c.ToString().ToLowerInvariant();

    public static LogLevel Level(BirdLogClass c) => c switch
    {
        BirdLogClass.Debug => LogLevel.Debug,
        BirdLogClass.Trace => LogLevel.Trace,
        BirdLogClass.Warning => LogLevel.Warning,
        BirdLogClass.Error => LogLevel.Error,
        BirdLogClass.Fatal or BirdLogClass.Bug => LogLevel.Critical,
        _ => LogLevel.Information,
    };

    /// <summary>
    /// The class of a log entry: an <see cref="EventId"/> named after a BIRD class wins (that is how
    /// code logs <c>remote</c> or <c>auth</c>), otherwise the level decides.
    /// </summary>
    public static BirdLogClass FromEntry(LogLevel level, EventId eventId)
    {
        if (eventId.Name is { } name && Enum.TryParse<BirdLogClass>(name, ignoreCase: true, out var named)) return named;
        return level switch
        {
            LogLevel.Trace => BirdLogClass.Trace,
            LogLevel.Debug => BirdLogClass.Debug,
            LogLevel.Warning => BirdLogClass.Warning,
            LogLevel.Error => BirdLogClass.Error,
            LogLevel.Critical => BirdLogClass.Fatal,
            _ => BirdLogClass.Info,
        };
    }

    /// <summary>Syslog severity for a class (RFC 5424 numbers).</summary>
    public static int SyslogSeverity(BirdLogClass c) => c switch
    {
        BirdLogClass.Debug or BirdLogClass.Trace => 7,
        BirdLogClass.Info or BirdLogClass.Remote => 6,
        BirdLogClass.Warning => 4,
        BirdLogClass.Error => 3,
        BirdLogClass.Auth => 4,
        _ => 2,
    };

    public static readonly IReadOnlyList<BirdLogClass> All = Enum.GetValues<BirdLogClass>();
}
