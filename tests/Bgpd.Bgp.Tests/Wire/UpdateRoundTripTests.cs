using Bgpd.Bgp.Wire;
using Bgpd.Net;
using static Bgpd.Bgp.Tests.Wire.Bytes;

namespace Bgpd.Bgp.Tests.Wire;

/// <summary>GoBGP-style: every attribute is encoded, decoded and compared with what went in.</summary>
public class UpdateRoundTripTests
{
    private static readonly NlriEntry[] TwoPrefixes = [new(Prefix.Parse("10.1.0.0/16")), new(Prefix.Parse("192.168.7.128/25"))];

    private static PathAttributes Base() => new()
    {
        Origin = Origin.Igp,
        AsPath = AsPath.Sequence(65001, 65002),
        NextHop = IpAddress.Parse("10.99.0.2"),
    };

    private static UpdateMessage RoundTrip(PathAttributes attributes, bool fourOctet = true, bool internalPeer = true)
    {
        var messages = UpdateEncoder.Announce(BgpFamily.IPv4Unicast, attributes, TwoPrefixes, new UpdateEncodeOptions(TwoOctetAs: !fourOctet));
        Assert.That(messages, Has.Count.EqualTo(1));
        var update = UpdateMessage.Decode(Body(messages[0]), new UpdateDecodeOptions(TwoOctetAs: !fourOctet, IsInternal: internalPeer));
        Assert.That(update.Action, Is.EqualTo(UpdateErrorAction.None), string.Join("; ", update.Problems));
        Assert.That(Prefixes(update.Announced(BgpFamily.IPv4Unicast)), Is.EqualTo(new[] { "10.1.0.0/16", "192.168.7.128/25" }));
        Assert.That(update.Attributes, Is.EqualTo(attributes));
        return update;
    }

    [TestCase(Origin.Igp)]
    [TestCase(Origin.Egp)]
    [TestCase(Origin.Incomplete)]
    public void Origin_round_trips(Origin origin)
    {
        var attributes = Base();
        attributes.Origin = origin;
        RoundTrip(attributes);
    }

    [Test]
    public void Empty_as_path_round_trips()
    {
        var attributes = Base();
        attributes.AsPath = AsPath.Empty;
        RoundTrip(attributes);
    }

    [Test]
    public void As_path_with_every_segment_type_round_trips_with_four_octet_numbers()
    {
        var attributes = Base();
        attributes.AsPath = new AsPath([
            new AsPathSegment(AsPathSegmentType.ConfedSequence, [64600]),
            new AsPathSegment(AsPathSegmentType.Sequence, [4200000001, 65001]),
            new AsPathSegment(AsPathSegmentType.Set, [1, 2, 3]),
            new AsPathSegment(AsPathSegmentType.ConfedSet, [64601, 64602]),
        ]);
        RoundTrip(attributes);
        Assert.That(attributes.AsPath.Length, Is.EqualTo(3));
    }

    [Test]
    public void As_path_longer_than_255_is_split_into_segments_and_keeps_its_numbers()
    {
        var asns = Enumerable.Range(1, 300).Select(i => (uint)i).ToArray();
        var attributes = Base();
        attributes.AsPath = AsPath.Sequence(asns);
        var messages = UpdateEncoder.Announce(BgpFamily.IPv4Unicast, attributes, TwoPrefixes, new UpdateEncodeOptions());
        var decoded = UpdateMessage.Decode(Body(messages[0]), new UpdateDecodeOptions(IsInternal: true));
        Assert.That(decoded.Attributes.AsPath!.Segments, Has.Count.EqualTo(2));
        Assert.That(decoded.Attributes.AsPath.Segments.SelectMany(s => s.Asns), Is.EqualTo(asns));
        Assert.That(decoded.Attributes.AsPath.Length, Is.EqualTo(300));
    }

    [Test]
    public void Wide_as_path_to_a_two_octet_peer_travels_as_as_trans_plus_as4_path_and_merges_back()
    {
        var attributes = Base();
        attributes.AsPath = AsPath.Sequence(65001, 4200000001, 65003);
        attributes.Aggregator = new Aggregator(4200000002, IpAddress.Parse("10.0.0.9"));
        var update = RoundTrip(attributes, fourOctet: false);
        Assert.That(update.Attributes.AsPath!.ToString(), Is.EqualTo("65001 4200000001 65003"));
    }

    [Test]
    public void Two_octet_encoding_without_wide_numbers_sends_no_as4_attributes()
    {
        var attributes = Base();
        attributes.Aggregator = new Aggregator(65010, IpAddress.Parse("10.0.0.9"));
        var bytes = UpdateEncoder.EncodeAttributes(attributes, fourOctetAs: false);
        Assert.That(bytes.Contains(AttributeType.As4Path) && bytes.Contains(AttributeType.As4Aggregator), Is.False);
        RoundTrip(attributes, fourOctet: false);
    }

    [Test]
    public void Next_hop_med_and_local_pref_round_trip()
    {
        var attributes = Base();
        attributes.NextHop = IpAddress.Parse("172.16.0.1");
        attributes.Med = 50;
        attributes.LocalPref = 200;
        RoundTrip(attributes);
    }

