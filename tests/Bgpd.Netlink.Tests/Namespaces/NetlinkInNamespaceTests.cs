using System.Collections.Concurrent;
using Bgpd.Net;
using Bgpd.Netlink.Kernel;
using Bgpd.Netlink.Netlink;
using Bgpd.Netlink.Rtnetlink;

namespace Bgpd.Netlink.Tests.Namespaces;

/// <summary>The netlink layer against a real kernel, inside a namespace created per test.</summary>
[NonParallelizable]
public class NetlinkInNamespaceTests
{
    [Test]
    public void Route_added_with_ip_route_arrives_as_an_event_and_its_removal_too()
    {
        using var ns = TestNamespace.Create();
        ns.AddVeth("tap1", "tap1p", "10.99.0.1/24");
        var events = new ConcurrentQueue<NetlinkEvent>();
        using var reader = new NetlinkEventReader(new NamedNamespaceSockets(ns.Name), 1 << 20, batch => batch.ForEach(events.Enqueue));
        reader.Start();
        ns.Ip("route add 10.65.0.2 dev tap1 proto boot scope link metric 1024");
        bool Has(NetlinkEventKind kind) => events.Any(e => e.Kind == kind && e.Route.Destination == Prefix.Parse("10.65.0.2/32"));
        Assert.That(Poll.Until(() => Has(NetlinkEventKind.Route), TimeSpan.FromSeconds(2)), Is.True);
        var added = events.First(e => e.Kind == NetlinkEventKind.Route && e.Route.Destination == Prefix.Parse("10.65.0.2/32")).Route;
        Assert.That((added.Protocol, added.Priority, added.Scope), Is.EqualTo((RouteProtocol.Boot, 1024u, RouteScope.Link)));
        ns.Ip("route del 10.65.0.2 dev tap1");
        Assert.That(Poll.Until(() => Has(NetlinkEventKind.RouteDeleted), TimeSpan.FromSeconds(2)), Is.True);
    }

    [Test]
    public void Echoes_of_proto_bird_writes_are_dropped_by_the_kernel_while_alien_routes_still_arrive()
    {
        using var ns = TestNamespace.Create();
        ns.AddVeth("tap5", "tap5p", "10.95.0.1/24");
        var events = new ConcurrentQueue<NetlinkEvent>();
        // A queue far too small for 3000 echoes: without the filter this burst overflows it.
        using var reader = new NetlinkEventReader(new NamedNamespaceSockets(ns.Name), 16 << 10, batch => batch.ForEach(events.Enqueue));
        reader.Start();
        using var requests = new NamedNamespaceSockets(ns.Name).Open(1 << 20);
        requests.ReceiveTimeout = TimeSpan.FromSeconds(5);
        var oif = InterfaceIndex(ns, "tap5");
        var own = Enumerable.Range(0, 3000).Select(i => new KernelOperation(KernelOperationKind.Add, new RouteMessage
        {
            Destination = new Prefix(IpAddress.V4(0x0A400000u + (uint)i), 32),
            Table = RouteTable.Main,
            Protocol = RouteProtocol.Bird,
            Scope = RouteScope.Link,
            Type = RouteType.Unicast,
            OutputInterface = oif,
        })).ToList();
        new KernelRouteWriter(requests).Apply(own, (_, errno) => Assert.That(errno, Is.Zero));
        ns.Ip("route add 10.65.0.9 dev tap5 proto boot scope link metric 1024");
        Assert.That(Poll.Until(() => events.Any(e => e.Kind == NetlinkEventKind.Route && e.Route.Destination == Prefix.Parse("10.65.0.9/32")),
            TimeSpan.FromSeconds(2)), Is.True, "the alien route arrives");
        Assert.That(ns.Ip("route show proto bird").Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(3000));
        Assert.That(events.Count(e => e.Kind is NetlinkEventKind.Route or NetlinkEventKind.RouteDeleted && e.Route.Protocol == RouteProtocol.Bird), Is.Zero);
        Assert.That(events.Any(e => e.Kind == NetlinkEventKind.Overrun), Is.False);
    }

