using Bgpd.Bgp.Protocol;
using Bgpd.Bgp.Wire;
using Bgpd.Net;
using Bgpd.Rib.Attributes;

namespace Bgpd.Bgp.Tests.Protocol;

/// <summary>
/// Import reuses the EA list of attribute bytes seen lately, export reuses the encoded attributes of a
/// set it sent before: what routes carry and what goes on the wire must be exactly what a fresh decode
/// or encode gives, also when the attributes change between UPDATEs.
/// </summary>
public class AttributeCachingTests
{
    private static PathAttributes Attributes(string nextHop, uint localPref, params uint[] communities) => new()
    {
        Origin = Origin.Igp,
        AsPath = Bgpd.Bgp.Wire.AsPath.Empty,
        NextHop = IpAddress.Parse(nextHop),
        LocalPref = localPref,
        Communities = communities.Length == 0 ? null : communities,
    };

    [Test]
    public void Routes_announced_with_the_same_attribute_bytes_share_one_interned_list()
    {
        var h = new ProtocolHarness();
        var peer = h.AddPeer("10.99.0.2");
        h.Establish(peer, 0x0A630002);
        h.Announce(peer, Attributes("10.99.0.2", 200), "10.80.0.1/32");
        h.Announce(peer, Attributes("10.99.0.2", 200), "10.80.0.2/32");
        var first = h.Best("10.80.0.1/32")!.Attributes.Attributes;
        Assert.That(h.Best("10.80.0.2/32")!.Attributes.Attributes, Is.SameAs(first));
        Assert.That(first.TryGet(EaId.BgpLocalPref, out var pref) && pref.AsInt == 200);
    }

    [Test]
    public void Attribute_bytes_that_change_and_change_back_give_each_route_its_own_attributes()
    {
        var h = new ProtocolHarness();
        var peer = h.AddPeer("10.99.0.2");
        h.Establish(peer, 0x0A630002);
        // More distinct sets than the cache holds, then the first again.
        for (var i = 0; i < 6; i++) h.Announce(peer, Attributes("10.99.0.2", 100 + (uint)i, 65000u << 16 | (uint)i), $"10.80.0.{i}/32");
        h.Announce(peer, Attributes("10.99.0.3", 100, 65000u << 16), "10.80.1.0/32");
        h.Announce(peer, Attributes("10.99.0.2", 100, 65000u << 16), "10.80.1.1/32");
        for (var i = 0; i < 6; i++)
        {
            var eas = h.Best($"10.80.0.{i}/32")!.Attributes.Attributes;
            Assert.That(eas.TryGet(EaId.BgpLocalPref, out var pref) && pref.AsInt == 100 + i, $"route {i}");
            Assert.That(eas.TryGet(EaId.BgpCommunity, out var c) && c.AsIntSet.SequenceEqual([65000u << 16 | (uint)i]), $"route {i}");
        }
        Assert.That(h.Best("10.80.1.0/32")!.Attributes.Attributes.TryGet(EaId.BgpNextHop, out var hop) && hop.AsIp == IpAddress.Parse("10.99.0.3"));
        Assert.That(h.Best("10.80.1.1/32")!.Attributes.Attributes, Is.SameAs(h.Best("10.80.0.0/32")!.Attributes.Attributes));
    }

    [Test]
    public void A_route_without_local_pref_gets_the_default_also_when_its_bytes_come_again()
    {
        var h = new ProtocolHarness();
        var peer = h.AddPeer("10.99.0.2");
        h.Establish(peer, 0x0A630002);
        var bare = new PathAttributes { Origin = Origin.Igp, AsPath = Bgpd.Bgp.Wire.AsPath.Empty, NextHop = IpAddress.Parse("10.99.0.2") };
        h.Announce(peer, bare, "10.80.0.1/32");
        h.Announce(peer, bare, "10.80.0.2/32");
        foreach (var prefix in new[] { "10.80.0.1/32", "10.80.0.2/32" })
            Assert.That(h.Best(prefix)!.Attributes.Attributes.TryGet(EaId.BgpLocalPref, out var pref) && pref.AsInt == 100, prefix);
    }

