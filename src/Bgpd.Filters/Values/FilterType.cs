namespace Bgpd.Filters.Values;

/// <summary>
/// Run-time type tag of a filter <see cref="Value"/>. Enum kinds carry BIRD's type codes
/// (0x30...) because BIRD prints enums as <c>(enum 30)1</c>.
/// </summary>
public enum FilterType : byte
{
    Void = 0,
    Bool,
    Int,
    Pair,
    Quad,
    String,
    Ip,
    Prefix,
    Ec,
    Lc,
    Rd,
    Path,
    PathMask,
    Clist,
    EcList,
    LcList,
    /// <summary>A tree set of ints, pairs, quads, IPs, ECs, LCs, RDs or enums (BIRD's T_SET).</summary>
    Set,
    /// <summary>A prefix set with <c>+ - {a,b}</c> patterns (BIRD's T_PREFIX_SET).</summary>
    PrefixSet,
    EnumRts = 0x30,
    EnumOrigin = 0x31,
    EnumScope = 0x32,
    EnumRtc = 0x33,
    EnumRtd = 0x34,
    EnumRoa = 0x35,
    EnumNet = 0x36,
}

/// <summary>Names and classification of <see cref="FilterType"/>s.</summary>
public static class FilterTypes
{
    public static bool IsEnum(this FilterType type) => (byte)type >= 0x30;

    /// <summary>Types whose value lives entirely in <see cref="Value.Word"/> and compare as unsigned numbers.</summary>
    public static bool IsWordScalar(this FilterType type) =>
        type is FilterType.Bool or FilterType.Int or FilterType.Pair or FilterType.Quad or FilterType.Ec or FilterType.Rd || type.IsEnum();

    /// <summary>The name BIRD uses in messages ("int", "prefix set", ...).</summary>
    public static string Name(this FilterType type) => type switch
    {
        FilterType.Void => "void",
        FilterType.Bool => "bool",
        FilterType.Int => "int",
        FilterType.Pair => "pair",
        FilterType.Quad => "quad",
        FilterType.String => "string",
        FilterType.Ip => "ip",
        FilterType.Prefix => "prefix",
        FilterType.Ec => "ec",
        FilterType.Lc => "lc",
        FilterType.Rd => "rd",
        FilterType.Path => "bgppath",
        FilterType.PathMask => "bgpmask",
        FilterType.Clist => "clist",
        FilterType.EcList => "eclist",
        FilterType.LcList => "lclist",
        FilterType.Set => "set",
        FilterType.PrefixSet => "prefix set",
        FilterType.EnumRts => "enum rts",
        FilterType.EnumOrigin => "enum bgp_origin",
        FilterType.EnumScope => "enum scope",
        FilterType.EnumRtc => "enum rtc",
        FilterType.EnumRtd => "enum rtd",
        FilterType.EnumRoa => "enum roa",
        FilterType.EnumNet => "enum net_type",
        _ => type.ToString(),
    };
}
