using Bgpd.Bgp.Wire;
using static Bgpd.Bgp.Tests.Wire.Bytes;

namespace Bgpd.Bgp.Tests.Wire;

/// <summary>One test per malformation class of RFC 7606 / RFC 4271, checking the action and what happens to the routes.</summary>
public class UpdateErrorTests
{
    private static readonly byte[] Nlri = Prefix4("10.20.0.0/16");
    private static readonly byte[] Withdrawn = Prefix4("10.30.0.0/16");

    private static UpdateMessage WithAttributes(byte[] attributes, byte[]? nlri = null, UpdateDecodeOptions? options = null) =>
        Decode(UpdateBody(Withdrawn, attributes, nlri ?? Nlri), options);

    private static void AssertTreatAsWithdraw(UpdateMessage update)
    {
        Assert.That(update.Action, Is.EqualTo(UpdateErrorAction.TreatAsWithdraw), string.Join("; ", update.Problems));
        Assert.That(update.Error, Is.Null);
        Assert.That(Prefixes(update.Announced(BgpFamily.IPv4Unicast)), Is.Empty);
        Assert.That(Prefixes(update.Withdrawn(BgpFamily.IPv4Unicast)), Is.EquivalentTo(new[] { "10.30.0.0/16", "10.20.0.0/16" }));
    }

    private static void AssertReset(UpdateMessage update, int subcode)
    {
        Assert.That(update.Action, Is.EqualTo(UpdateErrorAction.SessionReset), string.Join("; ", update.Problems));
        Assert.That(update.Error!.Code, Is.EqualTo(3));
        Assert.That(update.Error.Subcode, Is.EqualTo(subcode));
        Assert.That(Prefixes(update.Announced(BgpFamily.IPv4Unicast)), Is.Empty);
        Assert.That(Prefixes(update.Withdrawn(BgpFamily.IPv4Unicast)), Is.Empty);
    }

    private static void AssertDiscardKeepsRoute(UpdateMessage update)
    {
        Assert.That(update.Action, Is.EqualTo(UpdateErrorAction.AttributeDiscard), string.Join("; ", update.Problems));
        Assert.That(Prefixes(update.Announced(BgpFamily.IPv4Unicast)), Is.EqualTo(new[] { "10.20.0.0/16" }));
        Assert.That(update.Problems, Is.Not.Empty);
    }

    [Test]
    public void Clean_update_announces_and_withdraws()
    {
        var update = WithAttributes(Mandatory());
        Assert.That(update.Action, Is.EqualTo(UpdateErrorAction.None));
        Assert.That(Prefixes(update.Announced(BgpFamily.IPv4Unicast)), Is.EqualTo(new[] { "10.20.0.0/16" }));
        Assert.That(Prefixes(update.Withdrawn(BgpFamily.IPv4Unicast)), Is.EqualTo(new[] { "10.30.0.0/16" }));
    }

    [Test]
    public void Withdrawn_length_overrunning_the_message_resets_the_session()
    {
        AssertReset(Decode(Cat(U16(200), Withdrawn, U16(0))), 1);
    }

    [Test]
    public void Total_attribute_length_overrunning_the_message_resets_the_session()
    {
        AssertReset(Decode(Cat(U16(0), U16(500), Mandatory(), Nlri)), 1);
    }

    [Test]
    public void Update_body_too_short_for_its_length_fields_resets_the_session()
    {
        AssertReset(Decode([0, 0, 0]), 1);
    }

    [Test]
    public void Attribute_length_overrunning_the_attribute_list_is_treat_as_withdraw()
    {
        AssertTreatAsWithdraw(WithAttributes(Cat(Mandatory(), [AttributeFlags.Optional, AttributeType.MultiExitDisc, 40, 0, 0, 0, 1])));
    }

    [Test]
    public void Truncated_attribute_header_is_treat_as_withdraw()
    {
        AssertTreatAsWithdraw(WithAttributes(Cat(Mandatory(), [AttributeFlags.Optional, AttributeType.MultiExitDisc])));
    }