    [Test]
    public void Reflected_updates_carry_the_encoding_of_their_own_attributes_across_flushes()
    {
        var h = new ProtocolHarness();
        var from = h.AddPeer("10.99.0.2", rrClient: true);
        var to = h.AddPeer("10.99.0.3", rrClient: true);
        h.Establish(from, 0x0A630002);
        h.Establish(to, 0x0A630003);
        h.Announce(from, Attributes("10.99.0.2", 200), "10.80.0.1/32");
        h.Announce(from, Attributes("10.99.0.2", 300), "10.80.0.2/32");
        h.Announce(from, Attributes("10.99.0.2", 200), "10.80.0.3/32");
        var sent = to.SentUpdates().Where(u => !u.AnnouncedIPv4.IsEmpty).ToList();
        Assert.That(sent, Has.Count.EqualTo(3));
        var expected = new uint[] { 200, 300, 200 };
        for (var i = 0; i < 3; i++)
        {
            Assert.That(sent[i].Attributes.LocalPref, Is.EqualTo(expected[i]), $"update {i}");
            Assert.That(sent[i].Attributes.OriginatorId, Is.EqualTo(0x0A630002u), $"update {i}");
            Assert.That(sent[i].Attributes.ClusterList, Is.EqualTo(new[] { ProtocolHarness.RouterId }), $"update {i}");
        }
        // The same set sent again is byte for byte what a fresh encoding gives.
        Assert.That(sent[2].RawAttributes.ToArray(), Is.EqualTo(UpdateEncoder.EncodeAttributes(sent[0].Attributes, fourOctetAs: true)));
        Assert.That(sent[0].RawAttributes.ToArray(), Is.EqualTo(sent[2].RawAttributes.ToArray()));
    }

    [Test]
    public void A_route_imported_after_its_next_hop_moved_gets_the_new_resolution_not_the_previous_routes()
    {
        var h = new ProtocolHarness();
        var peer = h.AddPeer("10.99.0.2");
        h.Establish(peer, 0x0A630002);
        h.Origin.AnnounceVia("10.50.0.0/16", "10.99.0.254", "eth0");
        h.Loop.RunPending();
        h.Announce(peer, ProtocolHarness.Path("10.50.0.9"), "10.80.0.1/32");
        h.Origin.AnnounceVia("10.50.0.0/16", "10.99.0.253", "eth1");
        h.Loop.RunPending();

        h.Announce(peer, ProtocolHarness.Path("10.50.0.9"), "10.80.0.2/32");

        foreach (var prefix in new[] { "10.80.0.1/32", "10.80.0.2/32" })
        {
            var hop = h.Best(prefix)!.Attributes.NextHops.Single();
            Assert.That((hop.Gateway, hop.InterfaceName), Is.EqualTo((IpAddress.Parse("10.99.0.253"), "eth1")), prefix);
        }
    }

    [Test]
    public void A_route_imported_after_the_previous_ones_left_the_table_gets_attributes_the_table_holds()
    {
        var h = new ProtocolHarness();
        var peer = h.AddPeer("10.99.0.2");
        h.Establish(peer, 0x0A630002);
        h.Announce(peer, Attributes("10.99.0.2", 200), "10.80.0.1/32");
        foreach (var message in UpdateEncoder.Withdraw(BgpFamily.IPv4Unicast, [new NlriEntry(Prefix.Parse("10.80.0.1/32"))], new UpdateEncodeOptions()))
            h.Receive(peer, message);
        Assert.That(h.Best("10.80.0.1/32"), Is.Null);

        h.Announce(peer, Attributes("10.99.0.2", 200), "10.80.0.2/32");
        var attributes = h.Best("10.80.0.2/32")!.Attributes;
        Assert.That(attributes.IsInterned && attributes.Uses == 1);
        Assert.That(h.Loop.Attributes.Intern(new RouteAttributes(attributes.Protocol, attributes.Source, attributes.Dest, attributes.NextHops, attributes.Attributes,
            from: attributes.From, igpMetric: attributes.IgpMetric, recursive: attributes.IsRecursive, hostEntry: attributes.HostEntry)), Is.SameAs(attributes));
    }
}
