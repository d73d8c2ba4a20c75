using AsPath = Bgpd.Bgp.Wire.AsPath;
using Bgpd.Bgp.Wire;
using Bgpd.Net;
using Bgpd.Rib.Attributes;
using Bgpd.Rib.Protocols;
using static Bgpd.Bgp.Tests.Protocol.ProtocolHarness;

namespace Bgpd.Bgp.Tests.Protocol;

public class BgpProtocolTests
{
    [Test]
    public void Received_routes_enter_the_table_with_bgp_attributes_and_default_local_pref()
    {
        var h = new ProtocolHarness { Interfaces = new OneInterface("rsv16", "10.99.0.0/24") };
        var peer = h.AddPeer("10.99.0.2");
        h.Establish(peer, 0x0A630002);
        var attributes = Path("10.99.0.2");
        attributes.Communities = [(64512u << 16) | 200];
        h.Announce(peer, attributes, "10.20.1.0/24", "10.20.2.0/24");
        var route = h.Best("10.20.1.0/24")!;
        Assert.That(route.Attributes.Source, Is.EqualTo(RouteSource.Bgp));
        Assert.That(route.Attributes.Gateway, Is.EqualTo(IpAddress.Parse("10.99.0.2")));
        Assert.That(route.Attributes.From, Is.EqualTo(IpAddress.Parse("10.99.0.2")));
        Assert.That(route.Attributes.IsRecursive, Is.True);
        Assert.That(route.Preference, Is.EqualTo(100));
        Assert.That(route.Attributes.TryGet(EaId.BgpLocalPref, out var localPref) ? localPref.AsInt : 0, Is.EqualTo(100));
        Assert.That(route.Attributes.TryGet(EaId.BgpCommunity, out var communities) ? communities.AsIntSet.ToArray() : [], Is.EqualTo(new[] { (64512u << 16) | 200 }));
        Assert.That(ReferenceEquals(route.Attributes, h.Best("10.20.2.0/24")!.Attributes), Is.True, "one interned attribute set per UPDATE");
    }

    [Test]
    public void Withdrawn_and_treat_as_withdraw_routes_leave_the_table()
    {
        var h = new ProtocolHarness();
        var peer = h.AddPeer("10.99.0.2");
        h.Establish(peer, 0x0A630002);
        h.Announce(peer, Path("10.99.0.2"), "10.20.1.0/24", "10.20.2.0/24");
        h.Receive(peer, UpdateEncoder.Withdraw(BgpFamily.IPv4Unicast, [new NlriEntry(Prefix.Parse("10.20.1.0/24"))], new UpdateEncodeOptions()).Single());
        Assert.That(h.Best("10.20.1.0/24"), Is.Null);
        var bad = Wire.Bytes.UpdateBody([], Wire.Bytes.Cat(Wire.Bytes.OriginAttr(7), Wire.Bytes.AsPath4(), Wire.Bytes.NextHop("10.99.0.2")), Wire.Bytes.Prefix4("10.20.2.0/24"));
        h.Receive(peer, Wire.Bytes.Message(MessageType.Update, bad));
        Assert.That(h.Best("10.20.2.0/24"), Is.Null);
        Assert.That(peer.Protocol.State, Is.EqualTo(ProtocolState.Up));
    }

    [Test]
    public void Session_going_down_flushes_the_peers_routes()
    {
        var h = new ProtocolHarness();
        var peer = h.AddPeer("10.99.0.2");
        h.Establish(peer, 0x0A630002);
        h.Announce(peer, Path("10.99.0.2"), "10.20.1.0/24");
        h.Receive(peer, NotificationMessage.Encode(new BgpError(6, 2)));
        Assert.That(h.Best("10.20.1.0/24"), Is.Null);
        Assert.That(peer.Protocol.State, Is.EqualTo(ProtocolState.Start));
        Assert.That(peer.Protocol.Info, Is.EqualTo("Passive       Received: Administrative shutdown"));
    }

