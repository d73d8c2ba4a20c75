using Bgpd.Bgp.Wire;
using static Bgpd.Bgp.Tests.Wire.Bytes;

namespace Bgpd.Bgp.Tests.Wire;

/// <summary>AS_PATH malformations and RFC 6793 AS4_PATH / AS4_AGGREGATOR handling.</summary>
public class UpdateAsPathErrorTests
{
    private static readonly byte[] Nlri = Prefix4("10.20.0.0/16");

    private static UpdateMessage WithAttributes(byte[] attributes, UpdateDecodeOptions? options = null) =>
        Decode(UpdateBody(Prefix4("10.30.0.0/16"), attributes, Nlri), options);

    private static void AssertTreatAsWithdraw(UpdateMessage update)
    {
        Assert.That(update.Action, Is.EqualTo(UpdateErrorAction.TreatAsWithdraw), string.Join("; ", update.Problems));
        Assert.That(Prefixes(update.Announced(BgpFamily.IPv4Unicast)), Is.Empty);
        Assert.That(Prefixes(update.Withdrawn(BgpFamily.IPv4Unicast)), Is.EquivalentTo(new[] { "10.30.0.0/16", "10.20.0.0/16" }));
    }

    private static void AssertDiscardKeepsRoute(UpdateMessage update)
    {
        Assert.That(update.Action, Is.EqualTo(UpdateErrorAction.AttributeDiscard), string.Join("; ", update.Problems));
        Assert.That(Prefixes(update.Announced(BgpFamily.IPv4Unicast)), Is.EqualTo(new[] { "10.20.0.0/16" }));
    }

    [TestCase(new byte[] { 5, 1, 0, 0, 0, 1 })]
    [TestCase(new byte[] { 0, 1, 0, 0, 0, 1 })]
    [TestCase(new byte[] { 2, 0 })]
    [TestCase(new byte[] { 2, 2, 0, 0, 0, 1 })]
    [TestCase(new byte[] { 2 })]
    public void Bad_as_path_segment_is_treat_as_withdraw(byte[] value)
    {
        AssertTreatAsWithdraw(WithAttributes(Cat(OriginAttr(), Attr(AttributeFlags.WellKnown, AttributeType.AsPath, value), NextHop("10.0.0.1"))));
    }

    [Test]
    public void Two_octet_as_path_is_read_with_two_octet_numbers_on_a_two_octet_session()
    {
        var update = WithAttributes(Cat(OriginAttr(), Attr(AttributeFlags.WellKnown, AttributeType.AsPath, 2, 2, 0xFD, 0xE9, 0xFD, 0xEA), NextHop("10.0.0.1")),
            options: new UpdateDecodeOptions(TwoOctetAs: true));
        Assert.That(update.Action, Is.EqualTo(UpdateErrorAction.None));
        Assert.That(update.Attributes.AsPath!.ToString(), Is.EqualTo("65001 65002"));
    }

    private static byte[] TwoOctetPath(params ushort[] asns) =>
        Attr(AttributeFlags.WellKnown, AttributeType.AsPath, Cat([2, (byte)asns.Length], Cat(asns.Select(a => U16(a)).ToArray())));

    private static byte[] As4Path(params uint[] asns) =>
        Attr(AttributeFlags.OptionalTransitive, AttributeType.As4Path, Cat([2, (byte)asns.Length], Cat(asns.Select(U32).ToArray())));

    private static readonly UpdateDecodeOptions TwoOctet = new(TwoOctetAs: true);

    [Test]
    public void As4_path_before_as_path_is_merged_all_the_same()
    {
        var update = WithAttributes(Cat(As4Path(4200000001, 65003), OriginAttr(), TwoOctetPath(65001, BgpWire.AsTrans, 65003), NextHop("10.0.0.1")), options: TwoOctet);
        Assert.That(update.Action, Is.EqualTo(UpdateErrorAction.None));
        Assert.That(update.Attributes.AsPath!.ToString(), Is.EqualTo("65001 4200000001 65003"));
    }

    [Test]
    public void As4_path_longer_than_as_path_is_ignored()
    {
        var update = WithAttributes(Cat(OriginAttr(), TwoOctetPath(BgpWire.AsTrans), As4Path(4200000001, 65003), NextHop("10.0.0.1")), options: TwoOctet);
        Assert.That(update.Action, Is.EqualTo(UpdateErrorAction.None));
        Assert.That(update.Attributes.AsPath!.ToString(), Is.EqualTo("23456"));
    }

    [Test]
    public void Malformed_as4_path_is_discarded_and_the_route_kept()
    {
        var update = WithAttributes(Cat(OriginAttr(), TwoOctetPath(65001), Attr(AttributeFlags.OptionalTransitive, AttributeType.As4Path, 2, 3, 0, 0), NextHop("10.0.0.1")), options: TwoOctet);
        AssertDiscardKeepsRoute(update);
        Assert.That(update.Attributes.AsPath!.ToString(), Is.EqualTo("65001"));
    }

    [Test]
    public void As4_path_with_confederation_segments_is_discarded()
    {
        var bad = Attr(AttributeFlags.OptionalTransitive, AttributeType.As4Path, Cat([3, 1], U32(64600)));
        AssertDiscardKeepsRoute(WithAttributes(Cat(OriginAttr(), TwoOctetPath(65001), bad, NextHop("10.0.0.1")), options: TwoOctet));
    }

    [Test]
    public void As4_path_from_a_four_octet_peer_is_ignored()
    {
        var update = WithAttributes(Cat(OriginAttr(), AsPath4(65001), As4Path(7), NextHop("10.0.0.1")));
        Assert.That(update.Action, Is.EqualTo(UpdateErrorAction.None));
        Assert.That(update.Attributes.AsPath!.ToString(), Is.EqualTo("65001"));
    }

    [Test]
    public void As4_aggregator_replaces_an_as_trans_aggregator_and_is_ignored_otherwise()
    {
        var aggregator = Attr(AttributeFlags.OptionalTransitive, AttributeType.Aggregator, Cat(U16(BgpWire.AsTrans), V4("10.0.0.9")));
        var as4Aggregator = Attr(AttributeFlags.OptionalTransitive, AttributeType.As4Aggregator, Cat(U32(4200000005), V4("10.0.0.9")));
        var merged = WithAttributes(Cat(Mandatory(), aggregator, as4Aggregator), options: TwoOctet);
        Assert.That(merged.Attributes.Aggregator!.Value.As, Is.EqualTo(4200000005));
        var plain = Attr(AttributeFlags.OptionalTransitive, AttributeType.Aggregator, Cat(U16(65010), V4("10.0.0.9")));
        var ignored = WithAttributes(Cat(OriginAttr(), TwoOctetPath(65001, BgpWire.AsTrans), NextHop("10.0.0.1"), plain, as4Aggregator, As4Path(4200000001)), options: TwoOctet);
        Assert.That(ignored.Attributes.Aggregator!.Value.As, Is.EqualTo(65010));
        Assert.That(ignored.Attributes.AsPath!.ToString(), Is.EqualTo("65001 23456"));
    }
}
