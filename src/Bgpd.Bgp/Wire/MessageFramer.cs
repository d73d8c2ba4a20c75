using System.Buffers;

namespace Bgpd.Bgp.Wire;

/// <summary>What the framer found at the start of a receive buffer.</summary>
public enum FrameStatus
{
    /// <summary>Not enough bytes yet for a whole message.</summary>
    NeedMoreData,
    /// <summary>One complete, well-framed message.</summary>
    Message,
    /// <summary>The header is bad: reset the session with the NOTIFICATION in the error.</summary>
    Error,
}

/// <summary>
/// Splits a byte stream into BGP messages and checks the header (RFC 4271 6.1): marker, length
/// range for the negotiated maximum, known type, and the minimum length for that type.
/// </summary>
public static class MessageFramer
{
    /// <summary>
    /// Looks at the start of <paramref name="buffer"/>. On <see cref="FrameStatus.Message"/>,
    /// <paramref name="message"/> is the whole message (header included) and the caller advances past it.
    /// </summary>
    public static FrameStatus TryReadMessage(in ReadOnlySequence<byte> buffer, int maxLength, out ReadOnlySequence<byte> message, out MessageType type, out BgpError? error)
    {
        message = default;
        type = default;
        error = null;
        if (buffer.Length < BgpWire.HeaderLength) return FrameStatus.NeedMoreData;
        Span<byte> header = stackalloc byte[BgpWire.HeaderLength];
        buffer.Slice(0, BgpWire.HeaderLength).CopyTo(header);
        return Check(header, buffer.Length, maxLength, out type, out error, out var length) switch
        {
            FrameStatus.Message => Frame(buffer, length, out message),
            var status => status,
        };
    }

    private static FrameStatus Frame(in ReadOnlySequence<byte> buffer, int length, out ReadOnlySequence<byte> message)
    {
        message = buffer.Slice(0, length);
        return FrameStatus.Message;
    }

    private static FrameStatus Check(ReadOnlySpan<byte> header, long available, int maxLength, out MessageType type, out BgpError? error, out int length)
    {
        type = default;
        error = null;
        length = header[16] << 8 | header[17];
        if (header[..BgpWire.MarkerLength].ContainsAnyExcept((byte)0xFF))
        {
            error = BgpError.HeaderNotSynchronized();
            return FrameStatus.Error;
        }
        var rawType = header[18];
        if (length < BgpWire.HeaderLength || length > maxLength)
        {
            error = BgpError.BadMessageLength(length);
            return FrameStatus.Error;
        }
        if (!LengthFitsType(rawType, length, out var known))
        {
            error = known ? BgpError.BadMessageLength(length) : BgpError.BadMessageType(rawType);
            return FrameStatus.Error;
        }
        if (available < length) return FrameStatus.NeedMoreData;
        type = (MessageType)rawType;
        return FrameStatus.Message;
    }

    // ROUTE-REFRESH length is checked by its decoder: RFC 7313 gives it its own error code.
    private static bool LengthFitsType(byte type, int length, out bool known)
    {
        known = true;
        switch ((MessageType)type)
        {
            case MessageType.Open: return length >= BgpWire.MinOpenLength && length <= BgpWire.MaxMessageLength;
            case MessageType.Update: return length >= BgpWire.MinUpdateLength;
            case MessageType.Notification: return length >= BgpWire.MinNotificationLength;
            case MessageType.Keepalive: return length == BgpWire.KeepaliveLength;
            case MessageType.RouteRefresh: return true;
            default:
                known = false;
                return false;
        }
    }
}
