using Bgpd.Filters.Values;
using Bgpd.Net;

namespace Bgpd.Filters.Tests.Values;

public class ValuePrintingTests
{
    [TestCase("::fffe:6:c0c:936d:88c7:35d3", "::fffe:6:c0c:936d:88c7:35d3")]
    [TestCase("1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8")]
    [TestCase("1234:5600::", "1234:5600::")]
    [TestCase("0:0:0:1::", "0:0:0:1::")]
    [TestCase("::8000:0:0:0", "::8000:0:0:0")]
    [TestCase("::ffff:1.2.3.4", "::ffff:1.2.3.4")]
    [TestCase("::1", "::1")]
    [TestCase("1:0:2::3", "1:0:2::3")]
    [TestCase("5000:3::0", "5000:3::")]
    public void Ipv6_prints_like_bird(string input, string expected) =>
        Assert.That(IpFormat.Format(IpAddress.Parse(input)), Is.EqualTo(expected));

    [Test]
    public void Scalars_print_like_bird()
    {
        Assert.That(Value.True.ToString(), Is.EqualTo("TRUE"));
        Assert.That(Value.Int(4200000000).ToString(), Is.EqualTo("4200000000"));
        Assert.That(Value.Pair(1, 2).ToString(), Is.EqualTo("(1,2)"));
        Assert.That(Value.Quad(0x01020304).ToString(), Is.EqualTo("1.2.3.4"));
        Assert.That(Value.Void.ToString(), Is.EqualTo("(void)"));
        Assert.That(Value.Enum(FilterType.EnumRts, 1).ToString(), Is.EqualTo("(enum 30)1"));
        Assert.That(Value.Lc(new Lc(10, 20, 30)).ToString(), Is.EqualTo("(10, 20, 30)"));
    }

    [TestCase(0x0002000A00000014UL, "(rt, 10, 20)")]
    [TestCase(0x0103_0A141E28_0064UL, "(ro, 10.20.30.40, 100)")]
    [TestCase(0x0203_000186A0_4E20UL, "(ro, 100000, 20000)")]
    [TestCase(0x0005000A00000001UL, "(unknown 0x5, 10, 1)")]
    [TestCase(0x4100000100000002UL, "(generic, 0x41000001, 0x2)")]
    public void Extended_communities_print_by_type(ulong ec, string expected) =>
        Assert.That(Value.Ec(ec).ToString(), Is.EqualTo(expected));

    [Test]
    public void Lists_print_with_their_wrappers()
    {
        Assert.That(Value.Path(BgpPath.Empty).ToString(), Is.EqualTo("(path )"));
        Assert.That(Value.Path(BgpPath.Sequence(4, 3, 2, 1)).ToString(), Is.EqualTo("(path 4 3 2 1)"));
        Assert.That(Value.Clist([]).ToString(), Is.EqualTo("(clist )"));
        Assert.That(Value.Clist([(1u << 16) | 2, (2u << 16) | 3]).ToString(), Is.EqualTo("(clist (1,2) (2,3))"));
        Assert.That(Value.EcList([]).ToString(), Is.EqualTo("(eclist )"));
        Assert.That(Value.LcList([new Lc(1, 2, 3)]).ToString(), Is.EqualTo("(lclist (1, 2, 3))"));
    }

    [TestCase(0x0000_3039_00004E20UL, "12345:20000")]
    [TestCase(0x0002_000186A0_4E20UL, "100000:20000")]
    [TestCase(0x0002_000003E8_03E8UL, "2:1000:1000")]
    [TestCase(0x0001_0A000001_03E8UL, "10.0.0.1:1000")]
    public void Route_distinguishers_print_by_type(ulong rd, string expected) =>
        Assert.That(Value.Rd(rd).ToString(), Is.EqualTo(expected));
}
