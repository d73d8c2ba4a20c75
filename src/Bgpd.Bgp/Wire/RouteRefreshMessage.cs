namespace Bgpd.Bgp.Wire;

/// <summary>ROUTE-REFRESH subtypes (RFC 7313): a plain request, or the beginning/end of a refresh.</summary>
public enum RouteRefreshSubtype : byte
{
    Request = 0,
    BeginOfRouteRefresh = 1,
    EndOfRouteRefresh = 2,
}

/// <summary>A ROUTE-REFRESH message (RFC 2918, RFC 7313).</summary>
public readonly record struct RouteRefreshMessage(BgpFamily Family, RouteRefreshSubtype Subtype)
{
    public enum DecodeStatus { Ok, Ignore, Error }

    /// <summary>
    /// Decodes a ROUTE-REFRESH body. A body that is not exactly 4 bytes is error 7/1 with the whole
    /// message as data (RFC 7313 5); an unknown subtype is ignored.
    /// </summary>
    public static DecodeStatus Decode(ReadOnlySpan<byte> message, out RouteRefreshMessage refresh, out BgpError? error)
    {
        refresh = default;
        error = null;
        var body = message[BgpWire.HeaderLength..];
        if (body.Length != 4)
        {
            error = new BgpError(7, 1, message.ToArray());
            return DecodeStatus.Error;
        }
        var family = new BgpFamily((Afi)(body[0] << 8 | body[1]), (Safi)body[3]);
        if (body[2] > 2) return DecodeStatus.Ignore;
        refresh = new RouteRefreshMessage(family, (RouteRefreshSubtype)body[2]);
        return DecodeStatus.Ok;
    }

    public byte[] Encode()
    {
        var message = new byte[BgpWire.RouteRefreshLength];
        BgpWire.WriteHeader(message, message.Length, MessageType.RouteRefresh);
        message[19] = (byte)((ushort)Family.Afi >> 8);
        message[20] = (byte)Family.Afi;
        message[21] = (byte)Subtype;
        message[22] = (byte)Family.Safi;
        return message;
    }
}
