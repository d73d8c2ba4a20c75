using System.Buffers.Binary;
using Bgpd.Net;
using Bgpd.Netlink.Netlink;

namespace Bgpd.Netlink.Rtnetlink;

/// <summary>Decodes and encodes route messages (struct rtmsg + RTA_* attributes), IPv4 and IPv6.</summary>
public static class RouteCodec
{
    public const int HeaderLength = 12;
    private const int NextHopHeaderLength = 8;
    private const byte CompatTable = 252;

    /// <summary>Decodes a route. Returns false for families other than IPv4/IPv6 or malformed input.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> payload, out RouteMessage route)
    {
        route = default;
        if (payload.Length < HeaderLength)
            return false;
        var family = payload[0];
        if (family != Rtm.FamilyInet && family != Rtm.FamilyInet6)
            return false;
        var dstLength = payload[1];
        if (dstLength > (family == Rtm.FamilyInet ? 32 : 128))
            return false;
        uint table = payload[4];
        IpAddress? dst = null, gateway = null, prefSrc = null;
        int oif = 0, iif = 0;
        uint priority = 0;
        uint? flow = null;
        RouteMetrics? metrics = null;
        NextHop[]? hops = null;
        var reader = new AttributeReader(payload[HeaderLength..]);
        foreach (var attr in reader)
        {
            switch (attr.Type)
            {
                case RouteAttr.Dst: dst = AddressCodec.ReadAddress(family, attr.Value); break;
                case RouteAttr.Gateway: gateway = AddressCodec.ReadAddress(family, attr.Value); break;
                case RouteAttr.Via: gateway = ReadVia(attr.Value) ?? gateway; break;
                case RouteAttr.Oif: oif = (int)attr.AsUInt32(); break;
                case RouteAttr.Iif: iif = (int)attr.AsUInt32(); break;
                case RouteAttr.Priority: priority = attr.AsUInt32(); break;
                case RouteAttr.PrefSrc: prefSrc = AddressCodec.ReadAddress(family, attr.Value); break;
                case RouteAttr.Flow: flow = attr.AsUInt32(); break;
                case RouteAttr.Table: table = attr.AsUInt32(); break;
                case RouteAttr.Metrics: metrics = ReadMetrics(attr.Value); break;
                case RouteAttr.Multipath:
                    hops = ReadMultipath(family, attr.Value);
                    if (hops is null)
                        return false;
                    break;
            }
        }
        if (reader.Malformed)
            return false;
        var zero = family == Rtm.FamilyInet ? IpAddress.V4Zero : IpAddress.V6Zero;
        var address = (dst ?? zero).Masked(dstLength);
        route = new RouteMessage
        {
            Destination = new Prefix(address, dstLength),
            SourceLength = payload[2],
            Tos = payload[3],
            Table = table,
            Protocol = payload[5],
            Scope = payload[6],
            Type = (RouteType)payload[7],
            Flags = BinaryPrimitives.ReadUInt32LittleEndian(payload[8..]),
            Gateway = gateway,
            OutputInterface = oif,
            InputInterface = iif,
            Priority = priority,
            PreferredSource = prefSrc,
            Flow = flow,
            Metrics = metrics is { IsEmpty: false } ? metrics : null,
            NextHops = hops,
        };
        return true;
    }

