using Bgpd.Net;
using NUnit.Framework;

namespace Bgpd.Net.Tests;

public class PrefixTests
{
    [TestCase("10.0.0.0/8", "10.1.2.3", true)]
    [TestCase("10.0.0.0/8", "11.0.0.1", false)]
    [TestCase("0.0.0.0/0", "192.168.1.1", true)]
    [TestCase("fd00::/8", "fd00:1::5", true)]
    [TestCase("fd00::/8", "fe80::1", false)]
    public void Contains_address(string prefix, string address, bool expected) =>
        Assert.That(Prefix.Parse(prefix).Contains(IpAddress.Parse(address)), Is.EqualTo(expected));

    [Test]
    public void Non_canonical_ipv6_is_read_and_printed_canonically() =>
        Assert.That(Prefix.Parse("5000:3::0/64").ToString(), Is.EqualTo("5000:3::/64"));

    [TestCase("1.2.3")]
    [TestCase("1.2.3.256")]
    [TestCase("1..2.3")]
    [TestCase("fe80::1%eth0")]
    public void Bad_addresses_are_refused(string text) =>
        Assert.That(IpAddress.TryParse(text, out _), Is.False);

    [Test]
    public void Prefix_is_stored_masked() =>
        Assert.That(new Prefix(IpAddress.Parse("10.1.2.3"), 16), Is.EqualTo(Prefix.Parse("10.1.0.0/16")));

    [Test]
    public void Ipv4_sorts_before_ipv6_and_shorter_before_longer()
    {
        var list = new[] { "fd00::/8", "10.0.0.0/16", "10.0.0.0/8", "9.0.0.0/8" }.Select(Prefix.Parse).Order().Select(p => p.ToString());
        Assert.That(list, Is.EqualTo(new[] { "9.0.0.0/8", "10.0.0.0/8", "10.0.0.0/16", "fd00::/8" }));
    }

    [Test]
    public void Bytes_round_trip()
    {
        Span<byte> buf = stackalloc byte[16];
        foreach (var text in new[] { "192.0.2.1", "2001:db8::1" })
        {
            var a = IpAddress.Parse(text);
            Assert.That(IpAddress.FromBytes(buf[..a.WriteBytes(buf)]), Is.EqualTo(a));
        }
    }

    [Test]
    public void Link_local_is_recognised()
    {
        Assert.That(IpAddress.Parse("fe80::1").IsLinkLocal, Is.True);
        Assert.That(IpAddress.Parse("2001:db8::1").IsLinkLocal, Is.False);
    }

    [Test]
    public void Both_halves_of_an_ipv6_address_count_in_its_bits_equality_and_zero_test()
    {
        var high = IpAddress.Parse("2001:db8::");
        var low = IpAddress.Parse("::1");
        Assert.That(high.Bits, Is.EqualTo((UInt128)0x20010db8UL << 96));
        Assert.That(low.Bits, Is.EqualTo(UInt128.One));
        Assert.That(high, Is.Not.EqualTo(IpAddress.Parse("2001:db8::1")));
        Assert.That(low, Is.Not.EqualTo(IpAddress.V4(1)));
        Assert.That((high.IsZero, low.IsZero, IpAddress.V6Zero.IsZero, IpAddress.V4Zero.IsZero), Is.EqualTo((false, false, true, true)));
        Assert.That(IpAddress.V4(0xC0000201).V4Value, Is.EqualTo(0xC0000201u));
    }
}
