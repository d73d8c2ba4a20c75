using System.Collections.Immutable;
using Bgpd.Net;
using Bgpd.Netlink.Netlink;
using Bgpd.Netlink.Protocols;
using Bgpd.Netlink.Rtnetlink;
using Bgpd.Rib;
using Bgpd.Rib.Attributes;
using Bgpd.Rib.Filtering;
using Bgpd.Rib.Protocols;
using Bgpd.Rib.Tables;

namespace Bgpd.Netlink.Kernel;

/// <summary>What the kernel warm-up's private protocol held at its peaks.</summary>
public readonly record struct KernelWarmUpCounts(int Learned, int Installed);

/// <summary>
/// The kernel side of a route's way, run once on private objects before the daemon starts routing
/// (see Bgpd.Bgp's BgpWarmUp), so the first real routes do not pay for compiling it (measured in
/// docs/lab.md, session 4): a kernel protocol on a private table and an offline netlink hub (no
/// socket: notifications are fed as bytes, route requests are encoded and dropped) learns a batch of
/// Felix-style host routes from RTM_NEWROUTE datagrams through the same decode and dispatch as the
/// reader thread's, exports BGP-style routes as kernel requests, and takes everything back. The batch
/// is large enough to grow and shrink the table's index and dictionaries through several resizes.
/// Nothing reaches the kernel, the real tables or the log (the private loop has no log listener).
/// </summary>
public static class KernelWarmUp
{
    private const uint MainTable = RouteTable.Main;
    private const int TapIndex = 1_000_000;
    private const int UplinkIndex = 1_000_001;
    private const string UplinkName = "ethwarmup0";

    /// <summary>Routes learned and exported: enough for several index segments to double and halve.</summary>
    internal const int RouteCount = 512;
    private const int RoutesPerDatagram = 64;

    /// <param name="ipv6">Family of the kernel table the daemon uses.</param>
    /// <param name="configured">The configured kernel protocol's options (table, metric, merge paths);
    /// learning is always on here and every route is exported, so the whole way is compiled.</param>
    /// <returns>The most routes the private protocol held learned and installed (tests check the way was taken).</returns>
    public static KernelWarmUpCounts Run(bool ipv6, KernelOptions? configured = null)
    {
        configured ??= new KernelOptions();
        var loop = new RoutingLoop(StillTime.Instance);
        var table = new RoutingTable("warmup", ipv6 ? TableFamily.Ipv6 : TableFamily.Ipv4, loop);
        var hub = NetlinkHub.Offline(loop);
        var options = configured with
        {
            Learn = true,
            Persist = false,
            GracefulRestart = false,
            Channel = configured.Channel with { ExportFilter = Filters.All, ReceiveLimit = null, ImportLimit = null, ExportLimit = null },
        };
        var kernel = KernelProtocol.Create("warmup_kernel", loop, table, options, hub);
        var bgp = new Source(loop, table);
        kernel.Start();
        bgp.Start();
        loop.RunPending();

        var learned = 0;
        var writer = new NetlinkWriter();
        var batch = new List<NetlinkEvent>();
        writer.Clear();
        LinkCodec.Encode(writer, Rtm.NewLink, 0, 0, Link(TapIndex, "tapwarmup0"));
        LinkCodec.Encode(writer, Rtm.NewLink, 0, 0, Link(UplinkIndex, UplinkName));
        Deliver(hub, writer, batch);

        // Felix adds host routes, then deletes them (proto boot, via a tap interface).
        foreach (var type in new[] { Rtm.NewRoute, Rtm.DelRoute })
        {
            for (var first = 0; first < RouteCount; first += RoutesPerDatagram)
            {
                writer.Clear();
                for (var i = first; i < first + RoutesPerDatagram; i++)
                    RouteCodec.Encode(writer, type, 0, 0, Felix(HostPrefix(ipv6, 0, i)));
                Deliver(hub, writer, batch);
            }
            learned = Math.Max(learned, kernel.LearnedCount);
        }

        // BGP routes exported into the kernel table, then withdrawn (encoded requests, never sent).
        var gateway = ipv6 ? IpAddress.Parse("fd00:ffff::2") : IpAddress.Parse("10.255.254.2");
        var viaPeer = new RouteAttributes(bgp, RouteSource.Bgp, RouteDest.Router,
            ImmutableArray.Create(new Rib.Attributes.NextHop(gateway, UplinkName, UplinkIndex)));
        for (var i = 0; i < RouteCount; i++)
        {
            bgp.MainChannel!.Update(HostPrefix(ipv6, 1, i), viaPeer);
            if (i % RoutesPerDatagram == 0) loop.RunPending();
        }
        loop.RunPending();
        var installed = kernel.InstalledCount;
        for (var i = 0; i < RouteCount; i++)
        {
            bgp.MainChannel!.Withdraw(HostPrefix(ipv6, 1, i));
            if (i % RoutesPerDatagram == 0) loop.RunPending();
        }
        loop.RunPending();

        kernel.Stop();
        bgp.Stop();
        loop.RunPending();
        return new KernelWarmUpCounts(learned, installed);
    }

    /// <summary>The reader thread's way: one datagram decoded into a batch, handed to the hub, dispatched on the loop.</summary>
    private static void Deliver(NetlinkHub hub, NetlinkWriter writer, List<NetlinkEvent> batch)
    {
        NetlinkEventReader.Decode(writer.Written, batch);
        hub.PostBatch(batch);
        hub.Loop.RunPending();
        batch.Clear();
    }

    private static LinkMessage Link(int index, string name) =>
        new(index, name, LinkAttr.FlagUp | LinkAttr.FlagLowerUp, DeviceType: 1, Mtu: 1500, Master: 0, OperState: 6);

    private static RouteMessage Felix(Prefix destination) => new()
    {
        Destination = destination,
        Table = MainTable,
        Protocol = RouteProtocol.Boot,
        Scope = Rtnetlink.RouteScope.Link,
        Type = RouteType.Unicast,
        OutputInterface = TapIndex,
        Priority = 1024,
    };

    /// <summary>Host routes in reserved-looking private space (only ever in the private table).</summary>
    private static Prefix HostPrefix(bool ipv6, int set, int i) => ipv6
        ? new Prefix(IpAddress.Parse($"fd00:fffe:{set}::{i + 1:x}"), 128)
        : new Prefix(IpAddress.Parse($"10.{254 - set}.{i >> 8}.{i & 0xff}"), 32);

    /// <summary>Originates routes the way BGP does (a router next hop).</summary>
    private sealed class Source : Protocol
    {
        public Source(RoutingLoop loop, RoutingTable table) : base("warmup_bgp", loop) => AddChannel(table, new ChannelOptions());

        public override string ClassName => "BGP";
        public override int DefaultPreference => 100;
    }
}
