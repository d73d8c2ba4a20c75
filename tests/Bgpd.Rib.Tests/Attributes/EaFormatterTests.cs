using Bgpd.Rib.Attributes;
using Bgpd.Rib.Tests.Support;
using NUnit.Framework;
using static Bgpd.Rib.Tests.Support.TestRib;

namespace Bgpd.Rib.Tests.Attributes;

public class EaFormatterTests
{
    private static List<string> _bird = null!;

    [OneTimeSetUp]
    public void LoadTranscript() => _bird = Fixtures.RawReplyBodies("show_route_all.txt");

    private static void AssertBirdPrinted(Ea ea)
    {
        var line = "\t" + EaFormatter.Format(ea);
        Assert.That(_bird, Does.Contain(line), $"BIRD 1.6.8 never printed '{line}' in show route all");
    }

    [Test]
    public void Bgp_attributes_print_as_bird_1_6_does()
    {
        AssertBirdPrinted(new Ea(EaId.BgpOrigin, EaValue.Int(0)));
        AssertBirdPrinted(new Ea(EaId.BgpAsPath, EaValue.Path(AsPath.Empty)));
        AssertBirdPrinted(new Ea(EaId.BgpNextHop, EaValue.Ip(Ip("10.99.0.2"))));
        AssertBirdPrinted(new Ea(EaId.BgpMed, EaValue.Int(50)));
        AssertBirdPrinted(new Ea(EaId.BgpLocalPref, EaValue.Int(100)));
        AssertBirdPrinted(new Ea(EaId.BgpCommunity, EaValue.IntSet([(64512u << 16) | 200])));
        AssertBirdPrinted(new Ea(EaId.BgpExtCommunity, EaValue.EcSet([(0x0002UL << 48) | (64512UL << 32) | 7])));
        AssertBirdPrinted(new Ea(EaId.BgpLargeCommunity, EaValue.LcSet([new LargeCommunity(64512, 1, 1)])));
    }

    [Test]
    public void Kernel_attributes_print_as_bird_1_6_does()
    {
        AssertBirdPrinted(new Ea(EaId.KrtSource, EaValue.Int(4)));
        AssertBirdPrinted(new Ea(EaId.KrtMetric, EaValue.Int(0)));
    }

    [TestCase(EaId.BgpOrigin, 1u, "BGP.origin: EGP")]
    [TestCase(EaId.BgpOrigin, 2u, "BGP.origin: Incomplete")]
    [TestCase(EaId.KrtRealm, 3u, "Kernel.realm: 3")]
    [TestCase(EaId.KrtMtu, 1400u, "Kernel.mtu: 1400")]
    public void Integer_attributes_use_their_names(EaId id, uint value, string expected) =>
        Assert.That(EaFormatter.Format(new Ea(id, EaValue.Int(value))), Is.EqualTo(expected));

    [Test]
    public void As_path_with_a_set_prints_braces_with_spaces()
    {
        var path = new AsPath([
            new AsPathSegment(AsPathSegmentType.Sequence, [65003, 65004]),
            new AsPathSegment(AsPathSegmentType.Set, [1, 2]),
        ]);
        Assert.That(EaFormatter.Format(new Ea(EaId.BgpAsPath, EaValue.Path(path))), Is.EqualTo("BGP.as_path: 65003 65004 { 1 2 }"));
    }

    [Test]
    public void Several_communities_are_separated_by_spaces()
    {
        var ea = new Ea(EaId.BgpCommunity, EaValue.IntSet([(65000u << 16) | 1, (65000u << 16) | 2]));
        Assert.That(EaFormatter.Format(ea), Is.EqualTo("BGP.community: (65000,1) (65000,2)"));
    }

    [Test]
    public void Extended_community_kinds_follow_birds_ec_format()
    {
        Assert.That(EaFormatter.FormatExtCommunity((0x0003UL << 48) | (65000UL << 32) | 9), Is.EqualTo("(ro, 65000, 9)"));
        Assert.That(EaFormatter.FormatExtCommunity((0x0102UL << 48) | (0x0A000001UL << 16) | 5), Is.EqualTo("(rt, 10.0.0.1, 5)"));
        Assert.That(EaFormatter.FormatExtCommunity((0x0202UL << 48) | (4200000000UL << 16) | 5), Is.EqualTo("(rt, 4200000000, 5)"));
        Assert.That(EaFormatter.FormatExtCommunity((0x0300UL << 48) | 0x10), Is.EqualTo("(generic, 0x3000000, 0x10)"));
    }

