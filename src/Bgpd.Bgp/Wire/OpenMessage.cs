using System.Buffers.Binary;

namespace Bgpd.Bgp.Wire;

/// <summary>An OPEN message (RFC 4271 4.2) with its capabilities; optional parameters may use the RFC 9072 extended form.</summary>
public sealed class OpenMessage
{
    private const byte CapabilitiesParameter = 2;
    private const byte ExtendedParametersMarker = 255;

    public byte Version { get; init; } = BgpWire.Version;
    /// <summary>The 2-octet My Autonomous System field (AS_TRANS when the real AS needs 4 octets).</summary>
    public ushort MyAs { get; init; }
    public ushort HoldTime { get; init; }
    public uint BgpId { get; init; }
    public BgpCapabilities Capabilities { get; init; } = new();
    /// <summary>True when the OPEN carried a capabilities parameter at all.</summary>
    public bool HasCapabilities { get; init; }

    /// <summary>The sender's AS: the 4-octet AS capability when present, else the 2-octet field.</summary>
    public uint PeerAs => Capabilities.FourOctetAs ?? MyAs;

    public static ushort TwoOctetAs(uint asn) => asn > ushort.MaxValue ? BgpWire.AsTrans : (ushort)asn;

    /// <summary>
    /// Decodes and checks an OPEN body (after the header). Errors map to RFC 4271 6.2: version 2/1,
    /// malformed optional parameters or capabilities 2/0, unknown parameter 2/4, hold time 1-2 s 2/6,
    /// BGP identifier 0 2/3, AS 0 2/2.
    /// </summary>
    public static OpenMessage? Decode(ReadOnlySpan<byte> body, out BgpError? error)
    {
        error = null;
        if (body.Length < 10)
        {
            error = BgpError.BadMessageLength(body.Length + BgpWire.HeaderLength);
            return null;
        }
        if (body[0] != BgpWire.Version)
        {
            error = new BgpError(2, 1, new byte[] { 0, BgpWire.Version });
            return null;
        }
        var caps = new BgpCapabilities();
        var parameters = body[10..];
        int declared = body[9];
        bool hasCaps;
        error = declared == ExtendedParametersMarker && parameters.Length >= 1 && parameters[0] == ExtendedParametersMarker
            ? DecodeExtendedParameters(parameters, caps, out hasCaps)
            : DecodeParameters(parameters, declared, caps, out hasCaps);
        if (error is not null) return null;

        var open = new OpenMessage
        {
            Version = body[0],
            MyAs = BinaryPrimitives.ReadUInt16BigEndian(body[1..]),
            HoldTime = BinaryPrimitives.ReadUInt16BigEndian(body[3..]),
            BgpId = BinaryPrimitives.ReadUInt32BigEndian(body[5..]),
            Capabilities = caps,
            HasCapabilities = hasCaps,
        };
        if (open.HoldTime is 1 or 2) error = BgpError.OpenError(6);
        else if (open.BgpId == 0) error = BgpError.OpenError(3);
        else if (open.MyAs == 0 || open.Capabilities.FourOctetAs == 0)
            error = new BgpError(2, 2, open.Capabilities.FourOctetAs == 0 ? new byte[4] : body.Slice(1, 2).ToArray());
        return error is null ? open : null;
    }

    private static BgpError? DecodeParameters(ReadOnlySpan<byte> parameters, int declared, BgpCapabilities caps, out bool hasCaps)
    {
        hasCaps = false;
        if (declared != parameters.Length) return BgpError.OpenError(0);
        while (!parameters.IsEmpty)
        {
            if (parameters.Length < 2 || parameters.Length < 2 + parameters[1]) return BgpError.OpenError(0);
            var error = DecodeParameter(parameters[0], parameters.Slice(2, parameters[1]), caps, ref hasCaps);
            if (error is not null) return error;
            parameters = parameters[(2 + parameters[1])..];
        }
        return null;
    }

    // RFC 9072: length octet 255, type octet 255, then a 2-octet length; each parameter has a 2-octet length.
    private static BgpError? DecodeExtendedParameters(ReadOnlySpan<byte> parameters, BgpCapabilities caps, out bool hasCaps)
    {
        hasCaps = false;
        if (parameters.Length < 3) return BgpError.OpenError(0);
        var declared = BinaryPrimitives.ReadUInt16BigEndian(parameters[1..]);
        parameters = parameters[3..];
        if (declared != parameters.Length) return BgpError.OpenError(0);
        while (!parameters.IsEmpty)
        {
            if (parameters.Length < 3) return BgpError.OpenError(0);
            var length = BinaryPrimitives.ReadUInt16BigEndian(parameters[1..]);
            if (parameters.Length < 3 + length) return BgpError.OpenError(0);
            var error = DecodeParameter(parameters[0], parameters.Slice(3, length), caps, ref hasCaps);
            if (error is not null) return error;
            parameters = parameters[(3 + length)..];
        }
        return null;
    }

    private static BgpError? DecodeParameter(byte type, ReadOnlySpan<byte> value, BgpCapabilities caps, ref bool hasCaps)
    {
        if (type != CapabilitiesParameter) return BgpError.OpenError(4);
        hasCaps = true;
        return CapabilityCodec.TryDecode(value, caps) ? null : BgpError.OpenError(0);
    }

    /// <summary>The complete message; capabilities go in one parameter, in RFC 9072 form only when they need it.</summary>
    public byte[] Encode()
    {
        var capabilities = CapabilityCodec.Encode(Capabilities);
        var extended = capabilities.Length + 2 > 255;
        var parametersLength = capabilities.Length == 0 ? 0 : extended ? 3 + 3 + capabilities.Length : 2 + capabilities.Length;
        var length = BgpWire.HeaderLength + 10 + parametersLength;
        var message = new byte[length];
        BgpWire.WriteHeader(message, length, MessageType.Open);
        var body = message.AsSpan(BgpWire.HeaderLength);
        body[0] = Version;
        BinaryPrimitives.WriteUInt16BigEndian(body[1..], MyAs);
        BinaryPrimitives.WriteUInt16BigEndian(body[3..], HoldTime);
        BinaryPrimitives.WriteUInt32BigEndian(body[5..], BgpId);
        if (capabilities.Length == 0) return message;
        if (extended)
        {
            body[9] = ExtendedParametersMarker;
            body[10] = ExtendedParametersMarker;
            BinaryPrimitives.WriteUInt16BigEndian(body[11..], (ushort)(3 + capabilities.Length));
            body[13] = CapabilitiesParameter;
            BinaryPrimitives.WriteUInt16BigEndian(body[14..], (ushort)capabilities.Length);
            capabilities.CopyTo(body[16..]);
        }
        else
        {
            body[9] = (byte)(2 + capabilities.Length);
            body[10] = CapabilitiesParameter;
            body[11] = (byte)capabilities.Length;
            capabilities.CopyTo(body[12..]);
        }
        return message;
    }
}
