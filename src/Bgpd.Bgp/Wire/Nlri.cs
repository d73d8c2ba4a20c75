using System.Buffers.Binary;
using Bgpd.Net;

namespace Bgpd.Bgp.Wire;

/// <summary>One NLRI entry: a prefix and its ADD-PATH path identifier (0 without ADD-PATH).</summary>
public readonly record struct NlriEntry(Prefix Prefix, uint PathId = 0);

/// <summary>NLRI encoding (RFC 4271 4.3, RFC 4760, RFC 7911): [path id] length, prefix bytes.</summary>
public static class NlriCodec
{
    /// <summary>True when <paramref name="nlri"/> is a whole number of well-formed entries.</summary>
    public static bool Validate(ReadOnlySpan<byte> nlri, bool v6, bool addPath, out int count)
    {
        count = 0;
        var max = v6 ? 128 : 32;
        var header = addPath ? 5 : 1;
        while (!nlri.IsEmpty)
        {
            if (nlri.Length < header) return false;
            int length = nlri[header - 1];
            if (length > max) return false;
            var size = header + (length + 7) / 8;
            if (nlri.Length < size) return false;
            nlri = nlri[size..];
            count++;
        }
        return true;
    }

    /// <summary>Reads one entry from already validated NLRI; returns bytes consumed.</summary>
    public static int Read(ReadOnlySpan<byte> nlri, bool v6, bool addPath, out NlriEntry entry)
    {
        uint pathId = 0;
        var offset = 0;
        if (addPath)
        {
            pathId = BinaryPrimitives.ReadUInt32BigEndian(nlri);
            offset = 4;
        }
        int length = nlri[offset++];
        var bytes = (length + 7) / 8;
        var raw = nlri.Slice(offset, bytes);
        IpAddress address;
        if (v6)
        {
            UInt128 bits = 0;
            for (var i = 0; i < bytes; i++) bits |= (UInt128)raw[i] << (120 - 8 * i);
            address = IpAddress.V6(bits);
        }
        else if (bytes == 4)
        {
            // /25 to /32, most of a full table and every host route: one load.
            address = IpAddress.V4(BinaryPrimitives.ReadUInt32BigEndian(raw));
        }
        else
        {
            uint bits = 0;
            for (var i = 0; i < bytes; i++) bits |= (uint)raw[i] << (24 - 8 * i);
            address = IpAddress.V4(bits);
        }
        entry = new NlriEntry(new Prefix(address, length), pathId);
        return offset + bytes;
    }

    public static int EncodedLength(in NlriEntry entry, bool addPath) => (addPath ? 5 : 1) + (entry.Prefix.Length + 7) / 8;

    /// <summary>Writes one entry; returns bytes written.</summary>
    public static int Write(Span<byte> destination, in NlriEntry entry, bool addPath)
    {
        var offset = 0;
        if (addPath)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination, entry.PathId);
            offset = 4;
        }
        var length = entry.Prefix.Length;
        destination[offset++] = length;
        var bytes = (length + 7) / 8;
        var address = entry.Prefix.Address;
        if (!address.IsV6)
        {
            // IPv4, a million times per table dump: the significant bytes straight out of the 32-bit value.
            var v4 = address.V4Value;
            if (bytes == 4) BinaryPrimitives.WriteUInt32BigEndian(destination[offset..], v4);
            else for (var i = 0; i < bytes; i++) destination[offset + i] = (byte)(v4 >> (24 - 8 * i));
            return offset + bytes;
        }
        Span<byte> full = stackalloc byte[16];
        address.WriteBytes(full);
        full[..bytes].CopyTo(destination[offset..]);
        return offset + bytes;
    }
}

/// <summary>
/// Enumerates validated NLRI without allocating, over up to four byte ranges of one family (so
/// IPv4 in both the classic fields and MP attributes, and treat-as-withdraw, read as one list).
/// </summary>
public ref struct NlriReader
{
    private ReadOnlySpan<byte> _current0;
    private ReadOnlySpan<byte> _next1;
    private ReadOnlySpan<byte> _next2;
    private ReadOnlySpan<byte> _next3;
    private readonly bool _v6;
    private readonly bool _addPath;
    private NlriEntry _current;

    public NlriReader(ReadOnlySpan<byte> nlri, bool v6, bool addPath)
        : this(v6, addPath, nlri) { }

    public NlriReader(bool v6, bool addPath, ReadOnlySpan<byte> a, ReadOnlySpan<byte> b = default, ReadOnlySpan<byte> c = default, ReadOnlySpan<byte> d = default)
    {
        _current0 = a;
        _next1 = b;
        _next2 = c;
        _next3 = d;
        _v6 = v6;
        _addPath = addPath;
        _current = default;
    }

    public readonly NlriReader GetEnumerator() => this;

    public readonly NlriEntry Current => _current;

    public bool MoveNext()
    {
        while (_current0.IsEmpty)
        {
            if (_next1.IsEmpty && _next2.IsEmpty && _next3.IsEmpty) return false;
            _current0 = _next1;
            _next1 = _next2;
            _next2 = _next3;
            _next3 = default;
        }
        var used = NlriCodec.Read(_current0, _v6, _addPath, out _current);
        _current0 = _current0[used..];
        return true;
    }

    /// <summary>Counts the remaining entries (walks a copy).</summary>
    public readonly int Count()
    {
        var copy = this;
        var count = 0;
        while (copy.MoveNext()) count++;
        return count;
    }
}