    [Test]
    public void Route_with_our_originator_id_or_cluster_id_or_as_is_dropped()
    {
        var h = new ProtocolHarness();
        var peer = h.AddPeer("10.99.0.2");
        h.Establish(peer, 0x0A630002);
        var originator = Path("10.99.0.2");
        originator.OriginatorId = RouterId;
        h.Announce(peer, originator, "10.20.1.0/24");
        var cluster = Path("10.99.0.2");
        cluster.ClusterList = [0x01010101, RouterId];
        h.Announce(peer, cluster, "10.20.2.0/24");
        h.Announce(peer, Path("10.99.0.2", 65001, LocalAs), "10.20.3.0/24");
        h.Announce(peer, Path("10.99.0.2", 65001), "10.20.4.0/24");
        Assert.That(h.Best("10.20.1.0/24"), Is.Null);
        Assert.That(h.Best("10.20.2.0/24"), Is.Null);
        Assert.That(h.Best("10.20.3.0/24"), Is.Null);
        Assert.That(h.Best("10.20.4.0/24"), Is.Not.Null);
    }

    [Test]
    public void Local_route_goes_to_an_internal_peer_with_igp_origin_local_pref_and_next_hop_self_then_end_of_rib()
    {
        var h = new ProtocolHarness();
        h.Origin.Announce("192.168.16.0/26");
        h.Loop.RunPending();
        var peer = h.AddPeer("10.99.0.2");
        h.Establish(peer, 0x0A630002);
        var updates = peer.SentUpdates();
        var announce = updates.Single(u => u.Announced(BgpFamily.IPv4Unicast).Count() > 0);
        Assert.That(Wire.Bytes.Prefixes(announce.Announced(BgpFamily.IPv4Unicast)), Is.EqualTo(new[] { "192.168.16.0/26" }));
        Assert.That(announce.Attributes.Origin, Is.EqualTo(Origin.Igp));
        Assert.That(announce.Attributes.AsPath!.IsEmpty, Is.True);
        Assert.That(announce.Attributes.LocalPref, Is.EqualTo(100));
        Assert.That(announce.Attributes.NextHop, Is.EqualTo(IpAddress.Parse("10.99.0.1")));
        Assert.That(updates[^1].IsEndOfRib(out _), Is.True);
    }

    [Test]
    public void External_peer_gets_our_as_prepended_med_zeroed_no_local_pref_and_next_hop_self()
    {
        var h = new ProtocolHarness();
        var ibgp = h.AddPeer("10.99.0.2");
        h.Establish(ibgp, 0x0A630002);
        var ebgp = h.AddPeer("10.99.0.3", peerAs: 65001);
        h.Establish(ebgp, 0x0A630003);
        var attributes = Path("10.99.0.2", 65100);
        attributes.Med = 5;
        h.Announce(ibgp, attributes, "10.30.0.0/16");
        h.Loop.RunPending();
        var sent = ebgp.SentUpdates().Single(u => u.Announced(BgpFamily.IPv4Unicast).Count() > 0);
        Assert.That(sent.Attributes.AsPath!.ToString(), Is.EqualTo("64512 65100"));
        Assert.That(sent.Attributes.LocalPref, Is.Null);
        // BIRD 1.6 (bgp_update_attrs) zeroes a MED towards another AS rather than dropping it
        // (ExportAttributesSideBySideTests shows its peer receiving MED 0).
        Assert.That(sent.Attributes.Med, Is.EqualTo(0));
        Assert.That(sent.Attributes.NextHop, Is.EqualTo(IpAddress.Parse("10.99.0.1")));
    }