    [Test]
    public void Mp_reach_overrunning_the_attribute_list_resets_the_session()
    {
        AssertReset(WithAttributes(Cat(Mandatory(), [AttributeFlags.Optional, AttributeType.MpReachNlri, 60, 0, 2, 1])), 5);
    }

    [TestCase(AttributeType.Origin, (byte)(AttributeFlags.Optional | AttributeFlags.Transitive), new byte[] { 0 })]
    [TestCase(AttributeType.NextHop, AttributeFlags.Optional, new byte[] { 10, 0, 0, 1 })]
    [TestCase(AttributeType.MultiExitDisc, AttributeFlags.WellKnown, new byte[] { 0, 0, 0, 1 })]
    [TestCase(AttributeType.Communities, AttributeFlags.WellKnown, new byte[] { 0, 0, 0, 1 })]
    [TestCase(AttributeType.LocalPref, AttributeFlags.Optional, new byte[] { 0, 0, 0, 1 })]
    public void Flags_that_contradict_the_type_are_treat_as_withdraw(byte type, byte flags, byte[] value)
    {
        var attributes = type == AttributeType.Origin
            ? Cat(Attr(flags, type, value), AsPath4(), NextHop("10.0.0.1"))
            : type == AttributeType.NextHop ? Cat(OriginAttr(), AsPath4(), Attr(flags, type, value)) : Cat(Mandatory(), Attr(flags, type, value));
        var update = WithAttributes(attributes);
        AssertTreatAsWithdraw(update);
        Assert.That(update.Problems, Has.Some.Contains("flags"));
    }

    [Test]
    public void Flags_that_contradict_the_type_of_aggregator_discard_only_that_attribute()
    {
        var update = WithAttributes(Cat(Mandatory(), Attr(AttributeFlags.WellKnown, AttributeType.Aggregator, Cat(U32(65001), V4("10.0.0.9")))));
        AssertDiscardKeepsRoute(update);
        Assert.That(update.Attributes.Aggregator, Is.Null);
    }

    [Test]
    public void Flags_that_contradict_the_type_of_mp_reach_reset_the_session_with_flags_error()
    {
        AssertReset(WithAttributes(Cat(Mandatory(), Attr(AttributeFlags.OptionalTransitive, AttributeType.MpReachNlri, Cat([0, 2, 1, 16], new byte[16], [0])))), 4);
    }

    [Test]
    public void Partial_bit_and_extended_length_on_a_well_known_attribute_are_accepted()
    {
        var update = WithAttributes(Cat(Attr(AttributeFlags.WellKnown | AttributeFlags.ExtendedLength | AttributeFlags.Partial, AttributeType.Origin, 2), AsPath4(), NextHop("10.0.0.1")));
        Assert.That(update.Action, Is.EqualTo(UpdateErrorAction.None));
        Assert.That(update.Attributes.Origin, Is.EqualTo(Origin.Incomplete));
    }

    [TestCase("origin")]
    [TestCase("as_path")]
    [TestCase("next_hop")]
    public void Missing_mandatory_attribute_is_treat_as_withdraw(string missing)
    {
        var attributes = Cat(missing == "origin" ? [] : OriginAttr(), missing == "as_path" ? [] : AsPath4(), missing == "next_hop" ? [] : NextHop("10.0.0.1"));
        var update = WithAttributes(attributes);
        AssertTreatAsWithdraw(update);
        Assert.That(update.Problems, Has.Some.Contains("missing"));
    }

    [Test]
    public void Missing_next_hop_is_fine_when_only_withdrawing()
    {
        var update = WithAttributes(Cat(OriginAttr(), AsPath4()), nlri: []);
        Assert.That(update.Action, Is.EqualTo(UpdateErrorAction.None));
        Assert.That(Prefixes(update.Withdrawn(BgpFamily.IPv4Unicast)), Is.EqualTo(new[] { "10.30.0.0/16" }));
    }

