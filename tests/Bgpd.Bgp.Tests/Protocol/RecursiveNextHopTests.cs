using Bgpd.Bgp.Wire;
using Bgpd.Net;
using Bgpd.Rib.Attributes;
using static Bgpd.Bgp.Tests.Protocol.ProtocolHarness;

namespace Bgpd.Bgp.Tests.Protocol;

/// <summary>`gateway recursive` next hops follow the table's route to them (BIRD's hostcache).</summary>
public class RecursiveNextHopTests
{
    private static (ProtocolHarness H, Peer Peer, ExportRecorder Kernel) Setup()
    {
        var h = new ProtocolHarness();
        var kernel = new ExportRecorder(h.Loop, h.Table);
        kernel.Start();
        var peer = h.AddPeer("10.99.0.2");
        h.Establish(peer, 0x0A630002);
        return (h, peer, kernel);
    }

    private static NextHop Hop(Rib.Tables.Route? route) => route!.Value.Attributes.NextHops.Single();

    [Test]
    public void Route_follows_a_change_of_the_igp_route_to_its_next_hop_and_is_exported_again()
    {
        var (h, peer, kernel) = Setup();
        h.Origin.AnnounceVia("10.50.0.0/16", "10.99.0.254", "eth0");
        h.Loop.RunPending();
        h.Announce(peer, Path("10.50.0.9"), "10.80.0.0/16");
        Assert.That(Hop(h.Best("10.80.0.0/16")!).Gateway, Is.EqualTo(IpAddress.Parse("10.99.0.254")));
        var since = h.Best("10.80.0.0/16")!.LastModified;
        kernel.Exports.Clear();

        h.Origin.AnnounceVia("10.50.0.0/16", "10.99.0.253", "eth1");
        h.Loop.RunPending();

        var route = h.Best("10.80.0.0/16")!;
        Assert.That((Hop(route).Gateway, Hop(route).InterfaceName), Is.EqualTo((IpAddress.Parse("10.99.0.253"), "eth1")));
        Assert.That(route.LastModified, Is.EqualTo(since), "only the next hop changed; BIRD keeps the route's age");
        var export = kernel.Exports.Single(e => e.Prefix == Prefix.Parse("10.80.0.0/16"));
        Assert.That(export.NewAttributes!.NextHops.Single().Gateway, Is.EqualTo(IpAddress.Parse("10.99.0.253")));
    }

    [Test]
    public void Route_becomes_unreachable_when_its_igp_route_vanishes_and_reachable_when_it_returns()
    {
        var (h, peer, kernel) = Setup();
        h.Origin.AnnounceVia("10.50.0.0/16", "10.99.0.254", "eth0");
        h.Loop.RunPending();
        h.Announce(peer, Path("10.50.0.9"), "10.80.0.0/16");
        kernel.Exports.Clear();

        h.Origin.Withdraw("10.50.0.0/16");
        h.Loop.RunPending();
        var route = h.Best("10.80.0.0/16")!;
        Assert.That((route.Attributes.Dest, route.Attributes.NextHops.Length), Is.EqualTo((RouteDest.Unreachable, 0)));
        Assert.That(kernel.Exports.Last(e => e.Prefix == Prefix.Parse("10.80.0.0/16")).NewAttributes!.Dest, Is.EqualTo(RouteDest.Unreachable));

        h.Origin.AnnounceVia("10.50.0.0/16", "10.99.0.254", "eth0");
        h.Loop.RunPending();
        Assert.That(Hop(h.Best("10.80.0.0/16")!).Gateway, Is.EqualTo(IpAddress.Parse("10.99.0.254")));
    }

    [Test]
    public void Route_imported_before_its_igp_route_resolves_when_the_igp_route_arrives()
    {
        var (h, peer, _) = Setup();
        h.Announce(peer, Path("10.50.0.9"), "10.80.0.0/16");
        Assert.That(h.Best("10.80.0.0/16")!.Attributes.Dest, Is.EqualTo(RouteDest.Unreachable));

        h.Origin.AnnounceDevice("10.50.0.0/24", "vxlan21", 7);
        h.Loop.RunPending();

        var hop = Hop(h.Best("10.80.0.0/16")!);
        Assert.That((hop.Gateway, hop.InterfaceName, hop.InterfaceIndex), Is.EqualTo((IpAddress.Parse("10.50.0.9"), "vxlan21", 7)));
        Assert.That(h.Best("10.80.0.0/16")!.Attributes.IgpMetric, Is.EqualTo(0u), "a connected next hop has IGP metric 0");
    }

    [Test]
    public void A_more_specific_igp_route_takes_over_the_resolution()
    {
        var (h, peer, _) = Setup();
        h.Origin.AnnounceVia("10.50.0.0/16", "10.99.0.254", "eth0");
        h.Loop.RunPending();
        h.Announce(peer, Path("10.50.0.9"), "10.80.0.0/16");

        h.Origin.AnnounceVia("10.50.0.8/29", "10.99.0.200", "eth2");
        h.Loop.RunPending();
        Assert.That(Hop(h.Best("10.80.0.0/16")!).Gateway, Is.EqualTo(IpAddress.Parse("10.99.0.200")));

        h.Origin.Withdraw("10.50.0.8/29");
        h.Loop.RunPending();
        Assert.That(Hop(h.Best("10.80.0.0/16")!).Gateway, Is.EqualTo(IpAddress.Parse("10.99.0.254")));
    }

