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
}
