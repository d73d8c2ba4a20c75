using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Bgpd.Filters.Runtime;
using Bgpd.Filters.Values;
using Bgpd.Rib.Attributes;
using Bgpd.Rib.Filtering;

namespace Bgpd.Filters.Rib;

/// <summary>
/// Presents the RIB's <see cref="RouteEditor"/> to compiled filters: static fields map to the
/// editor's properties, bgp_* and krt_* to its extended attributes. Scalars and community lists
/// cross without copying; AS paths and large communities are converted when read or written.
/// </summary>
public sealed class RouteEditorRoute : IFilterRoute
{
    public RouteEditor Editor { get; set; } = null!;

    private static readonly Dictionary<RouteAttribute, EaId> EaIdOf = new()
    {
        [RouteAttribute.BgpOrigin] = EaId.BgpOrigin,
        [RouteAttribute.BgpPath] = EaId.BgpAsPath,
        [RouteAttribute.BgpNextHop] = EaId.BgpNextHop,
        [RouteAttribute.BgpMed] = EaId.BgpMed,
        [RouteAttribute.BgpLocalPref] = EaId.BgpLocalPref,
        [RouteAttribute.BgpAtomicAggr] = EaId.BgpAtomicAggr,
        [RouteAttribute.BgpAggregator] = EaId.BgpAggregator,
        [RouteAttribute.BgpCommunity] = EaId.BgpCommunity,
        [RouteAttribute.BgpOriginatorId] = EaId.BgpOriginatorId,
        [RouteAttribute.BgpClusterList] = EaId.BgpClusterList,
        [RouteAttribute.BgpExtCommunity] = EaId.BgpExtCommunity,
        [RouteAttribute.BgpLargeCommunity] = EaId.BgpLargeCommunity,
        [RouteAttribute.KrtSource] = EaId.KrtSource,
        [RouteAttribute.KrtMetric] = EaId.KrtMetric,
        [RouteAttribute.KrtPrefsrc] = EaId.KrtPrefSrc,
        [RouteAttribute.KrtRealm] = EaId.KrtRealm,
        [RouteAttribute.KrtScope] = EaId.KrtScope,
        [RouteAttribute.KrtTunnel] = EaId.KrtTunnel,
        [RouteAttribute.KrtMtu] = EaId.KrtMtu,
        [RouteAttribute.KrtWindow] = EaId.KrtWindow,
        [RouteAttribute.KrtRtt] = EaId.KrtRtt,
        [RouteAttribute.KrtRttvar] = EaId.KrtRttVar,
        [RouteAttribute.KrtSstresh] = EaId.KrtSsthresh,
        [RouteAttribute.KrtCwnd] = EaId.KrtCwnd,
        [RouteAttribute.KrtAdvmss] = EaId.KrtAdvMss,
        [RouteAttribute.KrtReordering] = EaId.KrtReordering,
        [RouteAttribute.KrtHoplimit] = EaId.KrtHopLimit,
        [RouteAttribute.KrtInitcwnd] = EaId.KrtInitCwnd,
        [RouteAttribute.KrtFeatures] = EaId.KrtFeatures,
        [RouteAttribute.KrtRtoMin] = EaId.KrtRtoMin,
        [RouteAttribute.KrtInitrwnd] = EaId.KrtInitRwnd,
        [RouteAttribute.KrtQuickack] = EaId.KrtQuickAck,
    };

    // krt_lock_* and krt_feature_* are bits of one bitfield attribute each (bit = RTAX_* index).
    private static readonly Dictionary<RouteAttribute, (EaId Id, int Bit)> BitOf = new()
    {
        [RouteAttribute.KrtLockMtu] = (EaId.KrtLock, 2),
        [RouteAttribute.KrtLockWindow] = (EaId.KrtLock, 3),
        [RouteAttribute.KrtLockRtt] = (EaId.KrtLock, 4),
        [RouteAttribute.KrtLockRttvar] = (EaId.KrtLock, 5),
        [RouteAttribute.KrtLockSstresh] = (EaId.KrtLock, 6),
        [RouteAttribute.KrtLockCwnd] = (EaId.KrtLock, 7),
        [RouteAttribute.KrtLockAdvmss] = (EaId.KrtLock, 8),
        [RouteAttribute.KrtLockReordering] = (EaId.KrtLock, 9),
        [RouteAttribute.KrtLockHoplimit] = (EaId.KrtLock, 10),
        [RouteAttribute.KrtLockRtoMin] = (EaId.KrtLock, 13),
        [RouteAttribute.KrtFeatureEcn] = (EaId.KrtFeatures, 0),
        [RouteAttribute.KrtFeatureAllfrag] = (EaId.KrtFeatures, 3),
    };