    [TestCase(new byte[] { 3 })]
    [TestCase(new byte[] { 0, 0 })]
    [TestCase(new byte[0])]
    public void Bad_origin_is_treat_as_withdraw(byte[] value)
    {
        AssertTreatAsWithdraw(WithAttributes(Cat(Attr(AttributeFlags.WellKnown, AttributeType.Origin, value), AsPath4(), NextHop("10.0.0.1"))));
    }

    [TestCase(new byte[] { 10, 0, 0 })]
    [TestCase(new byte[] { 10, 0, 0, 1, 2 })]
    [TestCase(new byte[] { 0, 0, 0, 0 })]
    [TestCase(new byte[] { 224, 0, 0, 5 })]
    [TestCase(new byte[] { 255, 255, 255, 255 })]
    public void Bad_next_hop_is_treat_as_withdraw(byte[] value)
    {
        AssertTreatAsWithdraw(WithAttributes(Cat(OriginAttr(), AsPath4(), Attr(AttributeFlags.WellKnown, AttributeType.NextHop, value))));
    }

    [TestCase(new byte[] { 0, 0, 1 })]
    [TestCase(new byte[0])]
    public void Bad_med_is_treat_as_withdraw(byte[] value)
    {
        AssertTreatAsWithdraw(WithAttributes(Cat(Mandatory(), Attr(AttributeFlags.Optional, AttributeType.MultiExitDisc, value))));
    }

    [TestCase(new byte[] { 0, 0, 1 })]
    [TestCase(new byte[] { 0, 0, 0, 0, 1 })]
    public void Bad_local_pref_is_treat_as_withdraw(byte[] value)
    {
        AssertTreatAsWithdraw(WithAttributes(Cat(Mandatory(), Attr(AttributeFlags.WellKnown, AttributeType.LocalPref, value))));
    }

    [Test]
    public void Local_pref_from_an_external_peer_is_discarded_and_the_route_kept()
    {
        var update = WithAttributes(Cat(Mandatory(), Attr(AttributeFlags.WellKnown, AttributeType.LocalPref, U32(500))), options: new UpdateDecodeOptions(IsInternal: false));
        Assert.That(update.Action, Is.EqualTo(UpdateErrorAction.None));
        Assert.That(update.Attributes.LocalPref, Is.Null);
        Assert.That(Prefixes(update.Announced(BgpFamily.IPv4Unicast)), Is.EqualTo(new[] { "10.20.0.0/16" }));
    }

    [Test]
    public void Atomic_aggregate_with_a_value_is_discarded_and_the_route_kept()
    {
        var update = WithAttributes(Cat(Mandatory(), Attr(AttributeFlags.WellKnown, AttributeType.AtomicAggregate, 1)));
        AssertDiscardKeepsRoute(update);
        Assert.That(update.Attributes.AtomicAggregate, Is.False);
    }

    [Test]
    public void Aggregator_of_the_wrong_length_for_the_session_is_discarded()
    {
        var sixBytes = Attr(AttributeFlags.OptionalTransitive, AttributeType.Aggregator, Cat(U16(65001), V4("10.0.0.9")));
        AssertDiscardKeepsRoute(WithAttributes(Cat(Mandatory(), sixBytes)));
    }

    [TestCase(AttributeType.Communities, 0)]
    [TestCase(AttributeType.Communities, 5)]
    [TestCase(AttributeType.ExtendedCommunities, 0)]
    [TestCase(AttributeType.ExtendedCommunities, 12)]
    [TestCase(AttributeType.LargeCommunities, 0)]
    [TestCase(AttributeType.LargeCommunities, 8)]
    public void Community_list_with_a_bad_length_is_treat_as_withdraw(byte type, int length)
    {
        AssertTreatAsWithdraw(WithAttributes(Cat(Mandatory(), Attr(AttributeFlags.OptionalTransitive, type, new byte[length]))));
    }

