using System.Buffers.Binary;

namespace Bgpd.Netlink.Netlink;

/// <summary>One rtattr / nlattr: type (nested and byte-order bits masked off) and value, in place.</summary>
public readonly ref struct NetlinkAttribute
{
    public NetlinkAttribute(ushort type, ReadOnlySpan<byte> value)
    {
        Type = type;
        Value = value;
    }

    public ushort Type { get; }
    public ReadOnlySpan<byte> Value { get; }

    public uint AsUInt32() => Value.Length >= 4 ? BinaryPrimitives.ReadUInt32LittleEndian(Value) : 0;
    public byte AsByte() => Value.Length >= 1 ? Value[0] : (byte)0;

    /// <summary>A NUL-terminated string attribute without its terminator.</summary>
    public ReadOnlySpan<byte> AsCString()
    {
        var end = Value.IndexOf((byte)0);
        return end < 0 ? Value : Value[..end];
    }
}

/// <summary>Enumerates attributes in a span (route, link and address attributes, and nested ones).</summary>
public ref struct AttributeReader
{
    private const ushort TypeMask = 0x3FFF;
    private ReadOnlySpan<byte> _remaining;
    private NetlinkAttribute _current;

    public AttributeReader(ReadOnlySpan<byte> attributes)
    {
        _remaining = attributes;
        _current = default;
    }

    public readonly NetlinkAttribute Current => _current;

    public readonly AttributeReader GetEnumerator() => this;

    public bool Malformed { get; private set; }

    public bool MoveNext()
    {
        if (_remaining.Length < 4)
            return false;
        var length = BinaryPrimitives.ReadUInt16LittleEndian(_remaining);
        if (length < 4 || length > _remaining.Length)
        {
            Malformed = true;
            _remaining = default;
            return false;
        }
        var type = (ushort)(BinaryPrimitives.ReadUInt16LittleEndian(_remaining[2..]) & TypeMask);
        _current = new NetlinkAttribute(type, _remaining[4..length]);
        _remaining = _remaining[Math.Min(NetlinkConstants.Align(length), _remaining.Length)..];
        return true;
    }
}
