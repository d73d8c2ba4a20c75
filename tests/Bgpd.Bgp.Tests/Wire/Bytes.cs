using Bgpd.Bgp.Wire;
using Bgpd.Net;

namespace Bgpd.Bgp.Tests.Wire;

/// <summary>Builds raw BGP bytes by hand, so tests state exactly what goes on the wire.</summary>
internal static class Bytes
{
    public static byte[] Cat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    public static byte[] U16(int value) => [(byte)(value >> 8), (byte)value];
    public static byte[] U32(uint value) => [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];

    public static byte[] Attr(byte flags, byte type, params byte[] value) =>
        (flags & AttributeFlags.ExtendedLength) != 0
            ? Cat([flags, type], U16(value.Length), value)
            : Cat([flags, type, (byte)value.Length], value);

    public static byte[] OriginAttr(byte value = 0) => Attr(AttributeFlags.WellKnown, AttributeType.Origin, value);
    public static byte[] AsPath4(params uint[] asns) =>
        asns.Length == 0 ? Attr(AttributeFlags.WellKnown, AttributeType.AsPath) :
        Attr(AttributeFlags.WellKnown, AttributeType.AsPath, Cat([2, (byte)asns.Length], Cat(asns.Select(U32).ToArray())));
    public static byte[] NextHop(string address) => Attr(AttributeFlags.WellKnown, AttributeType.NextHop, V4(address));
    public static byte[] V4(string address) => U32(IpAddress.Parse(address).V4Value);

    /// <summary>ORIGIN IGP, empty AS_PATH, NEXT_HOP 10.0.0.1: enough for a valid IPv4 announcement.</summary>
    public static byte[] Mandatory() => Cat(OriginAttr(), AsPath4(), NextHop("10.0.0.1"));

    public static byte[] Prefix4(string prefix)
    {
        var p = Bgpd.Net.Prefix.Parse(prefix);
        var bytes = new byte[16];
        p.Address.WriteBytes(bytes);
        return Cat([p.Length], bytes[..((p.Length + 7) / 8)]);
    }

    public static byte[] UpdateBody(byte[] withdrawn, byte[] attributes, byte[] nlri) =>
        Cat(U16(withdrawn.Length), withdrawn, U16(attributes.Length), attributes, nlri);

    public static byte[] Message(MessageType type, byte[] body)
    {
        var message = new byte[BgpWire.HeaderLength + body.Length];
        BgpWire.WriteHeader(message, message.Length, type);
        body.CopyTo(message, BgpWire.HeaderLength);
        return message;
    }

    public static UpdateMessage Decode(byte[] body, UpdateDecodeOptions? options = null) =>
        UpdateMessage.Decode(body, options ?? new UpdateDecodeOptions(IsInternal: true));

    public static List<NlriEntry> List(NlriReader reader)
    {
        var list = new List<NlriEntry>();
        foreach (var entry in reader) list.Add(entry);
        return list;
    }

    public static List<string> Prefixes(NlriReader reader) => List(reader).Select(e => e.Prefix.ToString()).ToList();

    /// <summary>Body of an encoded message (header stripped).</summary>
    public static byte[] Body(byte[] message) => message[BgpWire.HeaderLength..];
}
