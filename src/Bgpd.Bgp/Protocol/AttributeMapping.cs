using System.Collections.Immutable;
using Bgpd.Bgp.Wire;
using Bgpd.Net;
using Bgpd.Rib.Attributes;
using RibAsPath = Bgpd.Rib.Attributes.AsPath;
using RibLarge = Bgpd.Rib.Attributes.LargeCommunity;
using RibSegment = Bgpd.Rib.Attributes.AsPathSegment;
using RibSegmentType = Bgpd.Rib.Attributes.AsPathSegmentType;
using WireAsPath = Bgpd.Bgp.Wire.AsPath;

namespace Bgpd.Bgp.Protocol;

/// <summary>Converts between wire path attributes and the RIB's extended attributes (BIRD's bgp_* EAs).</summary>
public static class AttributeMapping
{
    /// <summary>
    /// The EA list for a received route; <paramref name="nextHop"/> is the BGP next hop (with link-local for IPv6),
    /// <paramref name="defaultLocalPref"/> the LOCAL_PREF it gets when it came without one.
    /// </summary>
    public static EaList ToEaList(PathAttributes a, IpAddress nextHop, IpAddress? linkLocal, uint? defaultLocalPref = null)
    {
        var list = new List<Ea>(10);
        if (a.Origin is { } origin) list.Add(new Ea(EaId.BgpOrigin, EaValue.Int((uint)origin), AttributeFlags.WellKnown));
        list.Add(new Ea(EaId.BgpAsPath, EaValue.Path(ToRib(a.AsPath ?? WireAsPath.Empty)), AttributeFlags.WellKnown));
        list.Add(new Ea(EaId.BgpNextHop, linkLocal is { } ll ? EaValue.IpPair(nextHop, ll) : EaValue.Ip(nextHop), AttributeFlags.WellKnown));
        if (a.Med is { } med) list.Add(new Ea(EaId.BgpMed, EaValue.Int(med), AttributeFlags.Optional));
        if ((a.LocalPref ?? defaultLocalPref) is { } localPref) list.Add(new Ea(EaId.BgpLocalPref, EaValue.Int(localPref), AttributeFlags.WellKnown));
        if (a.AtomicAggregate) list.Add(new Ea(EaId.BgpAtomicAggr, EaValue.Opaque([]), AttributeFlags.WellKnown));
        if (a.Aggregator is { } aggregator)
        {
            var bytes = new byte[8];
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes, aggregator.As);
            aggregator.Address.WriteBytes(bytes.AsSpan(4));
            list.Add(new Ea(EaId.BgpAggregator, EaValue.Opaque([.. bytes]), AttributeFlags.OptionalTransitive));
        }
        if (a.Communities is { } communities) list.Add(new Ea(EaId.BgpCommunity, EaValue.IntSet([.. communities]), AttributeFlags.OptionalTransitive));
        if (a.OriginatorId is { } originator) list.Add(new Ea(EaId.BgpOriginatorId, EaValue.RouterId(originator), AttributeFlags.Optional));
        if (a.ClusterList is { } clusters) list.Add(new Ea(EaId.BgpClusterList, EaValue.IntSet([.. clusters]), AttributeFlags.Optional));
        if (a.ExtendedCommunities is { } ext) list.Add(new Ea(EaId.BgpExtCommunity, EaValue.EcSet([.. ext]), AttributeFlags.OptionalTransitive));
        if (a.LargeCommunities is { } large)
            list.Add(new Ea(EaId.BgpLargeCommunity, EaValue.LcSet([.. large.Select(l => new RibLarge(l.GlobalAdmin, l.LocalData1, l.LocalData2))]), AttributeFlags.OptionalTransitive));
        if (a.OnlyToCustomer is { } otc) list.Add(new Ea(EaIds.Bgp(AttributeType.OnlyToCustomer), EaValue.Int(otc), AttributeFlags.OptionalTransitive));
        if (a.Unknown is { } unknown)
            foreach (var raw in unknown) list.Add(new Ea(EaIds.Bgp(raw.Type), EaValue.Opaque([.. raw.Value.Span]), raw.Flags));
        return EaList.Create(list);
    }

    /// <summary>Wire attributes from a route's EAs (next hop excluded: the exporter decides it).</summary>
    public static PathAttributes FromEaList(EaList eas)
    {
        var a = new PathAttributes();
        foreach (var ea in eas)
        {
            if (ea.Id.Class() != EaIds.ClassBgp) continue;
            var v = ea.Value;
            switch (ea.Id)
            {
                case EaId.BgpOrigin: a.Origin = (Origin)v.AsInt; break;
                case EaId.BgpAsPath: a.AsPath = ToWire(v.AsPath); break;
                case EaId.BgpNextHop: a.NextHop = v.AsIp; break;
                case EaId.BgpMed: a.Med = v.AsInt; break;
                case EaId.BgpLocalPref: a.LocalPref = v.AsInt; break;
                case EaId.BgpAtomicAggr: a.AtomicAggregate = true; break;
                case EaId.BgpAggregator when v.Type == EaType.Opaque && v.AsOpaque.Length == 8:
                    var bytes = v.AsOpaque.AsSpan();
                    a.Aggregator = new Aggregator(System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes), IpAddress.FromBytes(bytes[4..]));
                    break;
                case EaId.BgpCommunity: a.Communities = [.. v.AsIntSet]; break;
                case EaId.BgpOriginatorId: a.OriginatorId = v.AsInt; break;
                case EaId.BgpClusterList: a.ClusterList = [.. v.AsIntSet]; break;
                case EaId.BgpExtCommunity: a.ExtendedCommunities = [.. v.AsEcSet]; break;
                case EaId.BgpLargeCommunity: a.LargeCommunities = [.. v.AsLcSet.Select(l => new Wire.LargeCommunity(l.Global, l.Local1, l.Local2))]; break;
                case EaId.BgpAs4Path or EaId.BgpAs4Aggregator: break;
                default:
                    if (ea.Id.Code() == AttributeType.OnlyToCustomer && v.Type == EaType.Int) a.OnlyToCustomer = v.AsInt;
                    else if (v.Type == EaType.Opaque && (ea.Flags & AttributeFlags.Transitive) != 0)
                        (a.Unknown ??= []).Add(new RawAttribute((byte)(ea.Flags | AttributeFlags.Optional), ea.Id.Code(), v.AsOpaque.ToArray()));
                    break;
            }
        }
        return a;
    }

    public static RibAsPath ToRib(WireAsPath path) =>
        path.IsEmpty ? RibAsPath.Empty : new RibAsPath([.. path.Segments.Select(s => new RibSegment((RibSegmentType)s.Type, [.. s.Asns]))]);

    public static WireAsPath ToWire(RibAsPath path) =>
        path.Segments.Length == 0 ? WireAsPath.Empty : new WireAsPath(path.Segments.Select(s => new Wire.AsPathSegment((Wire.AsPathSegmentType)s.Type, s.Asns.ToArray())).ToArray());
}