    [Test]
    public void Routes_are_not_sent_back_to_their_peer_nor_between_internal_non_clients()
    {
        var h = new ProtocolHarness();
        var a = h.AddPeer("10.99.0.2");
        h.Establish(a, 0x0A630002);
        var b = h.AddPeer("10.99.0.3");
        h.Establish(b, 0x0A630003);
        a.Sent.Clear();
        b.Sent.Clear();
        h.Announce(a, Path("10.99.0.2"), "10.40.0.0/16");
        h.Loop.RunPending();
        Assert.That(a.SentUpdates(), Is.Empty);
        Assert.That(b.SentUpdates(), Is.Empty);
    }

    [Test]
    public void Route_reflector_adds_originator_and_cluster_and_keeps_the_next_hop()
    {
        var h = new ProtocolHarness();
        var client = h.AddPeer("10.99.0.2", rrClient: true);
        h.Establish(client, 0x0A630002);
        var other = h.AddPeer("10.99.0.3");
        h.Establish(other, 0x0A630003);
        other.Sent.Clear();
        h.Announce(client, Path("10.99.0.2"), "10.40.0.0/16");
        h.Loop.RunPending();
        var reflected = other.SentUpdates().Single();
        Assert.That(reflected.Attributes.OriginatorId, Is.EqualTo(0x0A630002));
        Assert.That(reflected.Attributes.ClusterList, Is.EqualTo(new[] { RouterId }));
        Assert.That(reflected.Attributes.NextHop, Is.EqualTo(IpAddress.Parse("10.99.0.2")));
    }

    [Test]
    public void Many_routes_with_one_attribute_set_are_packed_into_one_update()
    {
        var h = new ProtocolHarness();
        for (var i = 0; i < 100; i++) h.Origin.Announce($"10.60.{i}.0/24");
        h.Loop.RunPending();
        var peer = h.AddPeer("10.99.0.2");
        h.Establish(peer, 0x0A630002);
        var updates = peer.SentUpdates();
        Assert.That(updates, Has.Count.EqualTo(2), "one UPDATE with 100 prefixes, then End-of-RIB");
        Assert.That(updates[0].Announced(BgpFamily.IPv4Unicast).Count(), Is.EqualTo(100));
    }

    [Test]
    public void A_burst_leaves_in_batches_while_it_is_still_being_imported_and_every_prefix_once()
    {
        var h = new ProtocolHarness();
        var peer = h.AddPeer("10.99.0.2");
        h.Establish(peer, 0x0A630002);
        var before = peer.SentUpdates().Count;
        var sentDuringBurst = 0;
        h.Loop.Post(() =>
        {
            for (var i = 0; i < 10_000; i++) h.Origin.Announce($"10.{64 + (i >> 8)}.{i & 255}.0/24");
            sentDuringBurst = peer.SentUpdates().Count - before;
        });
        h.Loop.RunPending();

        var announced = new List<Prefix>();
        foreach (var update in peer.SentUpdates().Skip(before))
        {
            var entries = update.Announced(BgpFamily.IPv4Unicast);
            while (entries.MoveNext()) announced.Add(entries.Current.Prefix);
        }
        Assert.That(sentDuringBurst, Is.GreaterThan(0), "UPDATEs went out before the burst's work item ended");
        Assert.That(announced, Has.Count.EqualTo(10_000));
        Assert.That(announced.Distinct().Count(), Is.EqualTo(10_000));
    }