    [Test]
    public void Route_writer_warm_up_is_answered_by_the_kernel_and_changes_nothing()
    {
        using var ns = TestNamespace.Create();
        ns.AddVeth("tap6", "tap6p", "10.94.0.1/24");
        var events = new ConcurrentQueue<NetlinkEvent>();
        using var reader = new NetlinkEventReader(new NamedNamespaceSockets(ns.Name), 1 << 20, batch => batch.ForEach(events.Enqueue));
        reader.Start();
        using var requests = new NamedNamespaceSockets(ns.Name).Open(1 << 20);
        requests.ReceiveTimeout = TimeSpan.FromSeconds(5);
        var routesBefore = ns.Ip("route show table all");
        var linksBefore = ns.Ip("-o link show");
        var writer = new KernelRouteWriter(requests);

        Assert.That(writer.WarmUp(), Is.True, "the kernel acknowledges the read-only request");
        // The same socket then carries real writes: the warm-up's reply left nothing unread behind.
        var oif = InterfaceIndex(ns, "tap6");
        var add = new KernelOperation(KernelOperationKind.Add, new RouteMessage
        {
            Destination = Prefix.Parse("10.66.0.1/32"),
            Table = RouteTable.Main,
            Protocol = RouteProtocol.Bird,
            Scope = RouteScope.Link,
            Type = RouteType.Unicast,
            OutputInterface = oif,
        });
        var results = new List<int>();
        writer.Apply([add], (_, errno) => results.Add(errno));
        Assert.That(results, Is.EqualTo(new[] { 0 }));
        Assert.That(ns.Ip("route show proto bird").Trim(), Does.StartWith("10.66.0.1 dev tap6"));
        ns.Ip("route del 10.66.0.1/32 dev tap6 proto bird");
        Assert.That(ns.Ip("route show table all"), Is.EqualTo(routesBefore));
        Assert.That(ns.Ip("-o link show"), Is.EqualTo(linksBefore));
        Assert.That(events.Any(e => e.Kind is NetlinkEventKind.Link or NetlinkEventKind.LinkDeleted), Is.False, "no link notification");
    }

    [Test]
    public void Link_and_address_changes_arrive_as_events()
    {
        using var ns = TestNamespace.Create();
        var events = new ConcurrentQueue<NetlinkEvent>();
        using var reader = new NetlinkEventReader(new NamedNamespaceSockets(ns.Name), 1 << 20, batch => batch.ForEach(events.Enqueue));
        reader.Start();
        ns.AddVeth("tap2", "tap2p", "10.98.0.1/24");
        Assert.That(Poll.Until(() => events.Any(e => e.Kind == NetlinkEventKind.Link && e.Link.Name == "tap2"), TimeSpan.FromSeconds(2)), Is.True);
        Assert.That(Poll.Until(() => events.Any(e => e.Kind == NetlinkEventKind.Address && e.Address.Address == IpAddress.Parse("10.98.0.1")), TimeSpan.FromSeconds(2)), Is.True);
        ns.Ip("link del tap2");
        Assert.That(Poll.Until(() => events.Any(e => e.Kind == NetlinkEventKind.LinkDeleted && e.Link.Name == "tap2"), TimeSpan.FromSeconds(2)), Is.True);
    }

    [Test]
    public void Overflowing_a_small_receive_buffer_reports_an_overrun()
    {
        using var ns = TestNamespace.Create();
        ns.AddVeth("tap3", "tap3p", "10.97.0.1/24");
        // A socket nobody reads, with a tiny queue, then a burst of changes: the kernel must flag ENOBUFS.
        using var socket = new NamedNamespaceSockets(ns.Name).Open(4096, Rtm.GroupIpv4Route);
        socket.ReceiveTimeout = TimeSpan.FromSeconds(2);
        using var requests = new NamedNamespaceSockets(ns.Name).Open(1 << 20);
        requests.ReceiveTimeout = TimeSpan.FromSeconds(5);
        var operations = Enumerable.Range(0, 400).Select(i => new KernelOperation(KernelOperationKind.Add, new RouteMessage
        {
            Destination = new Prefix(IpAddress.V4(0x0A400000u + ((uint)i << 8)), 24),
            Table = RouteTable.Main,
            Protocol = RouteProtocol.Bird,
            Type = RouteType.Unicast,
            OutputInterface = InterfaceIndex(ns, "tap3"),
        })).ToList();
        new KernelRouteWriter(requests).Apply(operations, (_, errno) => Assert.That(errno, Is.Zero));
        var overrun = false;
        for (var i = 0; i < 1000 && !overrun; i++)
        {
            try { socket.Receive(); }
            catch (NetlinkOverrunException) { overrun = true; }
        }
        Assert.That(overrun, Is.True);
    }

