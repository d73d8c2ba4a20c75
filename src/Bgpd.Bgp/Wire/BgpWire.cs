namespace Bgpd.Bgp.Wire;

/// <summary>Fixed numbers of the BGP-4 wire format (RFC 4271 section 4, RFC 8654).</summary>
public static class BgpWire
{
    public const int HeaderLength = 19;
    public const int MarkerLength = 16;
    /// <summary>Largest message without the extended message capability (RFC 4271).</summary>
    public const int MaxMessageLength = 4096;
    /// <summary>Largest message once both sides advertised extended messages (RFC 8654).</summary>
    public const int MaxExtendedMessageLength = 65535;
    public const int MinOpenLength = 29;
    public const int MinUpdateLength = 23;
    public const int MinNotificationLength = 21;
    public const int KeepaliveLength = 19;
    public const int RouteRefreshLength = 23;
    public const byte Version = 4;
    /// <summary>AS_TRANS (RFC 6793): stands in for a 4-octet AS number in 2-octet fields.</summary>
    public const ushort AsTrans = 23456;

    /// <summary>Writes a header (all-ones marker, length, type) at the start of <paramref name="destination"/>.</summary>
    public static void WriteHeader(Span<byte> destination, int length, MessageType type)
    {
        destination[..MarkerLength].Fill(0xFF);
        destination[16] = (byte)(length >> 8);
        destination[17] = (byte)length;
        destination[18] = (byte)type;
    }

    /// <summary>A complete KEEPALIVE message.</summary>
    public static byte[] Keepalive()
    {
        var message = new byte[HeaderLength];
        WriteHeader(message, HeaderLength, MessageType.Keepalive);
        return message;
    }
}
