using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using Bgpd.Config;
using Bgpd.Filters;
using Bgpd.Filters.Rib;
using Bgpd.Filters.Values;
using Bgpd.Net;
using Bgpd.Rib.Attributes;
using Bgpd.Rib.Filtering;

// Not Bgpd.Bench.Filters: that namespace would shadow Bgpd.Rib.Filtering.Filters in sibling bench folders.
namespace Bgpd.Bench.FilterEngine;

/// <summary>
/// Calico's filters on typical routes, run the way channels run them (load a RouteEditor, run the
/// compiled filter), plus a 10k-entry prefix-set match and an AS-path mask match.
/// </summary>
[MemoryDiagnoser]
[MinColumn, MedianColumn]
public class FilterBenchmarks
{
    private readonly RouteEditor editor = new();
    private IRouteFilter exportBgp = null!;
    private IRouteFilter exportKernel = null!;
    private IRouteFilter peerExport = null!;
    private IRouteFilter kernelProgramming = null!;
    private IRouteFilter bigPrefixSet = null!;
    private IRouteFilter pathMask = null!;
    private IRouteFilter acceptOnly = null!;
    private RouteAttributes tapRoute = null!;
    private RouteAttributes bgpRoute = null!;
    private RouteAttributes workloadRoute = null!;
    private Prefix tapNet, bgpNet, workloadNet, setNet;

    /// <summary>Closures (the reference backend) or one compiled expression tree per filter.</summary>
    [Params(FilterBackend.Closures, FilterBackend.Trees)]
    public FilterBackend Backend { get; set; }

    private static string Shared(params string[] parts)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "Bgpd.sln"))) dir = dir.Parent;
        return Path.Combine([dir?.FullName ?? ".", "..", "shared", .. parts]);
    }

    [GlobalSetup]
    public void Setup()
    {
        var options = new FilterOptions { Backend = Backend };
        var openstack = FilterCompiler.Compile(ConfigParser.ParseFile(Shared("fixtures", "calico", "openstack", "compute-rr-client.bird.conf")), options);
        exportBgp = openstack.FindFilter("export_bgp")!.ToRib();
        exportKernel = openstack.FindFilter("export_kernel")!.ToRib();

        var meshConfig = ConfigParser.ParseFile(Shared("fixtures", "calico", "compiled", "mesh", "ipip-cross-subnet", "bird.cfg"));
        var mesh = FilterCompiler.Compile(meshConfig, options);
        peerExport = mesh.Compile(meshConfig.Protocols.First(p => p.Name.StartsWith("Mesh_", StringComparison.Ordinal)).MainChannel!.Export).ToRib();
        var tunnels = FilterCompiler.Compile(ConfigParser.ParseFile(Shared("fixtures", "calico", "compiled", "cluster_routes", "enabled", "bird.cfg")), options);
        kernelProgramming = tunnels.FindFilter("calico_kernel_programming")!.ToRib();

        var set = string.Join(", ", Enumerable.Range(0, 10_000).Select(i => $"10.{i / 256}.{i % 256}.0/24"));
        var synthetic = FilterCompiler.Compile(ConfigParser.ParseText(
            $"define big = [ {set} ];\nfilter big_set {{ if net ~ big then accept; reject; }}\n" +
            "filter path_mask { if bgp_path ~ [= * 64512 ? 65000..65100 * =] then accept; reject; }\n" +
            "filter accept_only { accept; }\nprotocol device { }\n",
            "bench.conf"), options);
        bigPrefixSet = synthetic.FindFilter("big_set")!.ToRib();
        pathMask = synthetic.FindFilter("path_mask")!.ToRib();
        acceptOnly = synthetic.FindFilter("accept_only")!.ToRib();

        tapNet = Prefix.Parse("10.65.0.2/32");
        tapRoute = new RouteAttributes(null, RouteSource.Device, RouteDest.Device, [NextHop.Device("tap1234abcd")]);
        workloadNet = Prefix.Parse("192.168.221.200/32");
        workloadRoute = new RouteAttributes(null, RouteSource.Inherit, RouteDest.Device, [NextHop.Device("cali12345")],
            EaList.Create([new Ea(EaId.KrtMetric, EaValue.Int(1024))]));
        bgpNet = Prefix.Parse("192.168.5.0/26");
        var nh = IpAddress.Parse("10.192.0.3");
        bgpRoute = new RouteAttributes(null, RouteSource.Bgp, RouteDest.Router, [new NextHop(nh, "eth0")], EaList.Create([
            new Ea(EaId.BgpOrigin, EaValue.Int(0), 0x40),
            new Ea(EaId.BgpAsPath, EaValue.Path(AsPath.FromSequence(65001, 64512, 65010, 65050, 4200000000)), 0x40),
            new Ea(EaId.BgpNextHop, EaValue.Ip(nh), 0x40),
            new Ea(EaId.BgpLocalPref, EaValue.Int(100), 0x40),
        ]));
        setNet = Prefix.Parse("10.39.15.0/24");
    }

    private FilterVerdict Run(IRouteFilter filter, Prefix net, RouteAttributes attributes)
    {
        editor.Load(net, attributes, 100);
        return filter.Run(editor);
    }

    [Benchmark(Baseline = true, Description = "baseline: filter { accept; }")]
    public FilterVerdict AcceptOnly() => Run(acceptOnly, tapNet, tapRoute);

    [Benchmark(Description = "openstack export_bgp, tap route (accept)")]
    public FilterVerdict ExportBgpTap() => Run(exportBgp, tapNet, tapRoute);

    [Benchmark(Description = "openstack export_kernel, BGP route")]
    public FilterVerdict ExportKernelBgp() => Run(exportKernel, bgpNet, bgpRoute);

    [Benchmark(Description = "confd peer export -> calico_export_to_bgp_peers, workload route")]
    public FilterVerdict PeerExportWorkload() => Run(peerExport, workloadNet, workloadRoute);

    [Benchmark(Description = "confd calico_kernel_programming (krt_tunnel), BGP route")]
    public FilterVerdict KernelProgrammingBgp() => Run(kernelProgramming, bgpNet, bgpRoute);

    [Benchmark(Description = "net ~ 10k-entry prefix set")]
    public FilterVerdict PrefixSet10k() => Run(bigPrefixSet, setNet, tapRoute);

    [Benchmark(Description = "bgp_path ~ [= * 64512 ? 65000..65100 * =]")]
    public FilterVerdict PathMaskMatch() => Run(pathMask, bgpNet, bgpRoute);
}