    private static readonly int AttributeCount = Enum.GetValues<RouteAttribute>().Length;
    private static readonly EaId[] EaIdByAttribute = BuildIds();
    private static readonly bool[] IsBit = BuildBits();

    private static EaId[] BuildIds()
    {
        var ids = new EaId[AttributeCount];
        foreach (var (a, id) in EaIdOf) ids[(int)a] = id;
        return ids;
    }

    private static bool[] BuildBits()
    {
        var bits = new bool[AttributeCount];
        foreach (var a in BitOf.Keys) bits[(int)a] = true;
        return bits;
    }

    // Extended attributes whose value is not read as stored (enum, quad, presence, text).
    private static readonly bool[] Converted = BuildConverted();

    private static bool[] BuildConverted()
    {
        var converted = new bool[AttributeCount];
        foreach (var a in new[] { RouteAttribute.BgpOrigin, RouteAttribute.BgpOriginatorId, RouteAttribute.BgpAtomicAggr, RouteAttribute.BgpAggregator })
            converted[(int)a] = true;
        return converted;
    }

    public Value Get(RouteAttribute attribute, string? customName = null)
    {
        // Hot path kept small: extended attributes read as stored (krt_metric, bgp_local_pref, ...).
        var ea = EaIdByAttribute[(int)attribute];
        return ea != 0 && !Converted[(int)attribute] ? GetStored(ea) : GetOther(attribute);
    }

    private Value GetStored(EaId id) => ReadStored(Editor, id);

    /// <summary>An extended attribute read as stored (the specialising backend calls this directly).</summary>
    internal static Value ReadStored(RouteEditor editor, EaId id)
    {
        if (!editor.TryGet(id, out var stored)) return Value.Void;
        return stored.Type == EaType.Int ? Value.Int(stored.AsInt) : FromEa(stored);
    }

    /// <summary><see cref="ReadStored"/> into a variable of the caller (the specialising backend's attribute cache).</summary>
    internal static void ReadStoredInto(RouteEditor editor, EaId id, ref Value into)
    {
        // By reference: copying the stored value first made this read cost several times more.
        ref readonly var stored = ref editor.Find(id);
        if (System.Runtime.CompilerServices.Unsafe.IsNullRef(in stored)) into = default;
        else into = stored.Value.Type == EaType.Int ? Value.Int(stored.Value.AsInt) : FromEa(stored.Value);
    }

    /// <summary>The extended attribute behind <paramref name="attribute"/> when it is read and written as stored, else 0.</summary>
    internal static EaId PlainEaId(RouteAttribute attribute) =>
        attribute == RouteAttribute.Custom || Converted[(int)attribute] || IsBit[(int)attribute] ? 0 : EaIdByAttribute[(int)attribute];

    /// <summary>A constant for a plain extended attribute, converted once (null when it has no stored form).</summary>
    internal static EaValue? ConstantEa(in Value v) =>
        v.Type is FilterType.Int or FilterType.Quad or FilterType.Ip or FilterType.String or FilterType.Path
            or FilterType.Clist or FilterType.EcList or FilterType.LcList ? ToEa(v) : null;

    /// <summary>A stored value into a plain extended attribute (<see cref="PlainEaId"/>), with BIRD's BGP flags.</summary>
    internal static void WriteEa(RouteEditor editor, EaId id, EaValue value) => editor.Set(id, value, BgpFlags(id));

    /// <summary>A string into a plain extended attribute (a deferred `krt_tunnel = "tunl0"` of the specialising backend).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    internal static void WriteString(RouteEditor editor, EaId id, string value) => editor.Set(id, EaValue.String(value), BgpFlags(id));

    /// <summary>`preference = N`.</summary>
    internal static void WritePreference(RouteEditor editor, uint value) => editor.Preference = (int)Math.Min(value, 65535u);

    /// <summary>An int into a plain extended attribute (<see cref="PlainEaId"/>), with BIRD's BGP flags.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    internal static void WriteInt(RouteEditor editor, EaId id, uint value) => editor.SetInt(id, value, BgpFlags(id));