    [Test]
    public void Writer_installs_routes_as_proto_bird_and_dump_reads_them_back()
    {
        using var ns = TestNamespace.Create();
        ns.AddVeth("tap4", "tap4p", "10.96.0.1/24");
        var oif = InterfaceIndex(ns, "tap4");
        using var socket = new NamedNamespaceSockets(ns.Name).Open(1 << 20);
        socket.ReceiveTimeout = TimeSpan.FromSeconds(5);
        var ecmp = new RouteMessage
        {
            Destination = Prefix.Parse("10.10.4.0/24"),
            Table = RouteTable.Main,
            Protocol = RouteProtocol.Bird,
            Type = RouteType.Unicast,
            NextHops = [new NextHop(IpAddress.Parse("10.96.0.3"), oif, 2), new NextHop(IpAddress.Parse("10.96.0.2"), oif, 1)],
        };
        var onlink = new RouteMessage
        {
            Destination = Prefix.Parse("10.20.0.0/24"),
            Table = RouteTable.Main,
            Protocol = RouteProtocol.Bird,
            Type = RouteType.Unicast,
            Gateway = IpAddress.Parse("192.0.2.77"),
            OutputInterface = oif,
            Flags = RouteFlags.NextHopOnlink,
            PreferredSource = IpAddress.Parse("10.96.0.1"),
        };
        var blackhole = new RouteMessage { Destination = Prefix.Parse("10.10.1.0/24"), Table = RouteTable.Main, Protocol = RouteProtocol.Bird, Type = RouteType.Blackhole };
        var results = new int[3];
        new KernelRouteWriter(socket).Apply([new(KernelOperationKind.Add, ecmp), new(KernelOperationKind.Add, onlink), new(KernelOperationKind.Add, blackhole)], (i, e) => results[i] = e);
        Assert.That(results, Is.All.Zero);
        var text = ns.Ip("route show proto bird");
        Assert.That(text, Does.Contain("blackhole 10.10.1.0/24"));
        Assert.That(text, Does.Contain("10.20.0.0/24 via 192.0.2.77 dev tap4 src 10.96.0.1 onlink"));
        Assert.That(text, Does.Contain("nexthop via 10.96.0.3 dev tap4 weight 2"));
        var dumped = new List<RouteMessage>();
        new KernelDumps(socket).Routes(Rtm.FamilyInet, (in NetlinkMessage m) =>
        {
            if (RouteCodec.TryDecode(m.Payload, out var r) && r.Protocol == RouteProtocol.Bird)
                dumped.Add(r);
        });
        Assert.That(dumped.Any(r => RouteComparison.SameForwarding(r, ecmp)), Is.True);
        Assert.That(dumped.Any(r => RouteComparison.SameForwarding(r, onlink)), Is.True);
        // Deleting by key removes exactly our route; a second delete is harmless.
        new KernelRouteWriter(socket).Apply([new(KernelOperationKind.Delete, ecmp), new(KernelOperationKind.Delete, ecmp)], (i, e) => results[i] = e);
        Assert.That(results[..2], Is.All.Zero);
        Assert.That(ns.Ip("route show 10.10.4.0/24"), Is.Empty);
    }

    [Test]
    public void Exclusive_add_does_not_clobber_another_protocols_route()
    {
        using var ns = TestNamespace.Create();
        ns.AddVeth("tap5", "tap5p", "10.95.0.1/24");
        ns.Ip("route add 10.30.0.0/24 via 10.95.0.9 proto static");
        using var socket = new NamedNamespaceSockets(ns.Name).Open(1 << 20);
        socket.ReceiveTimeout = TimeSpan.FromSeconds(5);
        var ours = new RouteMessage
        {
            Destination = Prefix.Parse("10.30.0.0/24"),
            Table = RouteTable.Main,
            Protocol = RouteProtocol.Bird,
            Type = RouteType.Unicast,
            Gateway = IpAddress.Parse("10.95.0.2"),
            OutputInterface = InterfaceIndex(ns, "tap5"),
        };
        var result = -1;
        new KernelRouteWriter(socket).Apply([new(KernelOperationKind.Add, ours)], (_, e) => result = e);
        Assert.That(result, Is.EqualTo(ErrnoText.EEXIST));
        Assert.That(ns.Ip("route show 10.30.0.0/24"), Does.Contain("proto static"));
    }

    internal static int InterfaceIndex(TestNamespace ns, string name)
    {
        var line = ns.Ip($"-o link show {name}");
        return int.Parse(line[..line.IndexOf(':')]);
    }
}
