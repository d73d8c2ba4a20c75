namespace Bgpd.Control;

/// <summary>Words the CLI grammar reserves; they cannot be used where a protocol or table name is expected.</summary>
public static class CliKeywords
{
    static readonly HashSet<string> Reserved =
    [
        "all", "off", "for", "table", "protocol", "filter", "where", "primary", "filtered", "count", "stats",
        "export", "preexport", "noexport", "in", "out", "show", "route", "protocols", "status", "memory",
        "interfaces", "summary", "version", "static", "symbols", "configure", "check", "soft", "timeout", "confirm", "undo",
        "enable", "disable", "restart", "reload", "debug", "down", "restrict", "echo", "eval",
        "kernel", "device", "direct", "bgp", "pipe", "template", "function", "roa",
    ];

    public static bool IsReserved(string word) => Reserved.Contains(word);
}
