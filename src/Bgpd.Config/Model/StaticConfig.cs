using Bgpd.Config.Filters;
using Bgpd.Net;

namespace Bgpd.Config.Model;

/// <summary>What a static route does.</summary>
public enum StaticRouteKind
{
    /// <summary><c>via IP [%iface]</c> or several (1.6 <c>multipath</c>, 2.x repeated <c>via</c>).</summary>
    Via,
    /// <summary><c>via "iface"</c>: a device route.</summary>
    Interface,
    /// <summary><c>recursive IP</c>: next hop resolved through the table.</summary>
    Recursive,
    /// <summary><c>blackhole</c> or <c>drop</c>.</summary>
    Blackhole,
    /// <summary><c>unreachable</c> or <c>reject</c>.</summary>
    Unreachable,
    /// <summary><c>prohibit</c>.</summary>
    Prohibit,
    /// <summary>2.x ROA entry in a roa4/roa6 channel: <c>route P max N as A;</c>.</summary>
    Roa,
}

/// <summary>One next hop of a static route: gateway, optional <c>%iface</c>, ECMP weight (default 1), bfd, onlink.</summary>
public sealed record StaticNextHop(IpAddress Gateway, string? Interface, int Weight = 1, bool Bfd = false, bool Onlink = false);

/// <summary>
/// <c>route NET ...;</c>. <see cref="NextHops"/> for Via; <see cref="Interface"/> for Interface;
/// <see cref="RecursiveGateway"/> for Recursive; <see cref="Attributes"/> is the optional
/// <c>{ bgp_community.add(...); }</c> block run on the route.
/// </summary>
public sealed record StaticRoute(Prefix Net, StaticRouteKind Kind, ValueList<StaticNextHop> NextHops, string? Interface, IpAddress? RecursiveGateway, BlockStmt? Attributes)
{
    /// <summary>Set by the parser; not part of equality.</summary>
    public SourcePos Pos { get; init; } = SourcePos.None;
    /// <summary>For <see cref="StaticRouteKind.Roa"/>: the maximum prefix length.</summary>
    public int RoaMaxLength { get; init; }
    /// <summary>2.x VPN routes (<c>route RD prefix ...</c>): the route distinguisher.</summary>
    public ulong? Rd { get; init; }
    /// <summary>For <see cref="StaticRouteKind.Roa"/>: the origin AS.</summary>
    public uint RoaAsn { get; init; }

    public bool Equals(StaticRoute? other) =>
        other is not null && Net == other.Net && Kind == other.Kind && NextHops.Equals(other.NextHops) &&
        Interface == other.Interface && RecursiveGateway == other.RecursiveGateway && Equals(Attributes, other.Attributes) &&
        RoaMaxLength == other.RoaMaxLength && RoaAsn == other.RoaAsn && Rd == other.Rd;

    public override int GetHashCode() => HashCode.Combine(Net, Kind, NextHops);
}

/// <summary><c>protocol static</c>.</summary>
public sealed record StaticConfig : ProtocolConfig
{
    public override ProtocolType Type => ProtocolType.Static;
    public ValueList<StaticRoute> Routes { get; init; } = ValueList<StaticRoute>.Empty;
    public bool CheckLink { get; init; }
    /// <summary>Table used to resolve recursive routes (default: the channel's table).</summary>
    public string? IgpTable { get; init; }
}
