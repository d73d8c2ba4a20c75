using Bgpd.Bgp.Wire;
using Bgpd.Net;

namespace Bgpd.Bgp.Tests.Wire;

/// <summary>RFC 4271 4.3 / RFC 7911: an NLRI entry is [path id] length and only the significant prefix bytes.</summary>
public class NlriCodecTests
{
    [TestCase("0.0.0.0/0", new byte[] { 0 })]
    [TestCase("10.128.0.0/9", new byte[] { 9, 10, 128 })]
    [TestCase("192.168.7.128/25", new byte[] { 25, 192, 168, 7, 128 })]
    [TestCase("198.51.100.77/32", new byte[] { 32, 198, 51, 100, 77 })]
    [TestCase("2001:db8:8000::/33", new byte[] { 33, 0x20, 0x01, 0x0d, 0xb8, 0x80 })]
    public void Writes_the_length_and_the_significant_bytes_only(string prefix, byte[] expected)
    {
        var buffer = new byte[32];
        var written = NlriCodec.Write(buffer, new NlriEntry(Prefix.Parse(prefix)), addPath: false);
        Assert.That(buffer[..written], Is.EqualTo(expected));
    }

    [Test]
    public void Writes_the_path_id_first_with_add_path_and_reads_back_the_same_entry()
    {
        var entry = new NlriEntry(Prefix.Parse("172.16.4.0/22"), 7);
        var buffer = new byte[32];
        var written = NlriCodec.Write(buffer, entry, addPath: true);
        Assert.That(buffer[..written], Is.EqualTo(new byte[] { 0, 0, 0, 7, 22, 172, 16, 4 }));
        NlriCodec.Read(buffer.AsSpan(0, written), v6: false, addPath: true, out var read);
        Assert.That(read, Is.EqualTo(entry));
    }

    [Test]
    public void Every_ipv4_length_reads_back_from_exactly_its_bytes_with_host_bits_cleared()
    {
        for (var length = 0; length <= 32; length++)
        {
            var size = 1 + (length + 7) / 8;
            // The last significant byte all ones: bits past the length must not reach the prefix.
            var wire = new byte[] { (byte)length, 0xC6, 0x33, 0x64, 0xFF }.AsSpan(0, size).ToArray();
            var used = NlriCodec.Read(wire, v6: false, addPath: false, out var read);
            var expected = new Prefix(IpAddress.V4(0xC63364FFu), length);
            Assert.That((used, read.Prefix), Is.EqualTo((size, expected)), $"/{length}");
            var written = new byte[8];
            Assert.That(NlriCodec.Write(written, read, addPath: false), Is.EqualTo(size), $"/{length}");
            Assert.That(written[size..], Is.All.Zero, $"/{length}: nothing past the entry");
        }
    }
}