    [Test]
    public void Router_ids_aggregator_and_cluster_list_print_dotted()
    {
        Assert.That(EaFormatter.Format(new Ea(EaId.BgpOriginatorId, EaValue.RouterId(0x0A630001))), Is.EqualTo("BGP.originator_id: 10.99.0.1"));
        Assert.That(EaFormatter.Format(new Ea(EaId.BgpClusterList, EaValue.IntSet([0x0A630001, 0x0A630002]))), Is.EqualTo("BGP.cluster_list: 10.99.0.1 10.99.0.2"));
        byte[] aggregator = [0, 0, 0xFD, 0xE8, 10, 0, 0, 1];
        Assert.That(EaFormatter.Format(new Ea(EaId.BgpAggregator, EaValue.Opaque([.. aggregator]))), Is.EqualTo("BGP.aggregator: 10.0.0.1 AS65000"));
        Assert.That(EaFormatter.Format(new Ea(EaId.BgpAtomicAggr, EaValue.Opaque([]))), Is.EqualTo("BGP.atomic_aggr: "));
    }

    [Test]
    public void Unknown_bgp_attribute_prints_its_code_flag_and_bytes()
    {
        var ea = new Ea(EaIds.Bgp(0x1e), EaValue.Opaque([1, 0xab]), Ea.FlagOptional | Ea.FlagTransitive);
        Assert.That(EaFormatter.Format(ea), Is.EqualTo("BGP.1e [t]: 01 ab"));
    }

    [Test]
    public void Ipv6_next_hop_pair_prints_global_and_link_local()
    {
        var ea = new Ea(EaId.BgpNextHop, EaValue.IpPair(Ip("fd00:99::2"), Ip("fe80::1")));
        Assert.That(EaFormatter.Format(ea), Is.EqualTo("BGP.next_hop: fd00:99::2 fe80::1"));
    }

    [Test]
    public void Kernel_lock_bits_print_metric_names()
    {
        var ea = new Ea(EaId.KrtLock, EaValue.Bitfield((1u << 2) | (1u << 3)));
        Assert.That(EaFormatter.Format(ea), Is.EqualTo("Kernel.lock: mtu window"));
    }

    [Test]
    public void Long_community_lists_continue_on_new_lines()
    {
        var many = Enumerable.Range(0, 100).Select(i => (65000u << 16) | (uint)i).ToArray();
        var lines = EaFormatter.FormatLines(new Ea(EaId.BgpCommunity, EaValue.IntSet([.. many])));

        Assert.That(lines.Count, Is.GreaterThan(1));
        Assert.That(lines[0], Does.StartWith("BGP.community: (65000,0) (65000,1)"));
        Assert.That(lines.Skip(1).All(l => l.StartsWith('\t')), Is.True);
        var items = string.Join(' ', lines).Replace("\t", "").Replace("BGP.community: ", "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(items, Has.Length.EqualTo(100));
        Assert.That(lines.All(l => l.Length < 500), Is.True);
    }

    [Test]
    public void Type_line_names_source_cast_and_scope_like_bird()
    {
        Assert.That(RouteTypeNames.TypeLine16(RouteSource.Static, RouteCast.Unicast, RouteScope.Universe), Is.EqualTo("static unicast univ"));
        Assert.That(_bird, Does.Contain("\tType: " + RouteTypeNames.TypeLine16(RouteSource.Inherit, RouteCast.Unicast, RouteScope.Universe)));
        Assert.That(_bird, Does.Contain("\tType: " + RouteTypeNames.TypeLine16(RouteSource.Device, RouteCast.Unicast, RouteScope.Universe)));
        Assert.That(_bird, Does.Contain("\tType: " + RouteTypeNames.TypeLine16(RouteSource.Bgp, RouteCast.Unicast, RouteScope.Universe)));
    }
}
