using System.Collections.Immutable;
using Bgpd.Net;
using Bgpd.Rib.Attributes;

namespace Bgpd.Filters.Tests.Backends;

/// <summary>
/// Random routes shaped like the ones Calico's filters see: prefixes in and around the blocks the
/// corpus names (and random ones), every route source, interface names that do and don't match the
/// corpus's patterns, metrics and local preferences around Calico's thresholds, communities, paths.
/// </summary>
internal static class RandomRoutes
{
    private static readonly string[] V4 =
    [
        "192.168.221.64/26", "192.168.221.192/26", "10.1.0.0/24", "10.0.0.0/30", "10.2.0.1/32", "192.168.0.0/16", "44.0.0.0/16",
        "44.1.0.0/16", "77.0.0.0/16", "172.17.0.0/16", "172.16.0.0/16", "10.101.0.0/16", "0.0.0.0/0", "10.99.0.0/26", "80.15.0.0/24",
        "10.192.0.0/16",
    ];

    private static readonly string[] V6 =
    [
        "2002::/64", "5000::/64", "5000:1::/64", "9000:1::/64", "9000::/64", "5000:3::/64", "2010::/64", "fd00:96::/112", "ffee::11/128",
        "fd00:96::28/128", "dead:beef::/64", "fd00::/8", "::/0",
    ];

    private static readonly string[] Interfaces =
    [
        "tap1234abcd", "cali12345", "dummy1", "eth0", "eth9", "tunl0", "vxlan.calico", "wg-v6.cali", "bpfout.cali", "x.calico", "ens3",
        "someiface", "random.iface", "lo",
    ];

    private static readonly RouteSource[] Sources = [RouteSource.Static, RouteSource.Inherit, RouteSource.Device, RouteSource.StaticDevice, RouteSource.Bgp];

    private static readonly uint[] Metrics = [0, 1, 100, 512, 1023, 1024, 1025, 2048, 2147482623, 2147482624, 2147483647, 4294967295];

    public static (Prefix Net, RouteAttributes Attributes) Next(Random random, bool ipv6)
    {
        var net = RandomNet(random, ipv6);
        var source = Sources[random.Next(Sources.Length)];
        var ifname = Interfaces[random.Next(Interfaces.Length)];
        var gateway = ipv6 ? IpAddress.Parse($"fd00::{random.Next(1, 0xffff):x}") : IpAddress.Parse($"10.192.{random.Next(0, 3)}.{random.Next(1, 255)}");
        var dest = random.Next(6) switch { 0 => RouteDest.Blackhole, 1 => RouteDest.Device, 2 => RouteDest.Unreachable, _ => RouteDest.Router };
        ImmutableArray<NextHop> hops = dest switch
        {
            RouteDest.Router => [new NextHop(gateway, ifname)],
            RouteDest.Device => [NextHop.Device(ifname, isV6: ipv6)],
            _ => [],
        };
        var eas = new List<Ea>();
        if (random.Next(2) == 0) eas.Add(new Ea(EaId.KrtMetric, EaValue.Int(Metrics[random.Next(Metrics.Length)])));
        if (source == RouteSource.Bgp || random.Next(4) == 0)
        {
            eas.Add(new Ea(EaId.BgpOrigin, EaValue.Int((uint)random.Next(3)), 0x40));
            eas.Add(new Ea(EaId.BgpAsPath, EaValue.Path(AsPath.FromSequence([.. Enumerable.Range(0, random.Next(4)).Select(_ => (uint)random.Next(64510, 64515))])), 0x40));
            eas.Add(new Ea(EaId.BgpNextHop, EaValue.Ip(gateway), 0x40));
            if (random.Next(4) != 0) eas.Add(new Ea(EaId.BgpLocalPref, EaValue.Int(Metrics[random.Next(Metrics.Length)]), 0x40));
            if (random.Next(2) == 0)
                eas.Add(new Ea(EaId.BgpCommunity, EaValue.IntSet([.. Enumerable.Range(0, random.Next(1, 3)).Select(_ => (uint)((random.Next(64510, 64515) << 16) | random.Next(0, 300)))]), 0xC0));
            if (random.Next(3) == 0)
                eas.Add(new Ea(EaId.BgpLargeCommunity, EaValue.LcSet(ImmutableArray.Create(new LargeCommunity((uint)random.Next(64510, 64515), (uint)random.Next(3), (uint)random.Next(3)))), 0xC0));
        }
        var attributes = new RouteAttributes(null, source, dest, hops, EaList.Create([.. eas]));
        return (net, attributes);
    }

    private static Prefix RandomNet(Random random, bool ipv6)
    {
        var known = ipv6 ? V6 : V4;
        var basis = Prefix.Parse(known[random.Next(known.Length)]);
        if (random.Next(3) == 0) return basis;
        // A longer prefix inside the block (or, sometimes, a random one anywhere).
        var max = ipv6 ? 128 : 32;
        var length = random.Next(basis.Length, max + 1);
        var bits = random.Next(5) == 0 ? RandomBits(random, max) : basis.Address.Bits | (RandomBits(random, max) & (max == 32 ? uint.MaxValue >> basis.Length : UInt128.MaxValue >> basis.Length));
        var address = ipv6 ? IpAddress.V6(bits) : IpAddress.V4((uint)bits);
        return new Prefix(address, length);
    }

    private static UInt128 RandomBits(Random random, int width) =>
        width == 32 ? (uint)random.NextInt64(0, 1L << 32) : new UInt128((ulong)random.NextInt64(), (ulong)random.NextInt64());
}
