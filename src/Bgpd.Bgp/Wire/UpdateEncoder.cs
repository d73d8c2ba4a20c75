using System.Buffers;
using System.Buffers.Binary;
using Bgpd.Net;

namespace Bgpd.Bgp.Wire;

/// <summary>What the session negotiated that changes how an UPDATE is written.</summary>
/// <remarks>default(UpdateEncodeOptions) is a 4-octet AS session without ADD-PATH and 4096-byte messages.</remarks>
public readonly record struct UpdateEncodeOptions(bool TwoOctetAs = false, bool AddPathIPv4 = false, bool AddPathIPv6 = false, int MaxMessageLength = BgpWire.MaxMessageLength)
{
    public bool FourOctetAs => !TwoOctetAs;
    public int MessageLimit => MaxMessageLength <= 0 ? BgpWire.MaxMessageLength : MaxMessageLength;

    public bool AddPathFor(BgpFamily family) => family.IsV6 ? AddPathIPv6 : AddPathIPv4;
}

/// <summary>
/// Writes UPDATE messages, packing as many prefixes per message as fit in the negotiated size.
/// IPv4 uses the classic NLRI fields and NEXT_HOP; IPv6 uses MP_REACH/MP_UNREACH (RFC 4760).
/// </summary>
public static class UpdateEncoder
{
    /// <summary>The path attributes (without MP_REACH/MP_UNREACH) in type order.</summary>
    public static byte[] EncodeAttributes(PathAttributes a, bool fourOctetAs)
    {
        var w = new ArrayBufferWriter<byte>(64);
        Span<byte> scratch = stackalloc byte[8];
        if (a.Origin is { } origin) Write(w, AttributeFlags.WellKnown, AttributeType.Origin, [(byte)origin]);
        if (a.AsPath is { } path)
        {
            var value = new byte[AsPathCodec.EncodedLength(path, fourOctetAs)];
            AsPathCodec.Write(value, path, fourOctetAs);
            Write(w, AttributeFlags.WellKnown, AttributeType.AsPath, value);
        }
        if (a.NextHop is { IsV6: false } nextHop) Write(w, AttributeFlags.WellKnown, AttributeType.NextHop, scratch[..nextHop.WriteBytes(scratch)]);
        if (a.Med is { } med) Write(w, AttributeFlags.Optional, AttributeType.MultiExitDisc, U32(scratch, med));
        if (a.LocalPref is { } localPref) Write(w, AttributeFlags.WellKnown, AttributeType.LocalPref, U32(scratch, localPref));
        if (a.AtomicAggregate) Write(w, AttributeFlags.WellKnown, AttributeType.AtomicAggregate, []);
        if (a.Aggregator is { } aggregator)
        {
            var value = fourOctetAs ? new byte[8] : new byte[6];
            if (fourOctetAs) BinaryPrimitives.WriteUInt32BigEndian(value, aggregator.As);
            else BinaryPrimitives.WriteUInt16BigEndian(value, OpenMessage.TwoOctetAs(aggregator.As));
            aggregator.Address.WriteBytes(value.AsSpan(fourOctetAs ? 4 : 2));
            Write(w, AttributeFlags.OptionalTransitive, AttributeType.Aggregator, value);
        }
        if (a.Communities is { Length: > 0 } communities) Write(w, AttributeFlags.OptionalTransitive, AttributeType.Communities, UInts(communities));
        if (a.OriginatorId is { } originator) Write(w, AttributeFlags.Optional, AttributeType.OriginatorId, U32(scratch, originator));
        if (a.ClusterList is { Length: > 0 } clusters) Write(w, AttributeFlags.Optional, AttributeType.ClusterList, UInts(clusters));
        if (a.ExtendedCommunities is { Length: > 0 } ext)
        {
            var value = new byte[ext.Length * 8];
            for (var i = 0; i < ext.Length; i++) BinaryPrimitives.WriteUInt64BigEndian(value.AsSpan(i * 8), ext[i]);
            Write(w, AttributeFlags.OptionalTransitive, AttributeType.ExtendedCommunities, value);
        }
        if (!fourOctetAs) WriteAs4(w, a);
        if (a.LargeCommunities is { Length: > 0 } large)
        {
            var value = new byte[large.Length * 12];
            for (var i = 0; i < large.Length; i++)
            {
                BinaryPrimitives.WriteUInt32BigEndian(value.AsSpan(i * 12), large[i].GlobalAdmin);
                BinaryPrimitives.WriteUInt32BigEndian(value.AsSpan(i * 12 + 4), large[i].LocalData1);
                BinaryPrimitives.WriteUInt32BigEndian(value.AsSpan(i * 12 + 8), large[i].LocalData2);
            }
            Write(w, AttributeFlags.OptionalTransitive, AttributeType.LargeCommunities, value);
        }
        if (a.OnlyToCustomer is { } otc) Write(w, AttributeFlags.OptionalTransitive, AttributeType.OnlyToCustomer, U32(scratch, otc));
        if (a.Unknown is not null)
            foreach (var raw in a.Unknown) Write(w, (byte)(raw.Flags & ~AttributeFlags.ExtendedLength), raw.Type, raw.Value.Span);
        return w.WrittenSpan.ToArray();
    }