    [TestCase(new byte[] { 1, 2, 3 })]
    [TestCase(new byte[0])]
    public void Bad_originator_id_is_treat_as_withdraw(byte[] value)
    {
        AssertTreatAsWithdraw(WithAttributes(Cat(Mandatory(), Attr(AttributeFlags.Optional, AttributeType.OriginatorId, value))));
    }

    [TestCase(0)]
    [TestCase(6)]
    public void Bad_cluster_list_is_treat_as_withdraw(int length)
    {
        AssertTreatAsWithdraw(WithAttributes(Cat(Mandatory(), Attr(AttributeFlags.Optional, AttributeType.ClusterList, new byte[length]))));
    }

    [Test]
    public void Bad_otc_is_treat_as_withdraw()
    {
        AssertTreatAsWithdraw(WithAttributes(Cat(Mandatory(), Attr(AttributeFlags.OptionalTransitive, AttributeType.OnlyToCustomer, 1, 2))));
    }

    [Test]
    public void Duplicate_attribute_keeps_the_first_occurrence()
    {
        var update = WithAttributes(Cat(Mandatory(), Attr(AttributeFlags.Optional, AttributeType.MultiExitDisc, U32(10)), Attr(AttributeFlags.Optional, AttributeType.MultiExitDisc, U32(20))));
        Assert.That(update.Action, Is.EqualTo(UpdateErrorAction.None));
        Assert.That(update.Attributes.Med, Is.EqualTo(10));
        Assert.That(update.Problems, Has.Some.Contains("duplicate"));
        Assert.That(Prefixes(update.Announced(BgpFamily.IPv4Unicast)), Is.EqualTo(new[] { "10.20.0.0/16" }));
    }

    private static byte[] MpReachV6(byte[] nlri) =>
        Attr(AttributeFlags.Optional | AttributeFlags.ExtendedLength, AttributeType.MpReachNlri, Cat([0, 2, 1, 16], V6("2001:db8::1"), [0], nlri));

    private static byte[] V6(string address)
    {
        var bytes = new byte[16];
        Bgpd.Net.IpAddress.Parse(address).WriteBytes(bytes);
        return bytes;
    }

    [Test]
    public void Duplicate_mp_reach_resets_the_session_with_malformed_attribute_list()
    {
        var reach = MpReachV6([32, 0x20, 0x01, 0x0d, 0xb8]);
        AssertReset(WithAttributes(Cat(Mandatory(), reach, reach)), 1);
    }

    [Test]
    public void Duplicate_mp_unreach_resets_the_session()
    {
        var unreach = Attr(AttributeFlags.Optional, AttributeType.MpUnreachNlri, 0, 2, 1);
        AssertReset(WithAttributes(Cat(Mandatory(), unreach, unreach)), 1);
    }

    [TestCase(new byte[0])]
    [TestCase(new byte[] { 0, 2, 1, 15, 0 })]
    [TestCase(new byte[] { 0, 2, 1, 40, 0 })]
    public void Malformed_mp_reach_resets_the_session(byte[] value)
    {
        var padded = value.Length > 4 && value[3] == 15 ? Cat(value, new byte[16]) : value;
        AssertReset(WithAttributes(Cat(Mandatory(), Attr(AttributeFlags.Optional, AttributeType.MpReachNlri, padded))), 9);
    }

    [Test]
    public void Mp_reach_with_malformed_nlri_resets_the_session()
    {
        AssertReset(WithAttributes(Cat(Mandatory(), MpReachV6([129, 1, 2]))), 9);
        AssertReset(WithAttributes(Cat(Mandatory(), MpReachV6([64, 0x20, 0x01]))), 9);
    }

    [Test]
    public void Mp_reach_of_an_unsupported_family_is_ignored()
    {
        var update = WithAttributes(Cat(Mandatory(), Attr(AttributeFlags.Optional, AttributeType.MpReachNlri, 0, 1, 128, 4, 1, 2, 3, 4, 0)));
        Assert.That(update.Action, Is.EqualTo(UpdateErrorAction.None));
        Assert.That(update.MpReach, Is.Null);
    }

