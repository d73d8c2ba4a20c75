using System.Collections.Immutable;
using Bgpd.Net;
using Bgpd.Netlink.Netlink;
using Bgpd.Netlink.Rtnetlink;
using Bgpd.Rib;
using Bgpd.Rib.Attributes;
using Bgpd.Rib.Protocols;

namespace Bgpd.Netlink.Kernel;

/// <summary>
/// The kernel side of a route's way, run once on private objects before the daemon starts routing
/// (see Bgpd.Bgp's BgpWarmUp): a Felix-style RTM_NEWROUTE is encoded, decoded as a notification and
/// learned; a BGP-style route is turned into the kernel route bgpd would install, synchronised and
/// encoded as the request it would send; then both are taken back. Nothing is sent to the kernel.
/// </summary>
public static class KernelWarmUp
{
    private const uint MainTable = RouteTable.Main;
    private const int FakeInterface = 1_000_000;

    public static void Run(bool ipv6)
    {
        var owner = new Owner(new RoutingLoop());
        var felix = new RouteMessage
        {
            Destination = ipv6 ? Prefix.Parse("fd00:fffe::3/128") : Prefix.Parse("10.255.255.3/32"),
            Table = MainTable,
            Protocol = RouteProtocol.Boot,
            Scope = Rtnetlink.RouteScope.Link,
            Type = RouteType.Unicast,
            OutputInterface = FakeInterface,
            Priority = 1024,
        };
        var writer = new NetlinkWriter();
        var learned = new LearnedRoutes();
        var changes = new List<LearnedChange>();
        foreach (var deleted in new[] { false, true })
        {
            writer.Clear();
            RouteCodec.Encode(writer, deleted ? Rtm.DelRoute : Rtm.NewRoute, NetlinkConstants.FlagRequest, 1, felix);
            foreach (var message in new NetlinkMessageReader(writer.Written))
                if (NetlinkEvent.TryDecode(message, out var e) && KernelRouteClassifier.Classify(e.Route, MainTable) == KernelRouteClass.Alien)
                    learned.Apply(e.Route, deleted, changes);
            foreach (var change in changes)
                if (change.Best is { } best)
                    KernelRouteBuilder.FromKernel(best, owner, _ => "tapwarmup0");
            changes.Clear();
        }

        var gateway = ipv6 ? IpAddress.Parse("fd00:ffff::2") : IpAddress.Parse("10.255.254.2");
        var bgpRoute = new RouteAttributes(owner, RouteSource.Bgp, RouteDest.Router, ImmutableArray.Create(new Rib.Attributes.NextHop(gateway, "ethwarmup0", FakeInterface)));
        var sync = new OwnRouteSync { Ready = true };
        var operations = new List<KernelOperation>();
        var prefix = ipv6 ? Prefix.Parse("fd00:fffe::4/128") : Prefix.Parse("10.255.255.4/32");
        foreach (var desired in new[] { KernelRouteBuilder.ToKernel(prefix, bgpRoute, MainTable, 0, _ => FakeInterface), null })
        {
            sync.SetDesired(prefix, desired, operations);
            writer.Clear();
            foreach (var op in operations)
            {
                if (op.Kind == KernelOperationKind.Delete)
                    RouteCodec.Encode(writer, Rtm.DelRoute, NetlinkConstants.FlagRequest | NetlinkConstants.FlagAck, 2, KernelRouteWriter.DeleteKey(op.Route));
                else
                    RouteCodec.Encode(writer, Rtm.NewRoute, NetlinkConstants.FlagRequest | NetlinkConstants.FlagAck | NetlinkConstants.FlagCreate, 2, op.Route);
                sync.Completed(op, 0);
            }
            operations.Clear();
        }
    }

    private sealed class Owner(RoutingLoop loop) : Protocol("warmup_kernel", loop)
    {
        public override string ClassName => "Kernel";
        public override int DefaultPreference => 10;
    }
}
