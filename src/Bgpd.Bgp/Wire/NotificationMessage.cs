namespace Bgpd.Bgp.Wire;

/// <summary>NOTIFICATION codec (RFC 4271 4.5); the error and its data travel as a <see cref="BgpError"/>.</summary>
public static class NotificationMessage
{
    /// <summary>Decodes a NOTIFICATION body (after the header). The body is at least two bytes (framer checked).</summary>
    public static BgpError Decode(ReadOnlySpan<byte> body) =>
        body.Length < 2 ? new BgpError(0, 0) : new BgpError(body[0], body[1], body[2..].ToArray());

    public static byte[] Encode(BgpError error)
    {
        var data = error.Data.Span;
        var length = BgpWire.HeaderLength + 2 + data.Length;
        if (length > BgpWire.MaxMessageLength)
        {
            data = data[..(BgpWire.MaxMessageLength - BgpWire.HeaderLength - 2)];
            length = BgpWire.MaxMessageLength;
        }
        var message = new byte[length];
        BgpWire.WriteHeader(message, length, MessageType.Notification);
        message[19] = error.Code;
        message[20] = error.Subcode;
        data.CopyTo(message.AsSpan(21));
        return message;
    }
}
