using BenchmarkDotNet.Attributes;
using Bgpd.Bgp.Wire;
using Bgpd.Net;

namespace Bgpd.Bench.Bgp;

/// <summary>
/// Decode and encode of one UPDATE carrying 1000 /32 prefixes (extended message size so they fit
/// in one). Decoding must allocate the same few objects whatever the prefix count.
/// </summary>
[MemoryDiagnoser]
public class UpdateCodecBenchmarks
{
    private NlriEntry[] _prefixes = [];
    private PathAttributes _attributes = new();
    private byte[] _body = [];
    private readonly UpdateEncodeOptions _encode = new(MaxMessageLength: BgpWire.MaxExtendedMessageLength);
    private readonly UpdateDecodeOptions _decode = new(IsInternal: true);

    [GlobalSetup]
    public void Setup()
    {
        _prefixes = Enumerable.Range(0, 1000).Select(i => new NlriEntry(Prefix.Host(IpAddress.V4(0x0A000000u + (uint)i)))).ToArray();
        _attributes = new PathAttributes
        {
            Origin = Origin.Igp,
            AsPath = AsPath.Sequence(65001, 65002),
            NextHop = IpAddress.Parse("10.99.0.2"),
            LocalPref = 100,
            Communities = [(64512u << 16) | 200],
        };
        var message = UpdateEncoder.Announce(BgpFamily.IPv4Unicast, _attributes, _prefixes, _encode).Single();
        _body = message[BgpWire.HeaderLength..];
    }

    /// <summary>Decode the UPDATE and walk all 1000 prefixes.</summary>
    [Benchmark]
    public int Decode1000Prefixes()
    {
        var update = UpdateMessage.Decode(_body, _decode);
        var sum = 0;
        foreach (var entry in update.Announced(BgpFamily.IPv4Unicast)) sum += entry.Prefix.Length;
        return sum;
    }

    [Benchmark]
    public int Encode1000Prefixes() => UpdateEncoder.Announce(BgpFamily.IPv4Unicast, _attributes, _prefixes, _encode).Count;
}
