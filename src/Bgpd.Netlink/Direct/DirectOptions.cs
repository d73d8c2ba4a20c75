using Bgpd.Net;
using Bgpd.Rib.Protocols;

namespace Bgpd.Netlink.Direct;

/// <summary>One entry of the direct protocol's <c>interface</c> list: a name pattern, optionally negated
/// (<c>-"cali*"</c>, or <c>"-dummy0"</c> with the dash inside the quotes) and optionally limited to addresses in a prefix.</summary>
public sealed record DirectInterfacePattern(string Pattern, bool Negated = false, Prefix? Prefix = null);

/// <summary>Options of the direct protocol (BIRD's <c>protocol direct</c>).</summary>
public sealed record DirectOptions
{
    /// <summary>First-match patterns; empty means every interface.</summary>
    public IReadOnlyList<DirectInterfacePattern> Interfaces { get; init; } = [];
    /// <summary><c>check link</c>: only interfaces with carrier.</summary>
    public bool CheckLink { get; init; }
    public ChannelOptions Channel { get; init; } = new();
}
