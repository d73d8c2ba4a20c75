namespace Bgpd.Daemon.Logging;

/// <summary>BIRD's log line: <c>2026-11-21 03:29:37 &lt;INFO&gt; Started</c> (time in the <c>timeformat log</c> format).</summary>
public static class BirdLogFormatter
{
    public static string Line(Control.TimeFormat format, DateTimeOffset now, BirdLogClass c, string message) =>
        $"{format.Render(now, now)} <{BirdLogClasses.Tag(c)}> {message}";

    /// <summary>
    /// BIRD's terminal line (<c>-d</c> with no <c>log</c> statement): <c>bird: text</c>, no time or class.
    /// The prefix stays "bird" so log filters written for BIRD keep matching.
    /// </summary>
    public static string TerminalLine(string message) => $"bird: {message}";
}
