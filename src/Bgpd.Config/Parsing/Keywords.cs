namespace Bgpd.Config.Parsing;

/// <summary>
/// Words BIRD's lexer turns into keywords (so they cannot name protocols, filters, functions,
/// constants or variables). Collected from BIRD 1.6.8's and 2.0's grammar keyword lists for the
/// modules a Linux build contains.
/// </summary>
internal static class Keywords
{
    private static readonly HashSet<string> Common = new(StringComparer.Ordinal)
    {
        // conf / nest
        "define", "on", "off", "yes", "no", "ms", "us", "s", "hostname", "router", "id", "protocol", "template", "preference",
        "disabled", "debug", "all", "direct", "interface", "import", "export", "filter", "none", "table", "states", "routes",
        "filters", "limit", "action", "warn", "block", "restart", "disable", "keep", "filtered", "password", "from", "passive",
        "to", "events", "packets", "protocols", "interfaces", "primary", "stats", "count", "for", "commands", "preexport",
        "noexport", "generate", "roa", "max", "flush", "as", "listen", "bgp", "v6only", "dual", "address", "port", "passwords",
        "description", "sorted", "reload", "in", "out", "mrtdump", "messages", "restrict", "memory", "igp_metric", "class",
        "dscp", "wait", "graceful", "receive", "vrf", "default", "mode", "show", "status", "summary", "route", "symbols",
        "add", "delete", "resources", "sockets", "neighbors", "attributes", "eval", "echo", "enable", "check", "link", "timeformat",
        "base", "log", "syslog", "stderr", "name", "trace", "info", "remote", "warning", "error", "auth", "fatal", "bug",
        "iso", "short", "long", "configure", "soft", "timeout", "confirm", "undo", "latency", "watchdog", "kernel", "persist",
        "scan", "time", "learn", "device", "routes", "merge", "paths", "metric", "krt_source", "krt_metric", "krt_prefsrc",
        "krt_realm", "krt_scope", "krt_mtu", "krt_window", "krt_rtt", "krt_rttvar", "krt_sstresh", "krt_cwnd", "krt_advmss",
        "krt_reordering", "krt_hoplimit", "krt_initcwnd", "krt_rto_min", "krt_initrwnd", "krt_quickack", "krt_lock_mtu",
        "krt_lock_window", "krt_lock_rtt", "krt_lock_rttvar", "krt_lock_sstresh", "krt_lock_cwnd", "krt_lock_advmss",
        "krt_lock_reordering", "krt_lock_hoplimit", "krt_lock_rto_min", "krt_feature_ecn", "krt_feature_allfrag",
        "static", "via", "drop", "reject", "prohibit", "blackhole", "unreachable", "multipath", "weight", "recursive", "igp",
        "pipe", "peer", "opaque", "transparent",
        // filters
        "function", "print", "printn", "unset", "return", "accept", "quitbird", "int", "bool", "ip", "prefix", "pair", "quad",
        "ec", "lc", "set", "string", "bgpmask", "bgppath", "clist", "eclist", "lclist", "if", "then", "else", "case", "true",
        "false", "rt", "ro", "unknown", "generic", "gw", "net", "mask", "proto", "source", "scope", "cast", "dest", "ifname",
        "ifindex", "len", "defined", "contains", "reset", "prepend", "first", "last", "last_nonaggregated", "match",
        "roa_check", "empty", "where",
        // bgp
        "local", "neighbor", "multihop", "startup", "hold", "keepalive", "connect", "retry", "delay", "forget", "wait",
        "after", "bgp_path", "bgp_local_pref", "bgp_med", "bgp_origin", "bgp_next_hop", "bgp_atomic_aggr", "bgp_aggregator",
        "bgp_community", "bgp_ext_community", "bgp_large_community", "bgp_originator_id", "bgp_cluster_list", "rr", "rs",
        "client", "cluster", "as4", "advertise", "ipv4", "capabilities", "prefer", "older", "missing", "lladdr", "ignore",
        "refresh", "interpret", "communities", "gateway", "ttl", "security", "deterministic", "secondary", "allow", "bfd",
        "add", "paths", "rx", "tx", "extended", "setkey", "lived", "stale", "self", "next", "hop", "med", "path",
        "error", "enable", "route", "igp", "table", "source", "origin", "cease", "hit",
        "administrative", "shutdown", "deconfigured", "connection", "rejected", "collision", "of", "ORIGIN_IGP",
        "ORIGIN_EGP", "ORIGIN_INCOMPLETE", "bgp_otc",
        // bfd and others compiled into Debian's build
        "idle", "interval", "multiplier", "sessions", "authentication", "simple", "keyed", "meticulous", "md5", "sha1",
        "algorithm", "ospf", "rip", "infinity",
    };

    private static readonly HashSet<string> Bird2Only = new(StringComparer.Ordinal)
    {
        "ipv6", "vpn4", "vpn6", "roa4", "roa6", "flow4", "flow6", "mpls", "attribute", "do", "rd", "format", "bt_assert",
        "bt_test_suite", "bt_test_same", "bt_check_assign", "sadr", "onlink", "channel", "aigp", "cost",
        "confederation", "member", "asn", "data", "data1", "data2", "radv", "babel",
    };

    public static bool IsKeyword(string word, bool bird2) =>
        IsEnum(word) || Common.Contains(word) || (bird2 && Bird2Only.Contains(word));

    /// <summary>Enum constant names (RTS_*, SCOPE_*, RTD_*, RTC_*, ROA_*, NET_*, ORIGIN_*...).</summary>
    public static bool IsEnum(string word) =>
        word.StartsWith("RTS_", StringComparison.Ordinal) || word.StartsWith("SCOPE_", StringComparison.Ordinal) ||
        word.StartsWith("RTD_", StringComparison.Ordinal) || word.StartsWith("RTC_", StringComparison.Ordinal) ||
        word.StartsWith("ROA_", StringComparison.Ordinal) || word.StartsWith("NET_", StringComparison.Ordinal) ||
        word.StartsWith("ORIGIN_", StringComparison.Ordinal) || word.StartsWith("AF_", StringComparison.Ordinal) ||
        word.StartsWith("MPLS_POLICY_", StringComparison.Ordinal) || word.StartsWith("ASPA_", StringComparison.Ordinal);
}
