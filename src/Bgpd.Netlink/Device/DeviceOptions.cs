using Bgpd.Net;
using Bgpd.Rib.Protocols;

namespace Bgpd.Netlink.Device;

/// <summary>Options of the device protocol (BIRD's <c>protocol device</c>).</summary>
public sealed record DeviceOptions
{
    /// <summary><c>scan time</c>: seconds between full interface rescans (BIRD default 60).</summary>
    public int ScanTimeSeconds { get; init; } = 60;
    /// <summary><c>primary ["pattern"] address</c> entries, first match wins.</summary>
    public IReadOnlyList<(string? Pattern, IpAddress Address)> Primary { get; init; } = [];
    /// <summary>Families shown and used for "up": <c>bird</c> IPv4, <c>bird6</c> IPv6, 2.x both.</summary>
    public AddressFamilies Families { get; init; } = AddressFamilies.V4;
    /// <summary>The (1.6) channel: device originates nothing but is shown attached to a table.</summary>
    public ChannelOptions Channel { get; init; } = new();
}
