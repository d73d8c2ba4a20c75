using System.Text;
using System.Text.RegularExpressions;
using Bgpd.Net;

namespace Bgpd.Lab.Filters;

/// <summary>
/// The routes (IPv4, or IPv6 for the bird6 configs) both daemons see while Calico's filters are compared: for every prefix the
/// filters mention (and a more specific one inside it, and a few workload-style nets), one static
/// route, one kernel route and one BGP route, each kind cycling through Calico-like shapes (tap*,
/// cali*, dummy1, eth0, tunl0, vxlan.calico, *.cali interfaces, gateways, blackhole/unreachable,
/// kernel metrics and protocols, BGP local preferences, communities, paths and next hops).
/// </summary>
public sealed class FilterLabRoutes
{
    /// <summary>Interfaces of the namespace (veth pairs; the peer gets a "p" suffix) and their addresses.</summary>
    public static readonly (string Name, string Cidr)[] Interfaces =
    [
        ("eth0", "10.192.0.1/16"),
        ("dummy1", "10.97.0.1/32"),
        ("tapabcdef01-23", "10.98.1.1/32"),
        ("vxlan.calico", "10.95.0.1/32"),
        ("bpf1.cali", "10.94.0.1/32"),
        ("x.cali", "10.93.0.1/32"),
    ];

    /// <summary>IPv6 addresses of the same interfaces (the bird6 run); link-local ones come with the veths.</summary>
    public static readonly (string Name, string Cidr)[] Interfaces6 =
    [
        ("eth0", "fd00:192::1/64"),
        ("dummy1", "fd00:97::1/128"),
        ("tapabcdef01-23", "fd00:98:1::1/128"),
        ("vxlan.calico", "fd00:95::1/128"),
        ("bpf1.cali", "fd00:94::1/128"),
        ("x.cali", "fd00:93::1/128"),
        ("tap1", "fd00:98::1/128"),
        ("tunl0", "fd00:96::1/128"),
        ("rsv16", "fd00:99::5/64"), // the BGP feeder's address (KernelLabHost gives rsv16 fd00:99::1)
    ];

    /// <summary>Addresses added to interfaces that <see cref="Kernel.KernelLabHost"/> creates.</summary>
    public static readonly (string Name, string Cidr)[] ExtraAddresses =
    [
        ("tap1", "10.98.0.1/32"),
        ("tunl0", "10.96.0.1/32"),
        ("rsv16", "10.99.0.5/24"), // the BGP feeder's address
    ];

    private static readonly string[] StaticKinds =
    [
        "s_dev|via \"tap1\"", "s_dev|via \"cali1234\"", "s_dev|via \"dummy1\"", "s_dev|via \"eth0\"", "s_dev|via \"tunl0\"",
        "s_dev|via \"vxlan.calico\"", "s_dev|via \"bpf1.cali\"", "s_dev|via \"x.cali\"", "s_dev|via \"tapabcdef01-23\"",
        "s_gw|via 10.192.0.9", "s_gw|via 10.99.0.2", "s_gw|blackhole", "s_gw|unreachable", "s_gw|prohibit",
        "s_attrs|via \"tap1\"", "s_attrs|via 10.192.0.9", "s_attrs|blackhole", "s_attrs|via \"cali1234\"",
    ];

    private static readonly string[] StaticKinds6 =
    [
        "s_dev|via \"tap1\"", "s_dev|via \"cali1234\"", "s_dev|via \"dummy1\"", "s_dev|via \"eth0\"", "s_dev|via \"tunl0\"",
        "s_dev|via \"vxlan.calico\"", "s_dev|via \"bpf1.cali\"", "s_dev|via \"x.cali\"", "s_dev|via \"tapabcdef01-23\"",
        "s_gw|via fd00:192::9", "s_gw|via fd00:99::2", "s_gw|blackhole", "s_gw|unreachable", "s_gw|prohibit",
        "s_attrs|via \"tap1\"", "s_attrs|via fd00:192::9", "s_attrs|blackhole", "s_attrs|via \"cali1234\"",
    ];

    private static readonly string[] KernelKinds6 =
    [
        "dev tap1 metric 1024 proto boot", "dev cali1234 metric 512 proto 42", "via fd00:192::9 metric 5000 proto static",
        "dev dummy1 metric 80 proto boot", "dev tapabcdef01-23 metric 1023 proto 80", "dev eth0 metric 10 proto static",
        "blackhole metric 1024 proto boot", "dev vxlan.calico metric 1024 proto 42", "dev tap1 metric 2147483647 proto boot",
    ];