    [TestCase("local_pref")]
    [TestCase("as_path")]
    [TestCase("origin")]
    [TestCase("med")]
    [TestCase("router_id")]
    public void Best_path_follows_bird_order(string criterion)
    {
        var h = new ProtocolHarness();
        var a = h.AddPeer("10.99.0.2");
        h.Establish(a, 0x0A630002);
        var b = h.AddPeer("10.99.0.3");
        h.Establish(b, 0x0A630009);
        var worse = Path("10.99.0.2", 65001);
        var better = Path("10.99.0.3", 65001);
        switch (criterion)
        {
            case "local_pref": worse.LocalPref = 100; better.LocalPref = 200; worse.AsPath = AsPath.Sequence(1); better.AsPath = AsPath.Sequence(1, 2, 3); break;
            case "as_path": worse.AsPath = AsPath.Sequence(65001, 65002); break;
            case "origin": worse.Origin = Origin.Incomplete; better.Origin = Origin.Egp; break;
            case "med": worse.Med = 50; better.Med = 10; break;
            case "router_id": (a, b) = (b, a); worse = Path("10.99.0.3", 65001); better = Path("10.99.0.2", 65001); break;
        }
        h.Announce(a, worse, "10.50.0.0/16");
        h.Announce(b, better, "10.50.0.0/16");
        Assert.That(h.Best("10.50.0.0/16")!.Attributes.Protocol, Is.SameAs(b.Protocol));
    }

    [Test]
    public void External_route_wins_over_internal_at_equal_attributes()
    {
        var h = new ProtocolHarness();
        var ibgp = h.AddPeer("10.99.0.2");
        h.Establish(ibgp, 0x01000001);
        var ebgp = h.AddPeer("10.99.0.3", peerAs: 65001);
        h.Establish(ebgp, 0x0A630009);
        h.Announce(ebgp, Path("10.99.0.3", 65001), "10.50.0.0/16");
        h.Announce(ibgp, Path("10.99.0.2", 65001), "10.50.0.0/16");
        Assert.That(h.Best("10.50.0.0/16")!.Attributes.Protocol, Is.SameAs(ebgp.Protocol));
    }
}

public class BgpRouteLimitTests
{
    [Test]
    public void Import_limit_hit_sends_cease_maximum_prefixes_and_disables_the_protocol()
    {
        var h = new ProtocolHarness();
        var channel = new ChannelOptions { ImportFilter = Bgpd.Rib.Filtering.Filters.All, ExportFilter = Bgpd.Rib.Filtering.Filters.All, ImportLimit = new RouteLimitOptions(2) };
        var peer = h.AddPeer("10.99.0.2", channel: channel);
        h.Establish(peer, 0x0A630002);
        peer.Sent.Clear();
        h.Announce(peer, Path("10.99.0.2"), "10.20.1.0/24", "10.20.2.0/24", "10.20.3.0/24");
        h.Loop.RunPending();
        var notification = peer.Sent.Last(m => m[18] == (byte)MessageType.Notification);
        Assert.That(NotificationMessage.Decode(notification[19..]), Is.EqualTo(new BgpError(6, 1)));
        Assert.That(peer.Protocol.State, Is.EqualTo(ProtocolState.Down));
        Assert.That(peer.Protocol.Disabled, Is.True);
        Assert.That(h.Best("10.20.1.0/24"), Is.Null);
        Assert.That(peer.Protocol.Info, Is.EqualTo("Automatic shutdown: Route limit exceeded"));
    }
}

public class BgpRouteRefreshTests
{
    private static List<byte> Types(ProtocolHarness.Peer peer) => peer.Sent.Select(m => m[18]).ToList();

    [Test]
    public void Refresh_request_resends_our_routes_between_borr_and_eorr()
    {
        var h = new ProtocolHarness();
        h.Origin.Announce("192.168.16.0/26");
        h.Loop.RunPending();
        var peer = h.AddPeer("10.99.0.2");
        h.Establish(peer, 0x0A630002);
        peer.Sent.Clear();
        h.Receive(peer, new RouteRefreshMessage(BgpFamily.IPv4Unicast, RouteRefreshSubtype.Request).Encode());
        Assert.That(Types(peer), Is.EqualTo(new byte[] { 5, 2, 5 }));
        Assert.That(peer.Sent[0][21], Is.EqualTo((byte)RouteRefreshSubtype.BeginOfRouteRefresh));
        Assert.That(peer.Sent[2][21], Is.EqualTo((byte)RouteRefreshSubtype.EndOfRouteRefresh));
        Assert.That(Wire.Bytes.Prefixes(peer.SentUpdates().Single().Announced(BgpFamily.IPv4Unicast)), Is.EqualTo(new[] { "192.168.16.0/26" }));
    }

