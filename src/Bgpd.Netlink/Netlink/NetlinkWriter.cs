using System.Buffers.Binary;

namespace Bgpd.Netlink.Netlink;

/// <summary>Builds netlink messages into a reusable buffer. Several messages may be batched in one
/// buffer and sent as one datagram.</summary>
public sealed class NetlinkWriter
{
    private byte[] _buffer;
    private int _length;

    public NetlinkWriter(int initialCapacity = 4096) => _buffer = new byte[initialCapacity];

    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);
    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _length);
    public int Length => _length;

    public void Clear() => _length = 0;

    /// <summary>Starts a message; returns its offset for <see cref="EndMessage"/>.</summary>
    public int BeginMessage(ushort type, ushort flags, uint sequence)
    {
        Pad();
        var start = _length;
        var header = Reserve(NetlinkConstants.HeaderLength);
        BinaryPrimitives.WriteUInt32LittleEndian(header, 0);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], type);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], flags);
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], sequence);
        BinaryPrimitives.WriteUInt32LittleEndian(header[12..], 0);
        return start;
    }

    public void EndMessage(int start)
    {
        Pad();
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer.AsSpan(start), (uint)(_length - start));
    }

    /// <summary>Reserves raw, zeroed bytes (fixed headers such as rtmsg) and returns them for filling.</summary>
    public Span<byte> Reserve(int count)
    {
        Ensure(count);
        var span = _buffer.AsSpan(_length, count);
        span.Clear();
        _length += count;
        return span;
    }

    public void AddAttribute(ushort type, ReadOnlySpan<byte> value)
    {
        Pad();
        var header = Reserve(4);
        BinaryPrimitives.WriteUInt16LittleEndian(header, (ushort)(4 + value.Length));
        BinaryPrimitives.WriteUInt16LittleEndian(header[2..], type);
        value.CopyTo(Reserve(value.Length));
        Pad();
    }

    public void AddUInt32(ushort type, uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        AddAttribute(type, bytes);
    }

    public void AddString(ushort type, string value)
    {
        Span<byte> bytes = stackalloc byte[value.Length * 3 + 1];
        var n = System.Text.Encoding.UTF8.GetBytes(value, bytes);
        bytes[n] = 0;
        AddAttribute(type, bytes[..(n + 1)]);
    }

    /// <summary>Starts a nested attribute (or an rtnexthop-like block); returns its offset.</summary>
    public int BeginNested(ushort type)
    {
        Pad();
        var start = _length;
        var header = Reserve(4);
        BinaryPrimitives.WriteUInt16LittleEndian(header[2..], type);
        return start;
    }

    public void EndNested(int start)
    {
        Pad();
        BinaryPrimitives.WriteUInt16LittleEndian(_buffer.AsSpan(start), (ushort)(_length - start));
    }

    /// <summary>Overwrites a 16-bit little-endian length at <paramref name="offset"/> with the bytes written since.</summary>
    public void PatchLength16(int offset) =>
        BinaryPrimitives.WriteUInt16LittleEndian(_buffer.AsSpan(offset), (ushort)(_length - offset));

    public int Position => _length;

    private void Pad()
    {
        var aligned = NetlinkConstants.Align(_length);
        if (aligned != _length)
            Reserve(aligned - _length);
    }

    private void Ensure(int count)
    {
        if (_length + count <= _buffer.Length)
            return;
        Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + count));
    }
}
