using Bgpd.Net;

namespace Bgpd.Filters.Values;

/// <summary>
/// One filter-language value. A small discriminated struct: scalars live in <see cref="Word"/>,
/// addresses and large communities in <see cref="Wide"/>, and only strings, paths, lists and sets
/// reference heap objects (immutable, shared). Copying a value never allocates.
/// </summary>
public readonly struct Value
{
    // Two ulongs instead of a UInt128 field: UInt128's 16-byte alignment would grow the struct
    // from 32 to 48 bytes, and values are copied on every step of an evaluation.
    private readonly object? reference;
    private readonly ulong lo;
    private readonly ulong hi;
    public readonly FilterType Type;
    /// <summary>Ip/Prefix: IPv6.</summary>
    public readonly bool V6;
    /// <summary>Prefix length.</summary>
    public readonly byte Len;

    /// <summary>A scalar: int, bool (0/1), pair (asn&lt;&lt;16|data), quad, ec, rd or enum value.</summary>
    public Value(FilterType type, ulong word)
    {
        Type = type;
        lo = word;
    }

    public Value(FilterType type, ulong word = 0, UInt128 wide = default, object? reference = null, bool v6 = false, byte len = 0)
    {
        Type = type;
        var w = wide == UInt128.Zero ? word : wide;
        lo = (ulong)w;
        hi = (ulong)(w >> 64);
        this.reference = reference;
        V6 = v6;
        Len = len;
    }

    /// <summary>int, bool (0/1), pair (asn&lt;&lt;16|data), quad, ec, rd, enum values.</summary>
    public ulong Word => lo;
    /// <summary>IP bits (IPv4 in the low 32 bits); lc as asn&lt;&lt;64 | data1&lt;&lt;32 | data2.</summary>
    public UInt128 Wide => new(hi, lo);
    /// <summary>string, <see cref="BgpPath"/>, <see cref="PathMask"/>, uint[]/ulong[]/Lc[] lists, sets, ROA info.</summary>
    public object? Ref => reference;

    public static readonly Value Void = default;
    public static readonly Value True = new(FilterType.Bool, 1);
    public static readonly Value False = new(FilterType.Bool, 0);

    public static Value Bool(bool b) => new(FilterType.Bool, b ? 1UL : 0UL);
    public static Value Int(uint i) => new(FilterType.Int, i);
    public static Value Pair(uint asn, uint data) => new(FilterType.Pair, (asn << 16) | (data & 0xFFFF));
    public static Value PairRaw(uint packed) => new(FilterType.Pair, packed);
    public static Value Quad(uint q) => new(FilterType.Quad, q);
    public static Value Str(string s) => new(FilterType.String, reference: s);
    public static Value Ec(ulong ec) => new(FilterType.Ec, ec);
    public static Value Rd(ulong rd) => new(FilterType.Rd, rd);
    public static Value Lc(Lc lc) => new(FilterType.Lc, wide: lc.Packed);
    public static Value Enum(FilterType kind, uint v) => new(kind, v);
    public static Value Ip(IpAddress a) => new(FilterType.Ip, wide: a.Bits, v6: a.IsV6);
    public static Value Net(Prefix p, RoaInfo? roa = null) => new(FilterType.Prefix, wide: p.Address.Bits, v6: p.IsV6, len: p.Length, reference: roa);
    public static Value Path(BgpPath p) => new(FilterType.Path, reference: p);
    public static Value Mask(PathMask m) => new(FilterType.PathMask, reference: m);
    public static Value Clist(uint[] items) => new(FilterType.Clist, reference: items);
    public static Value EcList(ulong[] items) => new(FilterType.EcList, reference: items);
    public static Value LcList(Lc[] items) => new(FilterType.LcList, reference: items);
    public static Value Set(ValueSet s) => new(FilterType.Set, reference: s);
    public static Value PrefixSet(PrefixSet s) => new(FilterType.PrefixSet, reference: s);

    public bool IsVoid => Type == FilterType.Void;
    public bool AsBool => Word != 0;
    public uint AsInt => (uint)Word;
    public string AsString => (string)Ref!;
    public IpAddress AsIp => V6 ? IpAddress.V6(Wide) : IpAddress.V4((uint)Wide);
    public Prefix AsPrefix => new(AsIp, Len);
    public Lc AsLc => Values.Lc.FromPacked(Wide);
    public BgpPath AsPath => (BgpPath)Ref!;
    public PathMask AsMask => (PathMask)Ref!;
    public uint[] AsClist => (uint[])Ref!;
    public ulong[] AsEcList => (ulong[])Ref!;
    public Lc[] AsLcList => (Lc[])Ref!;
    public ValueSet AsSet => (ValueSet)Ref!;
    public PrefixSet AsPrefixSet => (PrefixSet)Ref!;
    public RoaInfo? Roa => Ref as RoaInfo;

    /// <summary>An IPv4 address value (BIRD lets those stand in for quads).</summary>
    public bool IsIp4 => Type == FilterType.Ip && !V6;

    public override string ToString() => ValuePrinter.Format(this);
}

/// <summary>A large community (RFC 8092).</summary>
public readonly record struct Lc(uint Asn, uint Data1, uint Data2) : IComparable<Lc>
{
    public UInt128 Packed => ((UInt128)Asn << 64) | ((UInt128)Data1 << 32) | Data2;
    public static Lc FromPacked(UInt128 w) => new((uint)(w >> 64), (uint)(w >> 32), (uint)w);
    public int CompareTo(Lc other) => Packed.CompareTo(other.Packed);
}

/// <summary>The <c>max N as A</c> part of a ROA net literal (<c>10.0.0.0/16 max 24 as 1000</c>).</summary>
public sealed record RoaInfo(int MaxLength, uint Asn);