    // RFC 6793 4.2.2: a 2-octet peer gets AS_TRANS in AS_PATH/AGGREGATOR and the real numbers in AS4_*.
    private static void WriteAs4(ArrayBufferWriter<byte> w, PathAttributes a)
    {
        if (a.AsPath is { } path && path.HasWideAs())
        {
            var as4 = new AsPath(path.Segments.Where(s => !s.IsConfed).ToArray());
            var value = new byte[AsPathCodec.EncodedLength(as4, true)];
            AsPathCodec.Write(value, as4, true);
            Write(w, AttributeFlags.OptionalTransitive, AttributeType.As4Path, value);
        }
        if (a.Aggregator is { } aggregator && aggregator.As > ushort.MaxValue)
        {
            var value = new byte[8];
            BinaryPrimitives.WriteUInt32BigEndian(value, aggregator.As);
            aggregator.Address.WriteBytes(value.AsSpan(4));
            Write(w, AttributeFlags.OptionalTransitive, AttributeType.As4Aggregator, value);
        }
    }

    private static ReadOnlySpan<byte> U32(Span<byte> scratch, uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(scratch, value);
        return scratch[..4];
    }

    private static byte[] UInts(uint[] values)
    {
        var value = new byte[values.Length * 4];
        for (var i = 0; i < values.Length; i++) BinaryPrimitives.WriteUInt32BigEndian(value.AsSpan(i * 4), values[i]);
        return value;
    }

    private static void Write(ArrayBufferWriter<byte> w, byte flags, byte type, ReadOnlySpan<byte> value)
    {
        var extended = value.Length > 255;
        var header = extended ? 4 : 3;
        var span = w.GetSpan(header + value.Length);
        span[0] = extended ? (byte)(flags | AttributeFlags.ExtendedLength) : (byte)(flags & ~AttributeFlags.ExtendedLength);
        span[1] = type;
        if (extended) BinaryPrimitives.WriteUInt16BigEndian(span[2..], (ushort)value.Length);
        else span[2] = (byte)value.Length;
        value.CopyTo(span[header..]);
        w.Advance(header + value.Length);
    }

    /// <summary>
    /// UPDATEs announcing <paramref name="prefixes"/> with <paramref name="attributes"/>, as few as fit.
    /// For IPv4 the next hop is the NEXT_HOP attribute; for IPv6 it is <paramref name="mpNextHop"/> (and a link-local one).
    /// </summary>
    public static List<byte[]> Announce(BgpFamily family, PathAttributes attributes, ReadOnlySpan<NlriEntry> prefixes, in UpdateEncodeOptions options, IpAddress? mpNextHop = null, IpAddress? mpLinkLocal = null)
    {
        var messages = new List<byte[]>();
        AnnounceEncoded(messages, family, EncodeAttributes(attributes, options.FourOctetAs), prefixes, options, mpNextHop, mpLinkLocal);
        return messages;
    }

