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
    /// <summary>The benchmarked filters, compiled by one backend.</summary>
    private sealed record Filters(IRouteFilter ExportBgp, IRouteFilter ExportKernel, IRouteFilter PeerExport,
        IRouteFilter KernelProgramming, IRouteFilter BigPrefixSet, IRouteFilter PathMask, IRouteFilter AcceptOnly);

    private readonly RouteEditor editor = new();
    // Both backends in one process, each filter's two rows next to each other: on a shared machine
    // the pair then runs under (nearly) the same load.
    private Filters closures = null!;
    private Filters trees = null!;
    private RouteAttributes tapRoute = null!;
    private RouteAttributes bgpRoute = null!;
    private RouteAttributes workloadRoute = null!;
    private Prefix tapNet, bgpNet, workloadNet, setNet;

    private static string Shared(params string[] parts)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "Bgpd.sln"))) dir = dir.Parent;
        return Path.Combine([dir?.FullName ?? ".", "..", "shared", .. parts]);
    }

    private static Filters Build(FilterBackend backend)
    {
        var options = new FilterOptions { Backend = backend };
        var openstack = FilterCompiler.Compile(ConfigParser.ParseFile(Shared("fixtures", "calico", "openstack", "compute-rr-client.bird.conf")), options);
        var meshConfig = ConfigParser.ParseFile(Shared("fixtures", "calico", "compiled", "mesh", "ipip-cross-subnet", "bird.cfg"));
        var mesh = FilterCompiler.Compile(meshConfig, options);
        var tunnels = FilterCompiler.Compile(ConfigParser.ParseFile(Shared("fixtures", "calico", "compiled", "cluster_routes", "enabled", "bird.cfg")), options);
        var set = string.Join(", ", Enumerable.Range(0, 10_000).Select(i => $"10.{i / 256}.{i % 256}.0/24"));
        var synthetic = FilterCompiler.Compile(ConfigParser.ParseText(
            $"define big = [ {set} ];\nfilter big_set {{ if net ~ big then accept; reject; }}\n" +
            "filter path_mask { if bgp_path ~ [= * 64512 ? 65000..65100 * =] then accept; reject; }\n" +
            "filter accept_only { accept; }\nprotocol device { }\n",
            "bench.conf"), options);
        var filters = new Filters(
            openstack.FindFilter("export_bgp")!.ToRib(),
            openstack.FindFilter("export_kernel")!.ToRib(),
            mesh.Compile(meshConfig.Protocols.First(p => p.Name.StartsWith("Mesh_", StringComparison.Ordinal)).MainChannel!.Export).ToRib(),
            tunnels.FindFilter("calico_kernel_programming")!.ToRib(),
            synthetic.FindFilter("big_set")!.ToRib(),
            synthetic.FindFilter("path_mask")!.ToRib(),
            synthetic.FindFilter("accept_only")!.ToRib());
        if (backend == FilterBackend.Trees)
            foreach (var f in new[] { filters.ExportBgp, filters.ExportKernel, filters.PeerExport, filters.KernelProgramming, filters.BigPrefixSet, filters.PathMask })
                if (f is RibFilter { Filter: { UsesTree: false } c }) throw new InvalidOperationException($"{c.DisplayName} is not on a tree: {c.TreeFallbackReason}");
        return filters;
    }

    [GlobalSetup]
    public void Setup()
    {
        closures = Build(FilterBackend.Closures);
        trees = Build(FilterBackend.Trees);

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

    [Benchmark(Baseline = true, Description = "baseline: filter { accept; } (closures)")]
    public FilterVerdict AcceptOnly() => Run(closures.AcceptOnly, tapNet, tapRoute);

    [Benchmark(Description = "baseline: filter { accept; } (tree)")]
    public FilterVerdict AcceptOnlyTree() => Run(trees.AcceptOnly, tapNet, tapRoute);

    [Benchmark(Description = "openstack export_bgp, tap route (accept) (closures)")]
    public FilterVerdict ExportBgpTap() => Run(closures.ExportBgp, tapNet, tapRoute);

    [Benchmark(Description = "openstack export_bgp, tap route (accept) (tree)")]
    public FilterVerdict ExportBgpTapTree() => Run(trees.ExportBgp, tapNet, tapRoute);

    [Benchmark(Description = "openstack export_kernel, BGP route (closures)")]
    public FilterVerdict ExportKernelBgp() => Run(closures.ExportKernel, bgpNet, bgpRoute);

    [Benchmark(Description = "openstack export_kernel, BGP route (tree)")]
    public FilterVerdict ExportKernelBgpTree() => Run(trees.ExportKernel, bgpNet, bgpRoute);

    [Benchmark(Description = "confd peer export -> calico_export_to_bgp_peers, workload route (closures)")]
    public FilterVerdict PeerExportWorkload() => Run(closures.PeerExport, workloadNet, workloadRoute);

    [Benchmark(Description = "confd peer export -> calico_export_to_bgp_peers, workload route (tree)")]
    public FilterVerdict PeerExportWorkloadTree() => Run(trees.PeerExport, workloadNet, workloadRoute);

    [Benchmark(Description = "confd calico_kernel_programming (krt_tunnel), BGP route (closures)")]
    public FilterVerdict KernelProgrammingBgp() => Run(closures.KernelProgramming, bgpNet, bgpRoute);

    [Benchmark(Description = "confd calico_kernel_programming (krt_tunnel), BGP route (tree)")]
    public FilterVerdict KernelProgrammingBgpTree() => Run(trees.KernelProgramming, bgpNet, bgpRoute);

    [Benchmark(Description = "net ~ 10k-entry prefix set (closures)")]
    public FilterVerdict PrefixSet10k() => Run(closures.BigPrefixSet, setNet, tapRoute);

    [Benchmark(Description = "net ~ 10k-entry prefix set (tree)")]
    public FilterVerdict PrefixSet10kTree() => Run(trees.BigPrefixSet, setNet, tapRoute);

    [Benchmark(Description = "bgp_path ~ [= * 64512 ? 65000..65100 * =] (closures)")]
    public FilterVerdict PathMaskMatch() => Run(closures.PathMask, bgpNet, bgpRoute);

    [Benchmark(Description = "bgp_path ~ [= * 64512 ? 65000..65100 * =] (tree)")]
    public FilterVerdict PathMaskMatchTree() => Run(trees.PathMask, bgpNet, bgpRoute);
}