    /// <summary>Writes a route message: the rtmsg header, then attributes in the order BIRD sends them.</summary>
    public static void Encode(NetlinkWriter writer, ushort type, ushort flags, uint sequence, in RouteMessage route)
    {
        var start = writer.BeginMessage(type, flags, sequence);
        var header = writer.Reserve(HeaderLength);
        var family = route.IsV6 ? Rtm.FamilyInet6 : Rtm.FamilyInet;
        header[0] = family;
        header[1] = route.Destination.Length;
        header[2] = route.SourceLength;
        header[3] = route.Tos;
        header[4] = route.Table < 256 ? (byte)route.Table : CompatTable;
        header[5] = route.Protocol;
        header[6] = route.Scope;
        header[7] = (byte)route.Type;
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], route.Flags);
        Span<byte> scratch = stackalloc byte[16];
        // Attribute order follows the kernel's own dumps so captured messages re-encode byte for byte.
        if (route.Table != RouteTable.Unspec)
            writer.AddUInt32(RouteAttr.Table, route.Table);
        if (route.Destination.Length > 0)
            AddAddress(writer, RouteAttr.Dst, route.Destination.Address, scratch);
        if (route.IsV6)
        {
            AddPreferredSource(writer, route, scratch);
            AddMetrics(writer, route);
            AddPriority(writer, route);
        }
        else
        {
            AddPriority(writer, route);
            AddMetrics(writer, route);
            AddPreferredSource(writer, route, scratch);
        }
        if (route.NextHops is { Length: > 0 } hops)
            WriteMultipath(writer, family, hops, scratch);
        else
        {
            if (route.Gateway is { } gw)
                AddGateway(writer, family, gw, scratch);
            if (route.OutputInterface != 0)
                writer.AddUInt32(RouteAttr.Oif, (uint)route.OutputInterface);
            if (route.Flow is { } flow)
                writer.AddUInt32(RouteAttr.Flow, flow);
        }
        if (route.InputInterface != 0)
            writer.AddUInt32(RouteAttr.Iif, (uint)route.InputInterface);
        writer.EndMessage(start);
    }

    /// <summary>A dump request for all routes of a family (or both with <see cref="Rtm.FamilyUnspec"/>).</summary>
    public static void EncodeDumpRequest(NetlinkWriter writer, uint sequence, byte family = Rtm.FamilyUnspec)
    {
        var start = writer.BeginMessage(Rtm.GetRoute, NetlinkConstants.FlagRequest | NetlinkConstants.FlagDump, sequence);
        writer.Reserve(HeaderLength)[0] = family;
        writer.EndMessage(start);
    }

    private static void AddPriority(NetlinkWriter writer, in RouteMessage route)
    {
        if (route.Priority != 0)
            writer.AddUInt32(RouteAttr.Priority, route.Priority);
    }

    private static void AddMetrics(NetlinkWriter writer, in RouteMessage route)
    {
        if (route.Metrics is not { IsEmpty: false } metrics)
            return;
        var nested = writer.BeginNested(RouteAttr.Metrics);
        foreach (var (index, value) in metrics.Present())
            writer.AddUInt32((ushort)index, value);
        writer.EndNested(nested);
    }

    private static void AddPreferredSource(NetlinkWriter writer, in RouteMessage route, Span<byte> scratch)
    {
        if (route.PreferredSource is { } src)
            AddAddress(writer, RouteAttr.PrefSrc, src, scratch);
    }

    private static IpAddress? ReadVia(ReadOnlySpan<byte> value)
    {
        if (value.Length < 2)
            return null;
        var family = (byte)BinaryPrimitives.ReadUInt16LittleEndian(value);
        return AddressCodec.ReadAddress(family, value[2..]);
    }

    private static RouteMetrics? ReadMetrics(ReadOnlySpan<byte> value)
    {
        var metrics = new RouteMetrics();
        foreach (var attr in new AttributeReader(value))
            if (attr.Type is > 0 and <= MetricAttr.Max && attr.Value.Length == 4)
                metrics[attr.Type] = attr.AsUInt32();
        return metrics;
    }

    private static NextHop[]? ReadMultipath(byte family, ReadOnlySpan<byte> value)
    {
        var count = 0;
        for (var rest = value; rest.Length >= NextHopHeaderLength; count++)
        {
            var length = BinaryPrimitives.ReadUInt16LittleEndian(rest);
            if (length < NextHopHeaderLength || length > rest.Length)
                return null;
            rest = rest[Math.Min(NetlinkConstants.Align(length), rest.Length)..];
        }
        var hops = new NextHop[count];
        for (var i = 0; i < count; i++)
        {
            var length = BinaryPrimitives.ReadUInt16LittleEndian(value);
            var flags = value[2];
            var weight = value[3] + 1;
            var ifindex = BinaryPrimitives.ReadInt32LittleEndian(value[4..]);
            IpAddress? gateway = null;
            uint? flow = null;
            foreach (var attr in new AttributeReader(value[NextHopHeaderLength..length]))
            {
                if (attr.Type == RouteAttr.Gateway) gateway = AddressCodec.ReadAddress(family, attr.Value);
                else if (attr.Type == RouteAttr.Via) gateway = ReadVia(attr.Value) ?? gateway;
                else if (attr.Type == RouteAttr.Flow) flow = attr.AsUInt32();
            }
            hops[i] = new NextHop(gateway, ifindex, weight, flags, flow);
            value = value[Math.Min(NetlinkConstants.Align(length), value.Length)..];
        }
        return hops;
    }

    private static void WriteMultipath(NetlinkWriter writer, byte family, NextHop[] hops, Span<byte> scratch)
    {
        var nested = writer.BeginNested(RouteAttr.Multipath);
        foreach (var hop in hops)
        {
            var hopStart = writer.Position;
            var header = writer.Reserve(NextHopHeaderLength);
            header[2] = (byte)hop.Flags;
            header[3] = (byte)Math.Clamp(hop.Weight - 1, 0, 255);
            BinaryPrimitives.WriteInt32LittleEndian(header[4..], hop.InterfaceIndex);
            if (hop.Gateway is { } gw)
                AddGateway(writer, family, gw, scratch);
            if (hop.Flow is { } flow)
                writer.AddUInt32(RouteAttr.Flow, flow);
            writer.PatchLength16(hopStart);
        }
        writer.EndNested(nested);
    }

    /// <summary>A gateway of the route's own family is RTA_GATEWAY; an IPv6 next hop of an IPv4 route is RTA_VIA.</summary>
    private static void AddGateway(NetlinkWriter writer, byte family, IpAddress gateway, Span<byte> scratch)
    {
        var sameFamily = gateway.IsV6 == (family == Rtm.FamilyInet6);
        if (sameFamily)
        {
            AddAddress(writer, RouteAttr.Gateway, gateway, scratch);
            return;
        }
        Span<byte> via = stackalloc byte[18];
        BinaryPrimitives.WriteUInt16LittleEndian(via, gateway.IsV6 ? Rtm.FamilyInet6 : Rtm.FamilyInet);
        var n = gateway.WriteBytes(via[2..]);
        writer.AddAttribute(RouteAttr.Via, via[..(2 + n)]);
    }

    private static void AddAddress(NetlinkWriter writer, ushort type, IpAddress address, Span<byte> scratch)
    {
        var n = address.WriteBytes(scratch);
        writer.AddAttribute(type, scratch[..n]);
    }
}
