namespace Bgpd.Daemon.Logging;

/// <summary>BIRD's log line: <c>2026-11-21 03:29:37 &lt;INFO&gt; Started</c> (time in the <c>timeformat log</c> format).</summary>
public static class BirdLogFormatter
{
    public static string Line(Control.TimeFormat format, DateTimeOffset now, BirdLogClass c, string message) =>
        $"{format.Render(now, now)} <{BirdLogClasses.Tag(c)}> {message}";
}
