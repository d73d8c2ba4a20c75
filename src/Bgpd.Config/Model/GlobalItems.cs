using Bgpd.Net;

namespace Bgpd.Config.Model;

/// <summary>Where log messages go.</summary>
public enum LogTargetKind { File, Syslog, Stderr }

/// <summary>One <c>log</c> statement: target (file name or syslog name in <see cref="Name"/>) and classes.</summary>
public sealed record LogTarget(LogTargetKind Kind, string? Name, LogClasses Classes, long SizeLimit = 0, string? BackupFile = null);

/// <summary><c>listen bgp [address A] [port P] [v6only|dual]</c> (1.6 only).</summary>
public sealed record ListenBgp(IpAddress? Address, int Port, bool V6Only, bool Dual);

/// <summary>One time format: <c>"fmt1" [limit "fmt2"]</c>; <see cref="Limit"/> in seconds, 0 when none.</summary>
public sealed record TimeFormat(string Format, string? LongFormat, long Limit);

/// <summary>The four <c>timeformat</c> targets with BIRD's defaults for the dialect.</summary>
public sealed record TimeFormats(TimeFormat Route, TimeFormat Protocol, TimeFormat Base, TimeFormat Log)
{
    /// <summary>BIRD 1.6: route/protocol "%T" (older than 20 h: "%F"), base/log "%F %T".</summary>
    public static readonly TimeFormats Bird16 = new(
        new TimeFormat("%T", "%F", 20 * 3600), new TimeFormat("%T", "%F", 20 * 3600),
        new TimeFormat("%F %T", null, 0), new TimeFormat("%F %T", null, 0));

    /// <summary>BIRD 2.x: route/protocol "%T.%3f" (older than 20 h: "%F"), base/log "%F %T.%3f".</summary>
    public static readonly TimeFormats Bird2 = new(
        new TimeFormat("%T.%3f", "%F", 20 * 3600), new TimeFormat("%T.%3f", "%F", 20 * 3600),
        new TimeFormat("%F %T.%3f", null, 0), new TimeFormat("%F %T.%3f", null, 0));
}

/// <summary>Address family of a table or channel.</summary>
public enum NetType { Ipv4, Ipv6, Vpn4, Vpn6, Roa4, Roa6, Flow4, Flow6, Ipv6Sadr, Mpls }

/// <summary>A routing table: <c>table NAME [sorted];</c> or implicit <c>master</c> (1.6) / <c>master4</c>, <c>master6</c> (2.x).</summary>
public sealed record TableConfig(string Name, NetType Type, bool Sorted, bool Implicit);

/// <summary>An interface pattern in <c>interface -"cali*", "*";</c> (Negated for <c>-</c>), optionally restricted to a prefix.</summary>
public sealed record InterfacePattern(string Pattern, bool Negated, Prefix? Prefix = null);

/// <summary><c>router id from [-]"iface", ...;</c>.</summary>
public sealed record RouterIdFrom(ValueList<InterfacePattern> Patterns);

/// <summary>2.x <c>bt_test_suite(fn, "desc");</c> or <c>bt_test_same(f1, f2, result);</c> (Same non-null).</summary>
public sealed record BtTest(SourcePos Pos, string Function, string? Description, string? SameFunction = null, int Expected = 0);