    [Test]
    public void A_change_elsewhere_in_the_table_leaves_recursive_routes_alone()
    {
        var (h, peer, kernel) = Setup();
        h.Origin.AnnounceVia("10.50.0.0/16", "10.99.0.254", "eth0");
        h.Loop.RunPending();
        h.Announce(peer, Path("10.50.0.9"), "10.80.0.0/16");
        var attributes = h.Best("10.80.0.0/16")!.Attributes;
        kernel.Exports.Clear();

        h.Origin.AnnounceVia("10.60.0.0/16", "10.99.0.1", "eth0");
        h.Origin.AnnounceVia("10.50.1.0/24", "10.99.0.1", "eth0");
        h.Loop.RunPending();

        Assert.That(h.Best("10.80.0.0/16")!.Attributes, Is.SameAs(attributes));
        Assert.That(kernel.Exports.Select(e => e.Prefix.ToString()), Is.EquivalentTo(new[] { "10.60.0.0/16", "10.50.1.0/24" }));
    }

    [Test]
    public void Next_hop_resolvable_only_through_another_recursive_route_is_unreachable()
    {
        var (h, peer, _) = Setup();
        h.Origin.AnnounceVia("10.50.0.0/16", "10.99.0.254", "eth0");
        h.Loop.RunPending();
        var warnings = new List<string>();
        h.Loop.LogMessage += (_, text) => warnings.Add(text);
        h.Announce(peer, Path("10.50.0.9"), "172.16.0.0/16");
        h.Announce(peer, Path("172.16.0.1"), "10.90.0.0/16");

        Assert.That(h.Best("10.90.0.0/16")!.Attributes.Dest, Is.EqualTo(RouteDest.Unreachable));
        Assert.That(warnings, Has.Some.EqualTo("Next hop address 172.16.0.1 resolvable through recursive route for 172.16.0.0/16"));
    }

    [Test]
    public void Recursive_route_takes_the_igp_metric_of_the_resolving_route()
    {
        var (h, peer, _) = Setup();
        h.Origin.AnnounceVia("10.50.0.0/16", "10.99.0.254", "eth0", igpMetric: 20);
        h.Loop.RunPending();
        h.Announce(peer, Path("10.50.0.9"), "10.80.0.0/16");
        Assert.That(h.Best("10.80.0.0/16")!.Attributes.IgpMetric, Is.EqualTo(20u));

        h.Origin.AnnounceVia("10.50.0.0/16", "10.99.0.254", "eth0", igpMetric: 5);
        h.Loop.RunPending();
        Assert.That(h.Best("10.80.0.0/16")!.Attributes.IgpMetric, Is.EqualTo(5u));
    }

    [Test]
    public void With_an_igp_table_next_hops_resolve_there_and_follow_its_changes()
    {
        var h = new ProtocolHarness();
        var igp = new Rib.Tables.RoutingTable("igp", Rib.Tables.TableFamily.Ipv4, h.Loop);
        var igpOrigin = new OriginProtocol(h.Loop, igp);
        igpOrigin.Start();
        igpOrigin.AnnounceVia("10.50.0.0/16", "10.99.0.254", "eth0");
        h.Origin.AnnounceVia("10.50.0.0/16", "10.99.0.1", "eth9"); // in the BGP table: not used for resolution
        h.Loop.RunPending();
        var peer = h.AddPeer("10.99.0.2", igpTable: igp);
        h.Establish(peer, 0x0A630002);
        h.Announce(peer, Path("10.50.0.9"), "10.80.0.0/16");
        Assert.That(Hop(h.Best("10.80.0.0/16")!).Gateway, Is.EqualTo(IpAddress.Parse("10.99.0.254")));

        igpOrigin.AnnounceVia("10.50.0.0/16", "10.99.0.253", "eth1");
        h.Loop.RunPending();
        Assert.That(Hop(h.Best("10.80.0.0/16")!).Gateway, Is.EqualTo(IpAddress.Parse("10.99.0.253")));

        igpOrigin.Withdraw("10.50.0.0/16");
        h.Loop.RunPending();
        Assert.That(h.Best("10.80.0.0/16")!.Attributes.Dest, Is.EqualTo(RouteDest.Unreachable));
    }

    [Test]
    public void Unused_host_entries_are_dropped_when_the_cache_updates()
    {
        var (h, peer, _) = Setup();
        h.Announce(peer, Path("10.50.0.9"), "10.80.0.0/16");
        Assert.That(h.Table.HostCache.Count, Is.EqualTo(1));
        h.Receive(peer, UpdateEncoder.Withdraw(BgpFamily.IPv4Unicast, [new NlriEntry(Prefix.Parse("10.80.0.0/16"))], new UpdateEncodeOptions()).Single());
        h.Origin.AnnounceDevice("10.50.0.0/24", "vxlan21", 7);
        h.Loop.RunPending();
        Assert.That(h.Table.HostCache.Count, Is.EqualTo(0));
    }
}