    [Test]
    public void Atomic_aggregate_and_aggregator_round_trip()
    {
        var attributes = Base();
        attributes.AtomicAggregate = true;
        attributes.Aggregator = new Aggregator(65010, IpAddress.Parse("10.0.0.9"));
        RoundTrip(attributes);
    }

    [Test]
    public void Communities_extended_and_large_round_trip()
    {
        var attributes = Base();
        attributes.Communities = [(64512u << 16) | 200, 0xFFFFFF01];
        attributes.ExtendedCommunities = [0x0002FC0000000007UL, 0x0003000000000001UL];
        attributes.LargeCommunities = [new LargeCommunity(64512, 1, 1), new LargeCommunity(4200000000, 2, 3)];
        RoundTrip(attributes);
    }

    [Test]
    public void Originator_id_and_cluster_list_round_trip()
    {
        var attributes = Base();
        attributes.OriginatorId = 0x0A630002;
        attributes.ClusterList = [0x01010101, 0x02020202];
        RoundTrip(attributes);
    }

    [Test]
    public void Only_to_customer_round_trips()
    {
        var attributes = Base();
        attributes.OnlyToCustomer = 65005;
        RoundTrip(attributes);
    }

    [Test]
    public void Unknown_optional_transitive_attribute_is_passed_on_with_the_partial_bit()
    {
        var body = UpdateBody([], Cat(Mandatory(), Attr(AttributeFlags.OptionalTransitive, 99, 1, 2, 3)), Prefix4("10.0.0.0/8"));
        var update = Decode(body);
        Assert.That(update.Action, Is.EqualTo(UpdateErrorAction.None));
        Assert.That(update.Attributes.Unknown, Is.EqualTo(new[] { new RawAttribute(AttributeFlags.OptionalTransitive | AttributeFlags.Partial, 99, new byte[] { 1, 2, 3 }) }));
        RoundTrip(WithUnknown(update.Attributes));
    }

    private static PathAttributes WithUnknown(PathAttributes decoded)
    {
        var attributes = Base();
        attributes.Origin = decoded.Origin;
        attributes.AsPath = decoded.AsPath;
        attributes.NextHop = decoded.NextHop;
        attributes.Unknown = decoded.Unknown;
        return attributes;
    }

    [Test]
    public void Unknown_optional_non_transitive_attribute_is_dropped_quietly()
    {
        var body = UpdateBody([], Cat(Mandatory(), Attr(AttributeFlags.Optional, 99, 1, 2, 3)), Prefix4("10.0.0.0/8"));
        var update = Decode(body);
        Assert.That(update.Action, Is.EqualTo(UpdateErrorAction.None));
        Assert.That(update.Attributes.Unknown, Is.Null);
    }

    [Test]
    public void Attribute_longer_than_255_bytes_uses_extended_length_and_round_trips()
    {
        var attributes = Base();
        attributes.Communities = Enumerable.Range(0, 100).Select(i => (uint)i).ToArray();
        var bytes = UpdateEncoder.EncodeAttributes(attributes, true);
        var at = Array.IndexOf(bytes, AttributeType.Communities) - 1;
        Assert.That(bytes[at] & AttributeFlags.ExtendedLength, Is.Not.Zero);
        RoundTrip(attributes);
    }

    [Test]
    public void Ipv4_withdrawals_round_trip()
    {
        var messages = UpdateEncoder.Withdraw(BgpFamily.IPv4Unicast, TwoPrefixes, new UpdateEncodeOptions());
        var update = Decode(Body(messages.Single()));
        Assert.That(Prefixes(update.Withdrawn(BgpFamily.IPv4Unicast)), Is.EqualTo(new[] { "10.1.0.0/16", "192.168.7.128/25" }));
        Assert.That(Prefixes(update.Announced(BgpFamily.IPv4Unicast)), Is.Empty);
    }

    [Test]
    public void Ipv6_announcement_round_trips_through_mp_reach_with_global_and_link_local_next_hops()
    {
        NlriEntry[] prefixes = [new(Prefix.Parse("2001:db8::/32")), new(Prefix.Parse("2001:db8:1:2::/64")), new(Prefix.Parse("::/0"))];
        var global = IpAddress.Parse("2001:db8::1");
        var linkLocal = IpAddress.Parse("fe80::1");
        var attributes = new PathAttributes { Origin = Origin.Incomplete, AsPath = AsPath.Sequence(65001), LocalPref = 100 };
        var message = UpdateEncoder.Announce(BgpFamily.IPv6Unicast, attributes, prefixes, new UpdateEncodeOptions(), global, linkLocal).Single();
        var update = Decode(Body(message));
        Assert.That(update.Action, Is.EqualTo(UpdateErrorAction.None));
        Assert.That(update.MpReach!.NextHop, Is.EqualTo(global));
        Assert.That(update.MpReach.LinkLocalNextHop, Is.EqualTo(linkLocal));
        Assert.That(update.NextHopFor(BgpFamily.IPv6Unicast), Is.EqualTo(global));
        Assert.That(update.Attributes, Is.EqualTo(attributes));
        Assert.That(Prefixes(update.Announced(BgpFamily.IPv6Unicast)), Is.EqualTo(new[] { "2001:db8::/32", "2001:db8:1:2::/64", "::/0" }));
        Assert.That(Prefixes(update.Announced(BgpFamily.IPv4Unicast)), Is.Empty);
    }

