using Bgpd.Config.Model;
using Bgpd.Filters.Values;

namespace Bgpd.Filters.Compiler;

/// <summary>Enum constants of the filter language and their numeric values (BIRD's nest/route.h, lib/ip.h).</summary>
public static class FilterEnums
{
    private static readonly Dictionary<string, (FilterType Kind, uint Value)> Common = new(StringComparer.Ordinal)
    {
        ["RTS_DUMMY"] = (FilterType.EnumRts, 0),
        ["RTS_STATIC"] = (FilterType.EnumRts, 1),
        ["RTS_INHERIT"] = (FilterType.EnumRts, 2),
        ["RTS_DEVICE"] = (FilterType.EnumRts, 3),
        ["RTS_STATIC_DEVICE"] = (FilterType.EnumRts, 4),
        ["RTS_REDIRECT"] = (FilterType.EnumRts, 5),
        ["RTS_RIP"] = (FilterType.EnumRts, 6),
        ["RTS_OSPF"] = (FilterType.EnumRts, 7),
        ["RTS_OSPF_IA"] = (FilterType.EnumRts, 8),
        ["RTS_OSPF_EXT1"] = (FilterType.EnumRts, 9),
        ["RTS_OSPF_EXT2"] = (FilterType.EnumRts, 10),
        ["RTS_BGP"] = (FilterType.EnumRts, 11),
        ["RTS_PIPE"] = (FilterType.EnumRts, 12),
        ["RTS_BABEL"] = (FilterType.EnumRts, 13),
        ["RTS_RPKI"] = (FilterType.EnumRts, 14),
        ["RTS_PERF"] = (FilterType.EnumRts, 15),
        ["SCOPE_HOST"] = (FilterType.EnumScope, 0),
        ["SCOPE_LINK"] = (FilterType.EnumScope, 1),
        ["SCOPE_SITE"] = (FilterType.EnumScope, 2),
        ["SCOPE_ORGANIZATION"] = (FilterType.EnumScope, 3),
        ["SCOPE_UNIVERSE"] = (FilterType.EnumScope, 4),
        ["SCOPE_UNDEFINED"] = (FilterType.EnumScope, 5),
        ["ORIGIN_IGP"] = (FilterType.EnumOrigin, 0),
        ["ORIGIN_EGP"] = (FilterType.EnumOrigin, 1),
        ["ORIGIN_INCOMPLETE"] = (FilterType.EnumOrigin, 2),
        ["ROA_UNKNOWN"] = (FilterType.EnumRoa, 0),
        ["ROA_VALID"] = (FilterType.EnumRoa, 1),
        ["ROA_INVALID"] = (FilterType.EnumRoa, 2),
        ["RTC_UNICAST"] = (FilterType.EnumRtc, 0),
        ["RTC_BROADCAST"] = (FilterType.EnumRtc, 1),
        ["RTC_MULTICAST"] = (FilterType.EnumRtc, 2),
        ["RTC_ANYCAST"] = (FilterType.EnumRtc, 3),
        ["NET_IP4"] = (FilterType.EnumNet, 1),
        ["NET_IP6"] = (FilterType.EnumNet, 2),
        ["NET_VPN4"] = (FilterType.EnumNet, 3),
        ["NET_VPN6"] = (FilterType.EnumNet, 4),
        ["NET_ROA4"] = (FilterType.EnumNet, 5),
        ["NET_ROA6"] = (FilterType.EnumNet, 6),
        ["NET_FLOW4"] = (FilterType.EnumNet, 7),
        ["NET_FLOW6"] = (FilterType.EnumNet, 8),
        ["NET_IP6_SADR"] = (FilterType.EnumNet, 9),
        ["NET_MPLS"] = (FilterType.EnumNet, 10),
    };

    // Route destinations were renumbered in 2.0 (RTD_ROUTER/DEVICE/MULTIPATH folded into RTD_UNICAST).
    private static readonly Dictionary<string, uint> Rtd16 = new(StringComparer.Ordinal)
    {
        ["RTD_ROUTER"] = 0,
        ["RTD_DEVICE"] = 1,
        ["RTD_BLACKHOLE"] = 2,
        ["RTD_UNREACHABLE"] = 3,
        ["RTD_PROHIBIT"] = 4,
        ["RTD_MULTIPATH"] = 5,
        ["RTD_NONE"] = 6,
    };

    private static readonly Dictionary<string, uint> Rtd2 = new(StringComparer.Ordinal)
    {
        ["RTD_NONE"] = 0,
        ["RTD_UNICAST"] = 1,
        ["RTD_BLACKHOLE"] = 2,
        ["RTD_UNREACHABLE"] = 3,
        ["RTD_PROHIBIT"] = 4,
    };

    public static bool TryGet(string name, Dialect dialect, out Value value)
    {
        if (Common.TryGetValue(name, out var e))
        {
            value = Value.Enum(e.Kind, e.Value);
            return true;
        }
        var rtd = dialect == Dialect.Bird2 ? Rtd2 : Rtd16;
        if (rtd.TryGetValue(name, out var d))
        {
            value = Value.Enum(FilterType.EnumRtd, d);
            return true;
        }
        value = default;
        return false;
    }
}
