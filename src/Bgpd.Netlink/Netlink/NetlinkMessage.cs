using System.Buffers.Binary;

namespace Bgpd.Netlink.Netlink;

/// <summary>One netlink message viewed in place: header fields plus the payload after the 16-byte header.</summary>
public readonly ref struct NetlinkMessage
{
    public NetlinkMessage(ushort type, ushort flags, uint sequence, uint portId, ReadOnlySpan<byte> payload)
    {
        Type = type;
        Flags = flags;
        Sequence = sequence;
        PortId = portId;
        Payload = payload;
    }

    public ushort Type { get; }
    public ushort Flags { get; }
    public uint Sequence { get; }
    public uint PortId { get; }
    public ReadOnlySpan<byte> Payload { get; }

    public bool IsDone => Type == NetlinkConstants.Done;
    public bool IsError => Type == NetlinkConstants.Error;

    /// <summary>For NLMSG_ERROR: the negated errno (0 = ACK).</summary>
    public int ErrorCode => Payload.Length >= 4 ? -BinaryPrimitives.ReadInt32LittleEndian(Payload) : 0;

    /// <summary>For NLMSG_DONE of a dump: the kernel may report an error in the 4-byte payload.</summary>
    public int DoneErrorCode => Payload.Length >= 4 ? -BinaryPrimitives.ReadInt32LittleEndian(Payload) : 0;
}

/// <summary>Enumerates the netlink messages packed in one datagram without copying.</summary>
public ref struct NetlinkMessageReader
{
    private ReadOnlySpan<byte> _remaining;
    private NetlinkMessage _current;

    public NetlinkMessageReader(ReadOnlySpan<byte> datagram)
    {
        _remaining = datagram;
        _current = default;
    }

    public readonly NetlinkMessage Current => _current;

    public readonly NetlinkMessageReader GetEnumerator() => this;

    /// <summary>Advances to the next message. A truncated or malformed header ends the enumeration
    /// with <see cref="Malformed"/> set rather than throwing: the caller treats it as a lost message.</summary>
    public bool MoveNext()
    {
        if (_remaining.Length < NetlinkConstants.HeaderLength)
        {
            Malformed |= _remaining.Length != 0;
            return false;
        }
        var length = BinaryPrimitives.ReadUInt32LittleEndian(_remaining);
        if (length < NetlinkConstants.HeaderLength || length > (uint)_remaining.Length)
        {
            Malformed = true;
            _remaining = default;
            return false;
        }
        var type = BinaryPrimitives.ReadUInt16LittleEndian(_remaining[4..]);
        var flags = BinaryPrimitives.ReadUInt16LittleEndian(_remaining[6..]);
        var seq = BinaryPrimitives.ReadUInt32LittleEndian(_remaining[8..]);
        var pid = BinaryPrimitives.ReadUInt32LittleEndian(_remaining[12..]);
        _current = new NetlinkMessage(type, flags, seq, pid, _remaining[NetlinkConstants.HeaderLength..(int)length]);
        var next = Math.Min(NetlinkConstants.Align((int)length), _remaining.Length);
        _remaining = _remaining[next..];
        return true;
    }

    public bool Malformed { get; private set; }
}