    /// <summary>A static attribute of the route (<see cref="StaticReaders"/> call this with a constant, which folds the switch).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal static Value ReadStatic(RouteEditor e, RouteAttribute attribute) => attribute switch
    {
        RouteAttribute.Net => Value.Net(e.Net),
        RouteAttribute.Scope => Value.Enum(FilterType.EnumScope, (uint)e.Scope),
        RouteAttribute.Preference => Value.Int((uint)e.Preference),
        RouteAttribute.From => Value.Ip(e.From),
        RouteAttribute.Gw => Value.Ip(e.Gateway),
        RouteAttribute.Proto => Value.Str(e.Protocol?.Name ?? ""),
        RouteAttribute.Source => Value.Enum(FilterType.EnumRts, (uint)e.Source),
        RouteAttribute.Dest => Value.Enum(FilterType.EnumRtd, (uint)e.Dest),
        RouteAttribute.IfName => Value.Str(e.InterfaceName),
        RouteAttribute.IfIndex => Value.Int((uint)e.InterfaceIndex),
        _ => Value.Void,
    };

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private Value GetOther(RouteAttribute attribute)
    {
        var e = Editor;
        var ea = EaIdByAttribute[(int)attribute];
        if (ea != 0) return e.TryGet(ea, out var stored) ? FromStored(attribute, stored) : Value.Void;
        if (attribute <= RouteAttribute.IfIndex) return ReadStatic(e, attribute);
        if (IsBit[(int)attribute])
        {
            var bit = BitOf[attribute];
            return e.TryGet(bit.Id, out var bits) ? Value.Bool(((bits.AsInt >> bit.Bit) & 1) != 0) : Value.Void;
        }
        return Value.Void;
    }

    private static Value FromStored(RouteAttribute attribute, in EaValue v) =>
        attribute switch
        {
            RouteAttribute.BgpOrigin => Value.Enum(FilterType.EnumOrigin, v.AsInt),
            RouteAttribute.BgpOriginatorId => Value.Quad(v.AsInt),
            RouteAttribute.BgpAtomicAggr => Value.True,
            RouteAttribute.BgpAggregator => Value.Str(v.ToString()),
            _ => FromEa(v),
        };

    private static Value FromEa(in EaValue v) => v.Type switch
    {
        EaType.Int or EaType.Bitfield => Value.Int(v.AsInt),
        EaType.RouterId => Value.Quad(v.AsInt),
        EaType.Ip or EaType.IpPair => Value.Ip(v.AsIp),
        EaType.String => Value.Str(v.AsString),
        EaType.AsPath => Value.Path(ToFilterPath(v.AsPath)),
        EaType.IntSet => Value.Clist(ImmutableCollectionsMarshal.AsArray(v.AsIntSet)!),
        EaType.EcSet => Value.EcList(ImmutableCollectionsMarshal.AsArray(v.AsEcSet)!),
        EaType.LcSet => Value.LcList(v.AsLcSet.Select(l => new Lc(l.Global, l.Local1, l.Local2)).ToArray()),
        _ => Value.Str(v.ToString()),
    };