    [Test]
    public void Peers_begin_and_end_markers_do_not_trigger_a_resend()
    {
        var h = new ProtocolHarness();
        h.Origin.Announce("192.168.16.0/26");
        h.Loop.RunPending();
        var peer = h.AddPeer("10.99.0.2");
        h.Establish(peer, 0x0A630002);
        peer.Sent.Clear();
        h.Receive(peer, new RouteRefreshMessage(BgpFamily.IPv4Unicast, RouteRefreshSubtype.BeginOfRouteRefresh).Encode());
        h.Receive(peer, new RouteRefreshMessage(BgpFamily.IPv4Unicast, RouteRefreshSubtype.EndOfRouteRefresh).Encode());
        Assert.That(peer.Sent, Is.Empty);
    }

    [Test]
    public void Peers_enhanced_refresh_withdraws_the_routes_it_did_not_send_again()
    {
        var h = new ProtocolHarness { Interfaces = new OneInterface("eth0", "10.99.0.0/24") };
        var peer = h.AddPeer("10.99.0.2");
        h.Establish(peer, 0x0A630002);
        h.Announce(peer, Path("10.99.0.2"), "10.80.0.0/16", "10.81.0.0/16");
        h.Receive(peer, new RouteRefreshMessage(BgpFamily.IPv4Unicast, RouteRefreshSubtype.BeginOfRouteRefresh).Encode());
        h.Announce(peer, Path("10.99.0.2"), "10.80.0.0/16");
        Assert.That(h.Best("10.81.0.0/16"), Is.Not.Null, "kept until the end marker");
        h.Receive(peer, new RouteRefreshMessage(BgpFamily.IPv4Unicast, RouteRefreshSubtype.EndOfRouteRefresh).Encode());
        Assert.That(h.Best("10.81.0.0/16"), Is.Null);
        Assert.That(h.Best("10.80.0.0/16")!.IsStale, Is.False);
    }

    [Test]
    public void Reload_in_sends_a_route_refresh_request_to_a_peer_that_supports_it()
    {
        var h = new ProtocolHarness();
        var peer = h.AddPeer("10.99.0.2");
        h.Establish(peer, 0x0A630002);
        peer.Sent.Clear();
        Assert.That(peer.Protocol.Reload(ReloadDirection.In), Is.True);
        var refresh = peer.Sent.Single();
        Assert.That(RouteRefreshMessage.Decode(refresh, out var decoded, out _), Is.EqualTo(RouteRefreshMessage.DecodeStatus.Ok));
        Assert.That(decoded, Is.EqualTo(new RouteRefreshMessage(BgpFamily.IPv4Unicast, RouteRefreshSubtype.Request)));
    }
}

public class BgpPreferOlderTests
{
    [TestCase(false, "10.99.0.2")]
    [TestCase(true, "10.99.0.3")]
    public void Prefer_older_keeps_the_first_of_two_external_routes_over_a_lower_router_id(bool preferOlder, string winner)
    {
        var h = new ProtocolHarness();
        var first = h.AddPeer("10.99.0.3", peerAs: 65001, tweak: o => o with { PreferOlder = preferOlder });
        h.Establish(first, 0x0A630009);
        var second = h.AddPeer("10.99.0.2", peerAs: 65002, tweak: o => o with { PreferOlder = preferOlder });
        h.Establish(second, 0x0A630002);
        h.Announce(first, Path("10.99.0.3", 65001), "10.50.0.0/16");
        h.Announce(second, Path("10.99.0.2", 65002), "10.50.0.0/16");
        Assert.That(h.Best("10.50.0.0/16")!.Attributes.From, Is.EqualTo(IpAddress.Parse(winner)));
    }
}