    private static readonly string[] KernelKinds =
    [
        "dev tap1 metric 1024 proto boot", "dev cali1234 metric 512 proto 42", "via 10.192.0.9 metric 5000 proto static",
        "dev dummy1 metric 80 proto boot", "dev tapabcdef01-23 metric 1023 proto 80", "dev eth0 metric 10 proto static",
        "blackhole metric 1024 proto boot", "dev vxlan.calico metric 1024 proto 42", "dev tap1 metric 2147483647 proto boot",
    ];

    /// <summary>BGP shapes: the feeder's export filter gives each static protocol fpN these attributes.</summary>
    private static readonly string[] BgpProfiles =
    [
        "bgp_local_pref = 2147483600; bgp_community.add((65000, 100)); bgp_next_hop = 10.192.0.3;",
        "bgp_path.prepend(65001); bgp_path.prepend(65000); bgp_next_hop = 10.99.0.2;",
        "bgp_local_pref = 2147483447; bgp_community.add((65000, 42)); bgp_next_hop = 10.192.0.3;",
        "bgp_local_pref = 2147483547; bgp_large_community.add((65000, 100, 200)); bgp_path.prepend(65000); bgp_next_hop = 10.192.0.4;",
        "bgp_next_hop = 10.99.0.2;",
        "bgp_local_pref = 2147482624; bgp_large_community.add((65000, 100, 200)); bgp_community.add((65000, 100)); bgp_next_hop = 10.192.0.4;",
        "bgp_local_pref = 2147482623; bgp_path.prepend(65002); bgp_path.prepend(65001); bgp_path.prepend(65000); bgp_med = 20; bgp_next_hop = 10.192.0.3;",
    ];

    private readonly bool ipv6;
    private readonly List<(Prefix Net, string Kind)> statics = [];
    private readonly List<(Prefix Net, string Kind)> kernels = [];
    private readonly List<(Prefix Net, int Profile)> bgp = [];

    public FilterLabRoutes(IEnumerable<string> filterText, bool ipv6 = false)
    {
        this.ipv6 = ipv6;
        var nets = new SortedSet<Prefix>(Comparer<Prefix>.Create((a, b) => string.CompareOrdinal(a.ToString(), b.ToString())));
        var pattern = ipv6
            ? @"(?<![\w:.])([0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7})/(\d{1,3})(?!\d)"
            : @"(?<![\d.])(\d{1,3}(?:\.\d{1,3}){3})/(\d{1,2})(?!\d)";
        foreach (var text in filterText)
            foreach (Match m in Regex.Matches(text, pattern))
            {
                if (!Prefix.TryParse(m.Value, out var net) || net.IsV6 != ipv6) continue;
                // BIRD 1.6 keeps no routes to link-local or multicast IPv6 nets (the corpus names fe80::/10, ffee::10/128).
                if (ipv6 && (net.Address.Bits >> 118 == 0x3FA || net.Address.Bits >> 120 == 0xFF)) continue;
                nets.Add(net);
                nets.Add(Inside(net));
            }
        var extras = ipv6
            ? new[] { "fd00:65::2/128", "fd00:221::200/128", "fd00:16:5::/96", "2001:4860::/32", "fd00:192:7::/64", "fd00:16::7/128" }
            : new[] { "10.65.0.2/32", "192.168.221.200/32", "172.16.5.0/26", "8.8.8.0/24", "10.192.7.0/24", "192.168.16.7/32" };
        foreach (var extra in extras)
            nets.Add(Prefix.Parse(extra));
        var (staticKinds, kernelKinds) = ipv6 ? (StaticKinds6, KernelKinds6) : (StaticKinds, KernelKinds);
        var i = 0;
        foreach (var net in nets)
        {
            // Cycle each kind at a different stride so the same net gets unrelated shapes.
            statics.Add((net, staticKinds[i % staticKinds.Length]));
            kernels.Add((net, kernelKinds[i * 5 % kernelKinds.Length]));
            bgp.Add((net, i * 3 % BgpProfiles.Length));
            i++;
        }
    }

    /// <summary>Routes each protocol of the daemon under test must hold once everything is learned.</summary>
    public IReadOnlyDictionary<string, int> ExpectedCounts =>
        statics.GroupBy(s => s.Kind.Split('|')[0]).ToDictionary(g => g.Key, g => g.Count())
            .Append(new KeyValuePair<string, int>("kernel1", kernels.Count))
            .Append(new KeyValuePair<string, int>("feed", bgp.Count))
            .ToDictionary();

