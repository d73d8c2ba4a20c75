using System.Globalization;
using System.Text;

namespace Bgpd.Bgp.Wire;

/// <summary>Human text for NOTIFICATION codes, worded as BIRD prints them in logs and `show protocols`.</summary>
public static class BgpErrorText
{
    public static string Describe(byte code, byte subcode) => (code, subcode) switch
    {
        (1, 0) => "Invalid message header",
        (1, 1) => "Connection not synchronized",
        (1, 2) => "Bad message length",
        (1, 3) => "Bad message type",
        (2, 0) => "Invalid OPEN message",
        (2, 1) => "Unsupported version number",
        (2, 2) => "Bad peer AS",
        (2, 3) => "Bad BGP identifier",
        (2, 4) => "Unsupported optional parameter",
        (2, 5) => "Authentication failure",
        (2, 6) => "Unacceptable hold time",
        (2, 7) => "Required capability missing",
        (2, 8) => "No supported AFI/SAFI",
        (3, 0) => "Invalid UPDATE message",
        (3, 1) => "Malformed attribute list",
        (3, 2) => "Unrecognized well-known attribute",
        (3, 3) => "Missing mandatory attribute",
        (3, 4) => "Invalid attribute flags",
        (3, 5) => "Invalid attribute length",
        (3, 6) => "Invalid ORIGIN attribute",
        (3, 7) => "AS routing loop",
        (3, 8) => "Invalid NEXT_HOP attribute",
        (3, 9) => "Optional attribute error",
        (3, 10) => "Invalid network field",
        (3, 11) => "Malformed AS_PATH",
        (4, 0) => "Hold timer expired",
        (5, 0) => "Finite state machine error",
        (5, 1) => "Unexpected message in OpenSent state",
        (5, 2) => "Unexpected message in OpenConfirm state",
        (5, 3) => "Unexpected message in Established state",
        (6, 0) => "Cease",
        (6, 1) => "Maximum number of prefixes reached",
        (6, 2) => "Administrative shutdown",
        (6, 3) => "Peer de-configured",
        (6, 4) => "Administrative reset",
        (6, 5) => "Connection rejected",
        (6, 6) => "Other configuration change",
        (6, 7) => "Connection collision resolution",
        (6, 8) => "Out of Resources",
        (7, 0) => "Invalid ROUTE-REFRESH message",
        (7, 1) => "Invalid ROUTE-REFRESH message length",
        (8, 0) => "Send hold timer expired",
        _ => "Unknown error",
    };

    /// <summary>
    /// The error with its data as BIRD logs it: a Bad peer AS shows the AS, an administrative
    /// shutdown/reset shows its RFC 9003 communication in quotes, other data is hex (first 16 bytes).
    /// A communication whose length byte claims more than the data holds is shown as hex, never read past the end.
    /// </summary>
    public static string Format(BgpError error)
    {
        var text = new StringBuilder(Describe(error.Code, error.Subcode));
        var data = error.Data.Span;
        if (data.IsEmpty) return text.ToString();
        if (error.Code == 2 && error.Subcode == 2 && (data.Length == 2 || data.Length == 4))
        {
            var asn = data.Length == 2 ? (uint)(data[0] << 8 | data[1]) : System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(data);
            return text.Append(": ").Append(asn.ToString(CultureInfo.InvariantCulture)).ToString();
        }
        if (ShutdownCommunication.TryRead(error, out var message))
        {
            if (message.Length > 0) text.Append(": \"").Append(message).Append('"');
            return text.ToString();
        }
        text.Append(": ");
        foreach (var b in data[..Math.Min(16, data.Length)]) text.Append(b.ToString("x2", CultureInfo.InvariantCulture));
        return text.ToString();
    }
}