    [Test]
    public void Malformed_mp_reach_treat_as_withdraw_covers_ipv6_routes_too()
    {
        var update = WithAttributes(Cat(OriginAttr(), Attr(AttributeFlags.WellKnown, AttributeType.AsPath, 9, 9), MpReachV6([32, 0x20, 0x01, 0x0d, 0xb8])), nlri: []);
        Assert.That(update.Action, Is.EqualTo(UpdateErrorAction.TreatAsWithdraw));
        Assert.That(Prefixes(update.Announced(BgpFamily.IPv6Unicast)), Is.Empty);
        Assert.That(Prefixes(update.Withdrawn(BgpFamily.IPv6Unicast)), Is.EqualTo(new[] { "2001:db8::/32" }));
    }

    [Test]
    public void Malformed_ipv4_nlri_resets_the_session_with_invalid_network_field()
    {
        AssertReset(WithAttributes(Mandatory(), nlri: [33, 10, 0, 0, 0, 0]), 10);
        AssertReset(WithAttributes(Mandatory(), nlri: [24, 10, 0]), 10);
        AssertReset(Decode(UpdateBody([16, 10], Mandatory(), Nlri)), 10);
    }

    [Test]
    public void Zero_length_prefix_is_the_default_route()
    {
        var update = WithAttributes(Mandatory(), nlri: [0]);
        Assert.That(Prefixes(update.Announced(BgpFamily.IPv4Unicast)), Is.EqualTo(new[] { "0.0.0.0/0" }));
    }

    [Test]
    public void Attributes_without_nlri_are_accepted_and_announce_nothing()
    {
        var update = Decode(UpdateBody([], Mandatory(), []));
        Assert.That(update.Action, Is.EqualTo(UpdateErrorAction.None));
        Assert.That(update.IsEndOfRib(out _), Is.False);
        Assert.That(Prefixes(update.Announced(BgpFamily.IPv4Unicast)), Is.Empty);
    }

    [Test]
    public void Zero_length_as_path_and_atomic_aggregate_are_valid()
    {
        var update = WithAttributes(Cat(Mandatory(), Attr(AttributeFlags.WellKnown, AttributeType.AtomicAggregate)));
        Assert.That(update.Action, Is.EqualTo(UpdateErrorAction.None));
        Assert.That(update.Attributes.AsPath!.IsEmpty, Is.True);
        Assert.That(update.Attributes.AtomicAggregate, Is.True);
    }

    [Test]
    public void Unrecognized_well_known_attribute_resets_the_session()
    {
        AssertReset(WithAttributes(Cat(Mandatory(), Attr(AttributeFlags.WellKnown, 99, 1))), 2);
    }

    [Test]
    public void End_of_rib_with_a_bad_attribute_is_not_end_of_rib_and_keeps_the_session()
    {
        var update = Decode(UpdateBody([], Cat(Attr(AttributeFlags.Optional, AttributeType.MpUnreachNlri, 0, 2, 1), Attr(AttributeFlags.WellKnown, AttributeType.Origin, 7)), []));
        Assert.That(update.Action, Is.EqualTo(UpdateErrorAction.TreatAsWithdraw));
        Assert.That(update.IsEndOfRib(out _), Is.False);
        Assert.That(Prefixes(update.Withdrawn(BgpFamily.IPv6Unicast)), Is.Empty);
    }

    [Test]
    public void Most_severe_error_wins()
    {
        var update = WithAttributes(Cat(Mandatory(), Attr(AttributeFlags.WellKnown, AttributeType.AtomicAggregate, 1), Attr(AttributeFlags.Optional, AttributeType.MultiExitDisc, 1)));
        Assert.That(update.Action, Is.EqualTo(UpdateErrorAction.TreatAsWithdraw));
        Assert.That(update.Problems, Has.Count.EqualTo(2));
    }
}
