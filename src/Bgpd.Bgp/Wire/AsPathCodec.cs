using System.Buffers.Binary;

namespace Bgpd.Bgp.Wire;

/// <summary>AS_PATH / AS4_PATH segment encoding with 2- or 4-octet AS numbers.</summary>
public static class AsPathCodec
{
    /// <summary>False on an unknown segment type, an empty segment, or a segment that overruns the value.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> value, bool fourOctet, out AsPath path)
    {
        path = AsPath.Empty;
        if (value.IsEmpty) return true;
        var width = fourOctet ? 4 : 2;
        var segments = new List<AsPathSegment>(1);
        while (!value.IsEmpty)
        {
            if (value.Length < 2) return false;
            var type = value[0];
            int count = value[1];
            if (type is < 1 or > 4 || count == 0 || value.Length < 2 + count * width) return false;
            var asns = new uint[count];
            for (var i = 0; i < count; i++)
                asns[i] = fourOctet ? BinaryPrimitives.ReadUInt32BigEndian(value[(2 + i * 4)..]) : BinaryPrimitives.ReadUInt16BigEndian(value[(2 + i * 2)..]);
            segments.Add(new AsPathSegment((AsPathSegmentType)type, asns));
            value = value[(2 + count * width)..];
        }
        path = new AsPath(segments);
        return true;
    }

    public static int EncodedLength(AsPath path, bool fourOctet)
    {
        var length = 0;
        foreach (var segment in path.Segments)
            length += ChunkCount(segment) * 2 + segment.Asns.Length * (fourOctet ? 4 : 2);
        return length;
    }

    private static int ChunkCount(AsPathSegment segment) => Math.Max(1, (segment.Asns.Length + 254) / 255);

    /// <summary>Writes the path; 2-octet form writes AS_TRANS for wide AS numbers. Segments over 255 ASes are split.</summary>
    public static int Write(Span<byte> destination, AsPath path, bool fourOctet)
    {
        var offset = 0;
        foreach (var segment in path.Segments)
        {
            for (var start = 0; start < segment.Asns.Length; start += 255)
            {
                var count = Math.Min(255, segment.Asns.Length - start);
                destination[offset++] = (byte)segment.Type;
                destination[offset++] = (byte)count;
                for (var i = 0; i < count; i++)
                {
                    var asn = segment.Asns[start + i];
                    if (fourOctet)
                    {
                        BinaryPrimitives.WriteUInt32BigEndian(destination[offset..], asn);
                        offset += 4;
                    }
                    else
                    {
                        BinaryPrimitives.WriteUInt16BigEndian(destination[offset..], OpenMessage.TwoOctetAs(asn));
                        offset += 2;
                    }
                }
            }
        }
        return offset;
    }
}
