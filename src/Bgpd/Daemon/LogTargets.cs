using Bgpd.Config.Model;
using Bgpd.Daemon.Logging;

namespace Bgpd.Daemon;

/// <summary>
/// Maps BIRD's <c>log</c> statements (and the command-line defaults) onto log targets. As in BIRD:
/// without <c>log</c> statements everything goes to stderr under <c>-d</c> (as <c>bird: text</c>, the
/// terminal form) and to syslog otherwise;
/// <c>-D FILE</c> sends debug and trace messages to that file.
/// </summary>
public static class LogTargets
{
    public static IReadOnlyList<LogTargetSpec> From(BirdConfig? config, DaemonOptions options)
    {
        var targets = new List<LogTargetSpec>();
        var all = BirdLogClasses.All.ToHashSet();
        if (config is not null)
        {
            foreach (var log in config.Logs)
            {
                var classes = Classes(log.Classes);
                targets.Add(log.Kind switch
                {
                    LogTargetKind.Stderr => new LogTargetSpec(LogSinkKind.Stderr, null, classes),
                    LogTargetKind.File => new LogTargetSpec(LogSinkKind.File, log.Name, classes),
                    _ => new LogTargetSpec(LogSinkKind.Syslog, log.Name, classes),
                });
            }
        }
        if (targets.Count == 0)
            targets.Add(options.Debug ? new LogTargetSpec(LogSinkKind.Terminal, null, all) : new LogTargetSpec(LogSinkKind.Syslog, null, all));
        if (options.DebugFile is { } file)
            targets.Add(new LogTargetSpec(LogSinkKind.File, file, new HashSet<BirdLogClass> { BirdLogClass.Debug, BirdLogClass.Trace }));
        return targets;
    }

    static HashSet<BirdLogClass> Classes(LogClasses classes)
    {
        var set = new HashSet<BirdLogClass>();
        foreach (var c in BirdLogClasses.All)
            if (classes.HasFlag((LogClasses)(1 << (int)c))) set.Add(c);
        return set;
    }
}