    /// <summary>A net inside <paramref name="net"/>: its upper half, a few bits longer (a host for /30 and longer).</summary>
    private static Prefix Inside(Prefix net)
    {
        if (net.IsV6)
        {
            if (net.Length >= 126) return new Prefix(net.Address, 128);
            return new Prefix(IpAddress.V6(net.Address.Bits | (UInt128.One << (127 - net.Length))), Math.Min(128, net.Length + 6));
        }
        if (net.Length >= 30) return new Prefix(net.Address, 32);
        var bits = net.Address.V4Value | (1u << (31 - net.Length));
        return new Prefix(IpAddress.V4(bits), Math.Min(32, net.Length + 6));
    }

    /// <summary>`ip route add` arguments for the kernel routes (learned by both daemons' kernel protocols).</summary>
    public IEnumerable<string> KernelRouteCommands() =>
        kernels.Select(k => (ipv6 ? "-6 " : "") + (k.Kind.StartsWith("blackhole", StringComparison.Ordinal)
            ? $"route add blackhole {k.Net} {k.Kind["blackhole ".Length..]}"
            : $"route add {k.Net} {k.Kind}"));

    /// <summary>
    /// The config of the daemon under test, before the corpus's filters are appended: the kernel
    /// protocol exports through <paramref name="kernelExport"/> (into the twin's own namespace) and
    /// the BGP session to the feeder through <paramref name="bgpExport"/>, as on a Calico node.
    /// </summary>
    public string DaemonConfig(string kernelExport, string bgpExport)
    {
        var (self, feeder) = ipv6 ? ("fd00:99::1", "fd00:99::5") : ("10.99.0.1", "10.99.0.5");
        var sb = new StringBuilder($$"""
            router id 10.99.0.1;
            listen bgp address {{self}};
            protocol device { scan time 10; }
            protocol direct { interface "*"; }
            protocol kernel { learn; scan time 10; import all; export filter {{kernelExport}}; }
            filter lab_static_attrs {
              bgp_local_pref = 2147483000;
              bgp_community.add((65000, 100));
              bgp_large_community.add((65000, 100, 200));
              bgp_path = +empty+;
              bgp_path.prepend(65000);
              krt_metric = 600;
              accept;
            }
            protocol bgp feed {
              local as 64512;
              neighbor {{feeder}} as 64512;
              source address {{self}};
              import all;
              export filter {{bgpExport}};
              connect retry time 1;
            }

            """);
        foreach (var group in statics.GroupBy(s => s.Kind.Split('|')[0]))
        {
            sb.Append("protocol static ").Append(group.Key).Append(" {\n");
            if (group.Key == "s_attrs") sb.Append("  import filter lab_static_attrs;\n");
            foreach (var (net, kind) in group) sb.Append("  route ").Append(net).Append(' ').Append(kind.Split('|')[1]).Append(";\n");
            sb.Append("}\n");
        }
        return sb.ToString();
    }

    /// <summary>The feeder BIRD: one static protocol per BGP shape, exported over iBGP with those attributes.</summary>
    public string FeederConfig()
    {
        var (self, subject) = ipv6 ? ("fd00:99::5", "fd00:99::1") : ("10.99.0.5", "10.99.0.1");
        var sb = new StringBuilder($$"""
            router id 10.99.0.5;
            listen bgp address {{self}};

            """);
        foreach (var group in bgp.GroupBy(b => b.Profile))
        {
            sb.Append("protocol static fp").Append(group.Key).Append(" {\n");
            foreach (var (net, _) in group) sb.Append("  route ").Append(net).Append(" blackhole;\n");
            sb.Append("}\n");
        }
        sb.Append("filter feed_out {\n");
        for (var p = 0; p < BgpProfiles.Length; p++)
            sb.Append("  if proto = \"fp").Append(p).Append("\" then { ").Append(ipv6 ? ToV6(BgpProfiles[p]) : BgpProfiles[p]).Append(" }\n");
        sb.Append($$"""
              accept;
            }
            protocol bgp feed_out_session {
              local {{self}} as 64512;
              neighbor {{subject}} as 64512;
              import none;
              export filter feed_out;
              connect retry time 1;
            }

            """);
        return sb.ToString();
    }

    /// <summary>The IPv4 next hops of a BGP shape as their IPv6 twins (same networks, fd00:192::/64 and fd00:99::/64).</summary>
    private static string ToV6(string profile) =>
        Regex.Replace(profile, @"10\.(192|99)\.0\.(\d+)", m => $"fd00:{m.Groups[1].Value}::{m.Groups[2].Value}");
}
