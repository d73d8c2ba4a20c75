namespace Bgpd.Config.Parsing;

/// <summary>
/// Words BIRD's lexer turns into keywords, so they cannot name protocols, filters, functions,
/// constants or variables. The 1.6 list was measured against Debian's bird 1.6.8: every word in
/// its binary (and every option word bgpd parses) was tried as a filter name with <c>bird -p</c>,
/// and those refused with "syntax error" are listed here. The 2.x additions are from BIRD 2's grammar.
/// </summary>
internal static class Keywords
{
    private static readonly HashSet<string> Bird16 = new(StringComparer.Ordinal)
    {
        "ORIGIN_EGP", "ORIGIN_IGP", "ORIGIN_INCOMPLETE", "accept", "action", "add", "address", "administrative",
        "advertise", "after", "algorithm", "all", "allow", "always", "area", "as", "as4", "attributes", "auth",
        "authentication", "aware", "base", "bcast", "bfd", "bgp", "bgp_aggregator", "bgp_atomic_aggr",
        "bgp_cluster_list", "bgp_community", "bgp_ext_community", "bgp_large_community", "bgp_local_pref", "bgp_med",
        "bgp_next_hop", "bgp_origin", "bgp_originator_id", "bgp_path", "bgpmask", "bgppath", "blackhole", "block",
        "bool", "broadcast", "buffer", "bug", "capabilities", "case", "cast", "cease", "change", "check", "class",
        "client", "clist", "cluster", "collision", "commands", "communities", "configuration", "configure", "confirm",
        "connect", "connection", "contains", "cost", "cost2", "count", "cryptographic", "dead", "debug",
        "deconfigured", "default", "define", "defined", "delay", "delete", "description", "dest", "deterministic",
        "dev", "device", "direct", "disable", "disabled", "down", "drop", "dscp", "dual", "dump", "ec", "echo",
        "eclist", "ecmp", "eligible", "else", "empty", "enable", "error", "eval", "events", "export", "extended",
        "external", "false", "fatal", "filename", "filter", "filtered", "filters", "first", "flush", "for", "forget",
        "from", "function", "garbage", "gateway", "generate", "generic", "global", "graceful", "gw", "hello",
        "hidden", "hit", "hmac", "hold", "hop", "horizon", "id", "idle", "if", "ifindex", "ifname", "ignore", "igp",
        "igp_metric", "import", "in", "infinity", "info", "instance", "int", "interface", "interfaces", "interpret",
        "interval", "ip", "ipv4", "iso", "keep", "keepalive", "kernel", "keyed", "krt_advmss", "krt_cwnd",
        "krt_feature_allfrag", "krt_feature_ecn", "krt_hoplimit", "krt_initcwnd", "krt_initrwnd", "krt_lock_advmss",
        "krt_lock_cwnd", "krt_lock_hoplimit", "krt_lock_mtu", "krt_lock_reordering", "krt_lock_rto_min",
        "krt_lock_rtt", "krt_lock_rttvar", "krt_lock_sstresh", "krt_lock_window", "krt_metric", "krt_mtu",
        "krt_prefsrc", "krt_quickack", "krt_realm", "krt_reordering", "krt_rto_min", "krt_rtt", "krt_rttvar",
        "krt_scope", "krt_source", "krt_sstresh", "krt_window", "large", "last", "last_nonaggregated", "latency",
        "lc", "lclist", "learn", "len", "length", "limit", "link", "listen", "lived", "lladdr", "local", "log",
        "long", "lsa", "lsadb", "lsid", "mask", "match", "max", "md5", "med", "memory", "merge", "messages",
        "meticulous", "metric", "missing", "mode", "mrt", "mrtdump", "ms", "multicast", "multihop", "multipath",
        "multiplier", "name", "nbma", "neighbor", "neighbors", "net", "netmask", "networks", "next", "no", "noexport",
        "nonbroadcast", "none", "normal", "nssa", "of", "off", "old", "older", "on", "only", "opaque", "ospf",
        "ospf_metric1", "ospf_metric2", "ospf_router_id", "ospf_tag", "out", "packets", "pair", "passive", "password",
        "passwords", "path", "paths", "peer", "period", "persist", "pipe", "plaintext", "pointomultipoint",
        "pointopoint", "poison", "poll", "port", "preexport", "prefer", "preference", "prefix", "prepend", "primary",
        "print", "printn", "priority", "prohibit", "proto", "protocol", "protocols", "ptmp", "ptp", "quad",
        "quitbird", "real", "receive", "recursive", "refresh", "reject", "rejected", "reload", "remote", "reset",
        "resources", "restart", "restrict", "retransmit", "retry", "return", "reverse", "rfc1583compat", "rip",
        "rip_metric", "rip_tag", "ro", "roa", "roa_check", "route", "router", "routes", "rr", "rs", "rt", "rx", "s",
        "scan", "scope", "secondary", "security", "self", "sessions", "set", "setkey", "sha1", "sha256", "sha384",
        "sha512", "short", "show", "shutdown", "simple", "sockets", "soft", "sorted", "source", "split", "stability",
        "stale", "start", "startup", "state", "states", "static", "stats", "status", "stderr", "strict", "string",
        "stub", "stubnet", "summary", "suppression", "symbols", "syslog", "table", "tag", "template", "then", "tick",
        "time", "timeformat", "timeout", "to", "topology", "trace", "translator", "transmit", "transparent", "true",
        "ttl", "tx", "type", "undo", "unknown", "unreachable", "unset", "update", "us", "v6only", "version", "via",
        "virtual", "vrf", "wait", "warn", "warning", "watchdog", "weight", "where", "yes", "zero"
    };

    private static readonly HashSet<string> Bird2Only = new(StringComparer.Ordinal)
    {
        "ipv6", "vpn4", "vpn6", "roa4", "roa6", "flow4", "flow6", "mpls", "attribute", "do", "rd", "format", "bt_assert",
        "bt_test_suite", "bt_test_same", "bt_check_assign", "sadr", "onlink", "channel", "aigp", "hostname", "bgp_otc",
        "confederation", "member", "asn", "data", "data1", "data2", "babel", "radv", "rpki", "channels", "tables",
    };

    public static bool IsKeyword(string word, bool bird2) =>
        (bird2 ? Parser.Enums2 : Parser.Enums16).Contains(word) || Bird16.Contains(word) || (bird2 && Bird2Only.Contains(word));

    /// <summary>Enum constant names (RTS_*, SCOPE_*, RTD_*, RTC_*, ROA_*, NET_*, ORIGIN_*...).</summary>
    public static bool IsEnum(string word) =>
        word.StartsWith("RTS_", StringComparison.Ordinal) || word.StartsWith("SCOPE_", StringComparison.Ordinal) ||
        word.StartsWith("RTD_", StringComparison.Ordinal) || word.StartsWith("RTC_", StringComparison.Ordinal) ||
        word.StartsWith("ROA_", StringComparison.Ordinal) || word.StartsWith("NET_", StringComparison.Ordinal) ||
        word.StartsWith("ORIGIN_", StringComparison.Ordinal) || word.StartsWith("AF_", StringComparison.Ordinal) ||
        word.StartsWith("MPLS_POLICY_", StringComparison.Ordinal) || word.StartsWith("ASPA_", StringComparison.Ordinal);
}