    /// <summary>
    /// <see cref="Announce"/> with attributes already encoded by <see cref="EncodeAttributes"/> (for the
    /// session's AS width), for senders that announce many prefixes with one set; UPDATEs are added to <paramref name="messages"/>.
    /// </summary>
    public static void AnnounceEncoded(List<byte[]> messages, BgpFamily family, ReadOnlySpan<byte> attributeBytes, ReadOnlySpan<NlriEntry> prefixes, in UpdateEncodeOptions options, IpAddress? mpNextHop = null, IpAddress? mpLinkLocal = null)
    {
        var addPath = options.AddPathFor(family);
        if (!family.IsV6)
        {
            var fixedLength = BgpWire.HeaderLength + 4 + attributeBytes.Length;
            EnsureRoom(fixedLength, options);
            while (!prefixes.IsEmpty)
            {
                var count = Fit(prefixes, addPath, options.MessageLimit - fixedLength, out var nlriLength);
                var message = new byte[fixedLength + nlriLength];
                BgpWire.WriteHeader(message, message.Length, MessageType.Update);
                BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(21), (ushort)attributeBytes.Length);
                attributeBytes.CopyTo(message.AsSpan(23));
                WriteNlri(message.AsSpan(fixedLength), prefixes[..count], addPath);
                messages.Add(message);
                prefixes = prefixes[count..];
            }
            return;
        }
        var nextHop = mpNextHop ?? throw new ArgumentException("an IPv6 announcement needs a next hop", nameof(mpNextHop));
        var nextHopLength = mpLinkLocal is null ? 16 : 32;
        var reachFixed = 4 + 5 + nextHopLength;
        var messageFixed = BgpWire.HeaderLength + 4 + attributeBytes.Length + reachFixed;
        EnsureRoom(messageFixed, options);
        while (!prefixes.IsEmpty)
        {
            var count = Fit(prefixes, addPath, Math.Min(options.MessageLimit - messageFixed, ushort.MaxValue - reachFixed), out var nlriLength);
            var message = new byte[messageFixed + nlriLength];
            BgpWire.WriteHeader(message, message.Length, MessageType.Update);
            var body = message.AsSpan(BgpWire.HeaderLength);
            BinaryPrimitives.WriteUInt16BigEndian(body[2..], (ushort)(attributeBytes.Length + reachFixed + nlriLength));
            attributeBytes.CopyTo(body[4..]);
            var reach = body[(4 + attributeBytes.Length)..];
            reach[0] = AttributeFlags.Optional | AttributeFlags.ExtendedLength;
            reach[1] = AttributeType.MpReachNlri;
            BinaryPrimitives.WriteUInt16BigEndian(reach[2..], (ushort)(5 + nextHopLength + nlriLength));
            WriteFamily(reach[4..], family);
            reach[7] = (byte)nextHopLength;
            nextHop.WriteBytes(reach[8..]);
            mpLinkLocal?.WriteBytes(reach[24..]);
            reach[8 + nextHopLength] = 0;
            WriteNlri(reach[(9 + nextHopLength)..], prefixes[..count], addPath);
            messages.Add(message);
            prefixes = prefixes[count..];
        }
    }

    /// <summary>UPDATEs withdrawing <paramref name="prefixes"/>, as few as fit.</summary>
    public static List<byte[]> Withdraw(BgpFamily family, ReadOnlySpan<NlriEntry> prefixes, in UpdateEncodeOptions options)
    {
        var messages = new List<byte[]>();
        WithdrawInto(messages, family, prefixes, options);
        return messages;
    }

    /// <summary><see cref="Withdraw"/> adding the UPDATEs to <paramref name="messages"/>.</summary>
    public static void WithdrawInto(List<byte[]> messages, BgpFamily family, ReadOnlySpan<NlriEntry> prefixes, in UpdateEncodeOptions options)
    {
        var addPath = options.AddPathFor(family);
        var fixedLength = BgpWire.HeaderLength + 4 + (family.IsV6 ? 7 : 0);
        while (!prefixes.IsEmpty)
        {
            var count = Fit(prefixes, addPath, Math.Min(options.MessageLimit - fixedLength, ushort.MaxValue - 7), out var nlriLength);
            var message = new byte[fixedLength + nlriLength];
            BgpWire.WriteHeader(message, message.Length, MessageType.Update);
            var body = message.AsSpan(BgpWire.HeaderLength);
            if (family.IsV6)
            {
                BinaryPrimitives.WriteUInt16BigEndian(body[2..], (ushort)(7 + nlriLength));
                WriteUnreachHeader(body[4..], family, nlriLength);
                WriteNlri(body[11..], prefixes[..count], addPath);
            }
            else
            {
                BinaryPrimitives.WriteUInt16BigEndian(body, (ushort)nlriLength);
                WriteNlri(body[2..], prefixes[..count], addPath);
            }
            messages.Add(message);
            prefixes = prefixes[count..];
        }
    }

    /// <summary>The End-of-RIB marker (RFC 4724): an empty UPDATE for IPv4, an empty MP_UNREACH otherwise.</summary>
    public static byte[] EndOfRib(BgpFamily family)
    {
        var extra = family == BgpFamily.IPv4Unicast ? 0 : 7;
        var message = new byte[BgpWire.MinUpdateLength + extra];
        BgpWire.WriteHeader(message, message.Length, MessageType.Update);
        if (extra > 0)
        {
            message[22] = 7;
            WriteUnreachHeader(message.AsSpan(23), family, 0);
        }
        return message;
    }

    private static void WriteUnreachHeader(Span<byte> destination, BgpFamily family, int nlriLength)
    {
        destination[0] = AttributeFlags.Optional | AttributeFlags.ExtendedLength;
        destination[1] = AttributeType.MpUnreachNlri;
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)(3 + nlriLength));
        WriteFamily(destination[4..], family);
    }

    private static void WriteFamily(Span<byte> destination, BgpFamily family)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)family.Afi);
        destination[2] = (byte)family.Safi;
    }

    private static void EnsureRoom(int fixedLength, in UpdateEncodeOptions options)
    {
        if (fixedLength + 21 > options.MessageLimit)
            throw new ArgumentException($"path attributes of {fixedLength} bytes leave no room for NLRI in a {options.MessageLimit}-byte message");
    }

    private static int Fit(ReadOnlySpan<NlriEntry> prefixes, bool addPath, int room, out int length)
    {
        length = 0;
        var count = 0;
        foreach (ref readonly var entry in prefixes)
        {
            var size = NlriCodec.EncodedLength(entry, addPath);
            if (length + size > room) break;
            length += size;
            count++;
        }
        return count;
    }

    private static void WriteNlri(Span<byte> destination, ReadOnlySpan<NlriEntry> prefixes, bool addPath)
    {
        var offset = 0;
        foreach (ref readonly var entry in prefixes) offset += NlriCodec.Write(destination[offset..], entry, addPath);
    }
}
