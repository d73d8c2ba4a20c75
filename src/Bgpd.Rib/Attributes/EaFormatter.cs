using System.Globalization;
using System.Text;
using Bgpd.Net;

namespace Bgpd.Rib.Attributes;

/// <summary>
/// Prints extended attributes exactly as BIRD 1.6 `show route all` does (nest/rt-attr.c ea_show,
/// proto/bgp/attrs.c bgp_get_attr, sysdep/linux/netlink.c krt_sys_get_attr). The text excludes the
/// leading tab the CLI line carries.
/// </summary>
public static class EaFormatter
{
    // BIRD formats each attribute into a CLI_MSG_SIZE buffer; long community lists continue on new lines.
    private const int CliMessageSize = 500;
    // Room each set formatter keeps free at the end of the buffer (a-set.c: int sets 24, ec/lc sets 64).
    private const int IntSetReserve = 24, CommunitySetReserve = 64;

    private static readonly string[] OriginNames = ["IGP", "EGP", "Incomplete"];

    private static readonly string?[] KernelMetricNames =
        [null, "lock", "mtu", "window", "rtt", "rttvar", "sstresh", "cwnd", "advmss", "reordering", "hoplimit", "initcwnd", "features", "rto_min", "initrwnd", "quickack"];

    private static readonly string?[] KernelFeatureNames = ["ecn", null, null, "allfrag"];

    /// <summary>The display name, e.g. "BGP.origin", "Kernel.metric", "BGP.1e [t]" for an unknown transitive BGP attribute.</summary>
    public static string Name(EaId id, byte flags = 0)
    {
        var code = id.Code();
        switch (id.Class())
        {
            case EaIds.ClassBgp:
                var known = BgpName(code);
                if (known is not null) return "BGP." + known;
                return $"BGP.{code:x2}{((flags & Ea.FlagTransitive) != 0 ? " [t]" : "")}";
            case EaIds.ClassKernel:
                return "Kernel." + (KernelName(id) ?? code.ToString("x2", CultureInfo.InvariantCulture));
            case 0:
                return code.ToString("x2", CultureInfo.InvariantCulture);
            default:
                return $"{id.Class():x2}.{code:x2}";
        }
    }

    /// <summary>The single-line form "Name: value" (long community lists are not wrapped here; see <see cref="FormatLines"/>).</summary>
    public static string Format(Ea ea) => FormatSpecial(ea) ?? $"{Name(ea.Id, ea.Flags)}: {FormatValue(ea.Id, ea.Value)}";

    /// <summary>
    /// The lines BIRD prints for the attribute: the first is "Name: value"; long int/ec/lc sets continue on
    /// further lines that start with a tab (BIRD prints them as "\t\t...").
    /// </summary>
    public static IReadOnlyList<string> FormatLines(Ea ea)
    {
        var special = FormatSpecial(ea);
        if (special is not null) return [special];
        var head = Name(ea.Id, ea.Flags) + ": ";
        List<string> items;
        var reserve = CommunitySetReserve;
        switch (ea.Value.Type)
        {
            case EaType.IntSet when ea.Id != EaId.BgpClusterList:
                items = ea.Value.AsIntSet.Select(FormatCommunity).ToList();
                reserve = IntSetReserve;
                break;
            case EaType.EcSet:
                items = ea.Value.AsEcSet.Select(FormatExtCommunity).ToList();
                break;
            case EaType.LcSet:
                items = ea.Value.AsLcSet.Select(lc => lc.ToString()).ToList();
                break;
            default:
                return [head + FormatValue(ea.Id, ea.Value)];
        }
        var lines = new List<string>();
        var line = new StringBuilder(head);
        // Room in BIRD's buffer: the first line shares it with the name, later ones start at "\t".
        var limit = CliMessageSize - reserve;
        var first = true;
        foreach (var item in items)
        {
            if (line.Length > limit)
            {
                lines.Add(line.ToString());
                line.Clear().Append('\t');
                // BIRD restarts at the buffer start with one byte less; our line carries one leading tab.
                limit = CliMessageSize - 1 - reserve + 1;
                first = true;
            }
            if (!first) line.Append(' ');
            line.Append(item);
            first = false;
        }
        lines.Add(line.ToString());
        return lines;
    }

    private static string? FormatSpecial(Ea ea)
    {
        if (ea.Id == EaId.KrtLock && ea.Value.Type == EaType.Bitfield)
            return "Kernel.lock:" + FormatBits(ea.Value.AsInt, KernelMetricNames, 2);
        if (ea.Id == EaId.KrtFeatures && ea.Value.Type == EaType.Bitfield)
            return "Kernel.features:" + FormatBits(ea.Value.AsInt, KernelFeatureNames, 0);
        return null;
    }

