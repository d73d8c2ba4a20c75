using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Bgpd.Net;

namespace Bgpd.Rib.Attributes;

/// <summary>
/// The typed value of an extended attribute. Scalars live inline; sets, paths, strings and bytes
/// are immutable arrays/objects referenced from here. Value-equal.
/// </summary>
public readonly struct EaValue : IEquatable<EaValue>
{
    private readonly UInt128 _bits;   // int / router id / bitfield / IP address bits
    private readonly object? _ref;    // uint[] | ulong[] | LargeCommunity[] | byte[] | string | AsPath | boxed link-local IpAddress
    private readonly bool _v6;

    private EaValue(EaType type, UInt128 bits, bool v6, object? reference)
    {
        Type = type;
        _bits = bits;
        _v6 = v6;
        _ref = reference;
    }

    /// <summary>The kind of value.</summary>
    public EaType Type { get; }

    /// <summary>An integer (bgp_med, bgp_local_pref, bgp_origin, krt_metric, ...).</summary>
    public static EaValue Int(uint value) => new(EaType.Int, value, false, null);
    /// <summary>A router id, printed dotted (bgp_originator_id).</summary>
    public static EaValue RouterId(uint value) => new(EaType.RouterId, value, false, null);
    /// <summary>A bit field (krt_lock_*, krt_feature_*).</summary>
    public static EaValue Bitfield(uint value) => new(EaType.Bitfield, value, false, null);
    /// <summary>An IP address (bgp_next_hop for IPv4, krt_prefsrc).</summary>
    public static EaValue Ip(IpAddress address) => new(EaType.Ip, address.Bits, address.IsV6, null);
    /// <summary>An IPv6 BGP next hop: global plus link-local address.</summary>
    public static EaValue IpPair(IpAddress global, IpAddress linkLocal) => new(EaType.IpPair, global.Bits, global.IsV6, linkLocal);
    /// <summary>A string (Calico's krt_tunnel).</summary>
    public static EaValue String(string value) => new(EaType.String, 0, false, value ?? throw new ArgumentNullException(nameof(value)));
    /// <summary>An AS path.</summary>
    public static EaValue Path(AsPath path) => new(EaType.AsPath, 0, false, path ?? throw new ArgumentNullException(nameof(path)));
    /// <summary>A u32 set: standard communities ((asn &lt;&lt; 16) | value) or cluster list ids, in list order.</summary>
    public static EaValue IntSet(ImmutableArray<uint> items) => new(EaType.IntSet, 0, false, ArrayOf(items));
    /// <summary>An extended community set (u64 each, type in the high bytes).</summary>
    public static EaValue EcSet(ImmutableArray<ulong> items) => new(EaType.EcSet, 0, false, ArrayOf(items));
    /// <summary>A large community set.</summary>
    public static EaValue LcSet(ImmutableArray<LargeCommunity> items) => new(EaType.LcSet, 0, false, ArrayOf(items));
    /// <summary>Opaque bytes (unknown BGP attributes, aggregator, atomic aggregate).</summary>
    public static EaValue Opaque(ImmutableArray<byte> bytes) => new(EaType.Opaque, 0, false, ArrayOf(bytes));

    private static T[] ArrayOf<T>(ImmutableArray<T> items) => items.IsDefault ? [] : ImmutableCollectionsMarshal.AsArray(items)!;

    /// <summary>Integer value (Int, RouterId, Bitfield).</summary>
    public uint AsInt => Type is EaType.Int or EaType.RouterId or EaType.Bitfield ? (uint)_bits : throw Wrong("an integer");
    /// <summary>The address (Ip, or the global address of IpPair).</summary>
    public IpAddress AsIp => Type switch
    {
        EaType.Ip or EaType.IpPair => _v6 ? IpAddress.V6(_bits) : IpAddress.V4((uint)_bits),
        _ => throw Wrong("an address"),
    };
    /// <summary>The link-local address of an IpPair, else null.</summary>
    public IpAddress? LinkLocal => Type == EaType.IpPair ? (IpAddress)_ref! : null;
    /// <summary>String value.</summary>
    public string AsString => Type == EaType.String ? (string)_ref! : throw Wrong("a string");
    /// <summary>AS path value.</summary>
    public AsPath AsPath => Type == EaType.AsPath ? (AsPath)_ref! : throw Wrong("an AS path");
    /// <summary>u32 set items.</summary>
    public ImmutableArray<uint> AsIntSet => Type == EaType.IntSet ? ImmutableCollectionsMarshal.AsImmutableArray((uint[])_ref!) : throw Wrong("a set");
    /// <summary>Extended community items.</summary>
    public ImmutableArray<ulong> AsEcSet => Type == EaType.EcSet ? ImmutableCollectionsMarshal.AsImmutableArray((ulong[])_ref!) : throw Wrong("an ec set");
    /// <summary>Large community items.</summary>
    public ImmutableArray<LargeCommunity> AsLcSet => Type == EaType.LcSet ? ImmutableCollectionsMarshal.AsImmutableArray((LargeCommunity[])_ref!) : throw Wrong("an lc set");
    /// <summary>Opaque bytes.</summary>
    public ImmutableArray<byte> AsOpaque => Type == EaType.Opaque ? ImmutableCollectionsMarshal.AsImmutableArray((byte[])_ref!) : throw Wrong("bytes");

    private InvalidOperationException Wrong(string what) => new($"attribute value of type {Type} is not {what}");

    public bool Equals(EaValue other)
    {
        if (Type != other.Type || _bits != other._bits || _v6 != other._v6) return false;
        return (_ref, other._ref) switch
        {
            (null, null) => true,
            (uint[] a, uint[] b) => a.AsSpan().SequenceEqual(b),
            (ulong[] a, ulong[] b) => a.AsSpan().SequenceEqual(b),
            (LargeCommunity[] a, LargeCommunity[] b) => a.AsSpan().SequenceEqual(b),
            (byte[] a, byte[] b) => a.AsSpan().SequenceEqual(b),
            (string a, string b) => string.Equals(a, b, StringComparison.Ordinal),
            (AsPath a, AsPath b) => a.Equals(b),
            (IpAddress a, IpAddress b) => a == b,
            _ => false,
        };
    }

    public override bool Equals(object? obj) => obj is EaValue other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Type);
        hash.Add(_bits);
        switch (_ref)
        {
            case uint[] a: hash.AddBytes(MemoryMarshal.AsBytes(a.AsSpan())); break;
            case ulong[] a: hash.AddBytes(MemoryMarshal.AsBytes(a.AsSpan())); break;
            case LargeCommunity[] a: hash.AddBytes(MemoryMarshal.AsBytes(a.AsSpan())); break;
            case byte[] a: hash.AddBytes(a); break;
            case string s: hash.Add(s, StringComparer.Ordinal); break;
            case AsPath p: hash.Add(p.GetHashCode()); break;
            case IpAddress ip: hash.Add(ip); break;
        }
        return hash.ToHashCode();
    }

    public static bool operator ==(EaValue a, EaValue b) => a.Equals(b);
    public static bool operator !=(EaValue a, EaValue b) => !a.Equals(b);

    public override string ToString() => EaFormatter.FormatValue(this);
}