    public void Set(RouteAttribute attribute, in Value value, string? customName = null)
    {
        // Hot path kept small (no big frame to zero): an int into a plain extended attribute.
        var id = EaIdByAttribute[(int)attribute];
        if (id != 0 && value.Type == FilterType.Int && !Converted[(int)attribute])
        {
            WriteInt(Editor, id, value.AsInt);
            return;
        }
        SetOther(attribute, value);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void SetOther(RouteAttribute attribute, in Value value)
    {
        var e = Editor;
        switch (attribute)
        {
            case RouteAttribute.Preference: e.Preference = (int)Math.Min(value.AsInt, 65535u); return;
            case RouteAttribute.Scope: e.Scope = (RouteScope)value.Word; return;
            case RouteAttribute.Dest: e.Dest = (RouteDest)value.Word; return;
            case RouteAttribute.From: e.From = value.AsIp; return;
            case RouteAttribute.Gw:
                e.NextHops = [new NextHop(value.AsIp, e.NextHops.Length == 1 ? e.NextHops[0].InterfaceName : null)];
                return;
            case RouteAttribute.IfName:
                e.NextHops = [new NextHop(e.Gateway, value.AsString)];
                return;
        }
        if (IsBit[(int)attribute])
        {
            var bit = BitOf[attribute];
            var current = e.TryGet(bit.Id, out var bits) ? bits.AsInt : 0u;
            var updated = value.AsBool ? current | (1u << bit.Bit) : current & ~(1u << bit.Bit);
            e.Set(bit.Id, EaValue.Bitfield(updated));
            return;
        }
        var id = EaIdByAttribute[(int)attribute];
        if (id == 0) return; // attributes of protocols bgpd does not run
        var ea = attribute switch
        {
            RouteAttribute.BgpOrigin => EaValue.Int((uint)value.Word),
            RouteAttribute.BgpOriginatorId => EaValue.RouterId((uint)value.Word),
            RouteAttribute.BgpAtomicAggr => EaValue.Opaque([]),
            _ => ToEa(value),
        };
        e.Set(id, ea, BgpFlags(id));
    }

    // BGP attribute flags BIRD attaches when a filter creates the attribute (transitive/optional bits).
    private static byte BgpFlags(EaId id) => id switch
    {
        EaId.BgpOrigin or EaId.BgpAsPath or EaId.BgpNextHop or EaId.BgpLocalPref or EaId.BgpAtomicAggr => 0x40,
        EaId.BgpMed or EaId.BgpOriginatorId or EaId.BgpClusterList => 0x80,
        EaId.BgpAggregator or EaId.BgpCommunity or EaId.BgpExtCommunity or EaId.BgpLargeCommunity => 0xC0,
        _ => 0,
    };

    private static EaValue ToEa(in Value v) => v.Type switch
    {
        FilterType.Int => EaValue.Int(v.AsInt),
        FilterType.Quad => EaValue.RouterId((uint)v.Word),
        FilterType.Ip => EaValue.Ip(v.AsIp),
        FilterType.String => EaValue.String(v.AsString),
        FilterType.Path => EaValue.Path(ToRibPath(v.AsPath)),
        FilterType.Clist => EaValue.IntSet(ImmutableCollectionsMarshal.AsImmutableArray(v.AsClist)),
        FilterType.EcList => EaValue.EcSet(ImmutableCollectionsMarshal.AsImmutableArray(v.AsEcList)),
        FilterType.LcList => ToLcSet(v.AsLcList),
        _ => throw new InvalidOperationException($"can't store a {v.Type.Name()} in a route attribute"),
    };

    private static EaValue ToLcSet(Lc[] list)
    {
        var set = new LargeCommunity[list.Length];
        for (var i = 0; i < list.Length; i++) set[i] = new LargeCommunity(list[i].Asn, list[i].Data1, list[i].Data2);
        return EaValue.LcSet(ImmutableCollectionsMarshal.AsImmutableArray(set));
    }

    public void Unset(RouteAttribute attribute, string? customName = null)
    {
        if (BitOf.TryGetValue(attribute, out var bit))
        {
            Set(attribute, Value.False);
            return;
        }
        if (EaIdOf.TryGetValue(attribute, out var id)) Editor.Unset(id);
    }

    // Attribute sets are interned, so one AsPath object serves many routes: convert it once.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<AsPath, BgpPath> PathCache = new();

    public static BgpPath ToFilterPath(AsPath path) => PathCache.GetValue(path, Convert);

    private static BgpPath Convert(AsPath path)
    {
        if (path.Segments.Length == 0) return BgpPath.Empty;
        var segs = new PathSegment[path.Segments.Length];
        for (var i = 0; i < segs.Length; i++)
        {
            var s = path.Segments[i];
            segs[i] = new PathSegment(s.Type is AsPathSegmentType.Set or AsPathSegmentType.ConfedSet, ImmutableCollectionsMarshal.AsArray(s.Asns)!);
        }
        return new BgpPath(segs) { Origin = path };
    }

    public static AsPath ToRibPath(BgpPath path)
    {
        if (path.IsEmpty) return AsPath.Empty;
        if (path.Origin is AsPath origin) return origin;
        return new AsPath([.. path.Segments.Select(s => new AsPathSegment(s.IsSet ? AsPathSegmentType.Set : AsPathSegmentType.Sequence,
            ImmutableCollectionsMarshal.AsImmutableArray(s.Asns)))]);
    }
}