    [Test]
    public void Ipv6_announcement_with_only_a_global_next_hop_round_trips()
    {
        var message = UpdateEncoder.Announce(BgpFamily.IPv6Unicast, new PathAttributes { Origin = Origin.Igp, AsPath = AsPath.Empty },
            [new NlriEntry(Prefix.Parse("2001:db8::/48"))], new UpdateEncodeOptions(), IpAddress.Parse("2001:db8::9")).Single();
        var update = Decode(Body(message));
        Assert.That(update.MpReach!.LinkLocalNextHop, Is.Null);
        Assert.That(update.MpReach.NextHop, Is.EqualTo(IpAddress.Parse("2001:db8::9")));
    }

    [Test]
    public void Ipv6_withdrawals_round_trip_through_mp_unreach()
    {
        var message = UpdateEncoder.Withdraw(BgpFamily.IPv6Unicast, [new NlriEntry(Prefix.Parse("2001:db8::/32"))], new UpdateEncodeOptions()).Single();
        var update = Decode(Body(message));
        Assert.That(update.IsEndOfRib(out _), Is.False);
        Assert.That(Prefixes(update.Withdrawn(BgpFamily.IPv6Unicast)), Is.EqualTo(new[] { "2001:db8::/32" }));
    }

    [Test]
    public void Add_path_identifiers_round_trip_for_both_families()
    {
        var options = new UpdateEncodeOptions(AddPathIPv4: true, AddPathIPv6: true);
        var decodeOptions = new UpdateDecodeOptions(IsInternal: true, AddPathIPv4: true, AddPathIPv6: true);
        NlriEntry[] v4 = [new(Prefix.Parse("10.0.0.0/24"), 1), new(Prefix.Parse("10.0.0.0/24"), 7)];
        var update = UpdateMessage.Decode(Body(UpdateEncoder.Announce(BgpFamily.IPv4Unicast, Base(), v4, options).Single()), decodeOptions);
        Assert.That(List(update.Announced(BgpFamily.IPv4Unicast)), Is.EqualTo(v4));
        NlriEntry[] v6 = [new(Prefix.Parse("2001:db8::/64"), 42)];
        var withdraw = UpdateMessage.Decode(Body(UpdateEncoder.Withdraw(BgpFamily.IPv6Unicast, v6, options).Single()), decodeOptions);
        Assert.That(List(withdraw.Withdrawn(BgpFamily.IPv6Unicast)), Is.EqualTo(v6));
    }

    [Test]
    public void Many_prefixes_are_packed_into_as_few_messages_as_fit_and_all_come_back()
    {
        var prefixes = Enumerable.Range(0, 3000).Select(i => new NlriEntry(Prefix.Host(IpAddress.V4(0x0A000000u + (uint)i)))).ToArray();
        var messages = UpdateEncoder.Announce(BgpFamily.IPv4Unicast, Base(), prefixes, new UpdateEncodeOptions());
        Assert.That(messages.All(m => m.Length <= BgpWire.MaxMessageLength), Is.True);
        Assert.That(messages, Has.Count.EqualTo(4));
        var back = messages.SelectMany(m => List(Decode(Body(m)).Announced(BgpFamily.IPv4Unicast))).ToArray();
        Assert.That(back, Is.EqualTo(prefixes));
        var extended = UpdateEncoder.Announce(BgpFamily.IPv4Unicast, Base(), prefixes, new UpdateEncodeOptions(MaxMessageLength: BgpWire.MaxExtendedMessageLength));
        Assert.That(extended, Has.Count.EqualTo(1));
    }

    [Test]
    public void End_of_rib_markers_are_recognised_for_both_families()
    {
        Assert.That(Decode(Body(UpdateEncoder.EndOfRib(BgpFamily.IPv4Unicast))).IsEndOfRib(out var v4), Is.True);
        Assert.That(v4, Is.EqualTo(BgpFamily.IPv4Unicast));
        Assert.That(Decode(Body(UpdateEncoder.EndOfRib(BgpFamily.IPv6Unicast))).IsEndOfRib(out var v6), Is.True);
        Assert.That(v6, Is.EqualTo(BgpFamily.IPv6Unicast));
    }

    [Test]
    public void Host_bits_past_the_prefix_length_are_cleared_on_decode()
    {
        var update = Decode(UpdateBody([], Mandatory(), [24, 10, 1, 2, 30, 10, 1, 2, 255]));
        Assert.That(Prefixes(update.Announced(BgpFamily.IPv4Unicast)), Is.EqualTo(new[] { "10.1.2.0/24", "10.1.2.252/30" }));
    }

    [Test]
    public void Keepalive_is_a_bare_header()
    {
        Assert.That(BgpWire.Keepalive(), Is.EqualTo(Cat(Enumerable.Repeat((byte)0xFF, 16).ToArray(), [0, 19, 4])));
    }
}
