using System.Buffers.Binary;
using Bgpd.Net;

namespace Bgpd.Bgp.Wire;

/// <summary>Reads attribute values whose lengths the decoder has already checked.</summary>
internal static class AttributeValueReader
{
    internal static Aggregator ReadAggregator(ReadOnlySpan<byte> v) => v.Length == 8
        ? new Aggregator(BinaryPrimitives.ReadUInt32BigEndian(v), IpAddress.FromBytes(v[4..]))
        : new Aggregator(BinaryPrimitives.ReadUInt16BigEndian(v), IpAddress.FromBytes(v[2..]));

    internal static uint[] ReadUInts(ReadOnlySpan<byte> v)
    {
        var result = new uint[v.Length / 4];
        for (var i = 0; i < result.Length; i++) result[i] = BinaryPrimitives.ReadUInt32BigEndian(v[(i * 4)..]);
        return result;
    }

    internal static ulong[] ReadULongs(ReadOnlySpan<byte> v)
    {
        var result = new ulong[v.Length / 8];
        for (var i = 0; i < result.Length; i++) result[i] = BinaryPrimitives.ReadUInt64BigEndian(v[(i * 8)..]);
        return result;
    }

    internal static LargeCommunity[] ReadLarge(ReadOnlySpan<byte> v)
    {
        var result = new LargeCommunity[v.Length / 12];
        for (var i = 0; i < result.Length; i++)
        {
            var e = v[(i * 12)..];
            result[i] = new LargeCommunity(BinaryPrimitives.ReadUInt32BigEndian(e), BinaryPrimitives.ReadUInt32BigEndian(e[4..]), BinaryPrimitives.ReadUInt32BigEndian(e[8..]));
        }
        return result;
    }
}