    /// <summary>The value part as BIRD prints it for attribute <paramref name="id"/>.</summary>
    public static string FormatValue(EaId id, EaValue value)
    {
        switch (id)
        {
            case EaId.BgpOrigin when value.Type == EaType.Int:
                return value.AsInt < OriginNames.Length ? OriginNames[value.AsInt] : "?";
            case EaId.BgpAggregator when value.Type == EaType.Opaque && value.AsOpaque.Length == 8:
                var b = value.AsOpaque;
                var asn = (uint)(b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3]);
                return $"{b[4]}.{b[5]}.{b[6]}.{b[7]} AS{asn}";
            case EaId.BgpClusterList when value.Type == EaType.IntSet:
                return string.Join(' ', value.AsIntSet.Select(RouterIdText));
        }
        return FormatValue(value);
    }

    /// <summary>The value part by type only (BIRD's generic ea_show formatting).</summary>
    public static string FormatValue(EaValue value) => value.Type switch
    {
        EaType.Int => value.AsInt.ToString(CultureInfo.InvariantCulture),
        EaType.RouterId => RouterIdText(value.AsInt),
        EaType.Bitfield => value.AsInt.ToString("x8", CultureInfo.InvariantCulture),
        EaType.Ip => value.AsIp.ToString(),
        EaType.IpPair => value.LinkLocal is { IsZero: false } ll ? $"{value.AsIp} {ll}" : value.AsIp.ToString(),
        EaType.String => value.AsString,
        EaType.AsPath => value.AsPath.ToString(),
        EaType.IntSet => string.Join(' ', value.AsIntSet.Select(FormatCommunity)),
        EaType.EcSet => string.Join(' ', value.AsEcSet.Select(FormatExtCommunity)),
        EaType.LcSet => string.Join(' ', value.AsLcSet.Select(lc => lc.ToString())),
        EaType.Opaque => string.Join(' ', value.AsOpaque.Select(x => x.ToString("x2", CultureInfo.InvariantCulture))),
        _ => "?",
    };

    /// <summary>A standard community as "(64512,200)".</summary>
    public static string FormatCommunity(uint community) => $"({community >> 16},{community & 0xFFFF})";

    /// <summary>An extended community as BIRD's ec_format: "(rt, 64512, 7)", "(ro, 10.0.0.1, 5)", "(generic, 0x..., 0x...)".</summary>
    public static string FormatExtCommunity(ulong ec)
    {
        var type = (uint)(ec >> 48);
        var kind = (type & 0xF0FF) switch
        {
            0x0002 => "rt",
            0x0003 => "ro",
            _ => $"unknown 0x{type:x}",
        };
        switch (ec >> 56)
        {
            case 0x00 or 0x40:
                return $"({kind}, {(ec >> 32) & 0xFFFF}, {(uint)ec})";
            case 0x01 or 0x41:
                return $"({kind}, {RouterIdText((uint)(ec >> 16))}, {ec & 0xFFFF})";
            case 0x02 or 0x42:
                return $"({kind}, {(uint)(ec >> 16)}, {ec & 0xFFFF})";
            default:
                return $"(generic, 0x{(uint)(ec >> 32):x}, 0x{(uint)ec:x})";
        }
    }

    private static string RouterIdText(uint id) => IpAddress.V4(id).ToString();

    private static string FormatBits(uint data, string?[] names, int min)
    {
        var text = new StringBuilder();
        for (var i = min; i < names.Length; i++)
        {
            if ((data & (1u << i)) == 0 || names[i] is null) continue;
            text.Append(' ').Append(names[i]);
            data &= ~(1u << i);
        }
        if (data != 0) text.Append(' ').Append(data.ToString("x8", CultureInfo.InvariantCulture));
        return text.ToString();
    }

    private static string? BgpName(byte code) => code switch
    {
        0x01 => "origin",
        0x02 => "as_path",
        0x03 => "next_hop",
        0x04 => "med",
        0x05 => "local_pref",
        0x06 => "atomic_aggr",
        0x07 => "aggregator",
        0x08 => "community",
        0x09 => "originator_id",
        0x0A => "cluster_list",
        0x10 => "ext_community",
        0x11 => "as4_path",
        0x12 => "as4_aggregator",
        0x20 => "large_community",
        _ => null,
    };

    // krt_tunnel (Calico) has no name in krt_sys_get_attr, so BIRD prints it by number ("Kernel.13").
    private static string? KernelName(EaId id) => id switch
    {
        EaId.KrtSource => "source",
        EaId.KrtMetric => "metric",
        EaId.KrtPrefSrc => "prefsrc",
        EaId.KrtRealm => "realm",
        EaId.KrtScope => "scope",
        _ => (int)id.Code() - 0x20 is > 0 and < 16 and var metric ? KernelMetricNames[metric] : null,
    };
}
