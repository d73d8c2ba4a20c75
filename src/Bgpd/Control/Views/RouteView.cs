using Bgpd.Net;

namespace Bgpd.Control.Views;

/// <summary>One next hop of a multipath route (<c>\tvia X on IF weight N</c>).</summary>
public sealed record NextHopView(IpAddress Gateway, string Interface, int Weight);

/// <summary>One route as <c>show route</c> prints it.</summary>
public sealed record RouteView
{
    public required Prefix Network { get; init; }
    /// <summary>The destination text: <c>via 10.0.0.1 on eth0</c>, <c>dev eth0</c>, <c>blackhole</c>, <c>unreachable</c>, <c>prohibited</c>, <c>multipath</c>.</summary>
    public required string Destination { get; init; }
    public required string ProtocolName { get; init; }
    public required DateTimeOffset Since { get; init; }
    public IpAddress? From { get; init; }
    public bool Primary { get; init; }
    /// <summary>The kernel refused the route: BIRD prints <c>!</c> where <c>*</c> would be.</summary>
    public bool SyncError { get; init; }
    /// <summary>The text after the brackets, e.g. <c> (200)</c> or <c> (100/0) [i]</c>, leading space included.</summary>
    public required string Info { get; init; }
    public IReadOnlyList<NextHopView> NextHops { get; init; } = [];
    /// <summary>The <c>Type:</c> line text for <c>all</c>: e.g. <c>static unicast univ</c>.</summary>
    public required string TypeText { get; init; }
    /// <summary>Extended attribute lines for <c>all</c>, without the leading tab: <c>BGP.origin: IGP</c>.</summary>
    public IReadOnlyList<string> Attributes { get; init; } = [];
}

/// <summary>All routes of one network in one table, best route first.</summary>
public sealed record NetworkView(Prefix Network, IReadOnlyList<RouteView> Routes);
