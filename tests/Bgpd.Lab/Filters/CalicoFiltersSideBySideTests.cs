using System.Text.RegularExpressions;
using Bgpd.Lab.Kernel;
using Bgpd.LabTool.Topology;
using Bgpd.TestSupport;
using NUnit.Framework;

namespace Bgpd.Lab.Filters;

/// <summary>
/// Every distinct filter of Calico's corpus (its bird.cfg configs in BIRD 1.6.8's <c>bird</c>, its
/// bird6.cfg configs in <c>bird6</c>) run by Debian's BIRD 1.6.8 and by bgpd on the same
/// routes: twin namespaces with identical interfaces, kernel routes, static routes and BGP routes
/// (from a feeder BIRD in each namespace), both daemons on the same config holding the corpus's
/// filters and functions. For each filter, <c>show route all filter F</c> must list the same routes
/// with the same attributes (what the filter accepted, after its changes) on both.
/// </summary>
[NonParallelizable]
public class CalicoFiltersSideBySideTests
{
    private static readonly TimeSpan Converge = TimeSpan.FromSeconds(60);

    [Test]
    public void Calico_ipv4_filters_accept_and_rewrite_the_same_routes_in_bgpd_and_bird_16() => SideBySide(ipv6: false);

    [Test]
    public void Calico_ipv6_filters_accept_and_rewrite_the_same_routes_in_bgpd_and_bird6_16() => SideBySide(ipv6: true);

    private static void SideBySide(bool ipv6)
    {
        KernelLabHost.RequirePrerequisites();
        if (ipv6 && !File.Exists("/usr/sbin/bird6")) Prerequisite.Unavailable("/usr/sbin/bird6 (package bird 1.6.8) is not installed");
        var corpus = CalicoFilterCorpus.Load(CalicoRoot(), ipv6);
        var routes = new FilterLabRoutes([corpus.Definitions], ipv6);
        // The channels run real Calico filters too: compared through `show route export`.
        var kernelExport = corpus.Filters.First(f => f.Name.EndsWith("_calico_kernel_programming", StringComparison.Ordinal)).Name;
        var bgpExport = corpus.Filters.First(f => f.Origin.StartsWith("compiled/mesh/", StringComparison.Ordinal)
            && f.Origin.Contains("export filter of Mesh_", StringComparison.Ordinal)).Name;
        var config = corpus.Definitions + routes.DaemonConfig(kernelExport, bgpExport);

        using var bird = new KernelLabHost(DaemonKind.Bird, ipv6);
        using var bgpd = new KernelLabHost(DaemonKind.Bgpd, ipv6);
        Prepare(bird, routes, ipv6);
        Prepare(bgpd, routes, ipv6);
        using var birdFeeder = new FeederBird(bird.Namespace, routes.FeederConfig(), ipv6);
        using var bgpdFeeder = new FeederBird(bgpd.Namespace, routes.FeederConfig(), ipv6);
        bird.Start(config);
        // Every filter on its expression tree from the start (the daemon would keep a filter on
        // closures until it has run 1000 times); the closures are compared with the trees in
        // tests/Bgpd.Filters.Tests/Backends.
        Environment.SetEnvironmentVariable("BGPD_FILTER_BACKEND", "trees");
        try
        {
            bgpd.Start(config);
        }
        finally
        {
            Environment.SetEnvironmentVariable("BGPD_FILTER_BACKEND", null);
        }
        WaitForRoutes(bird, routes);
        WaitForRoutes(bgpd, routes);

        var table = RouteBlocks(bird.Birdc("show route all"));
        var tableDifferences = new List<string>();
        Compare(bird, bgpd, "show route all", "the route tables differ before any filter runs", tableDifferences);
        Assert.That(tableDifferences, Is.Empty, string.Join("\n", tableDifferences));

        var differences = new List<string>();
        var accepted = 0;
        foreach (var filter in corpus.Filters)
            accepted += Compare(bird, bgpd, $"show route all filter {filter.Name}", $"{filter.Name} ({filter.Origin})", differences);
        // The same filters as channel export filters (after the protocols' own export checks). Towards
        // BGP the attributes BGP makes before the filter (BIRD's bgp_import_control) are listed too.
        var exported = new Dictionary<string, int>();
        foreach (var command in new[] { "show route all export kernel1", "show route all noexport kernel1", "show route all export feed", "show route all noexport feed" })
            exported[command] = Compare(bird, bgpd, command, command, differences);

        TestContext.Progress.WriteLine(
            $"Calico {(ipv6 ? "IPv6" : "IPv4")} filters side by side: {corpus.Files} files, {corpus.FiltersSeen} filters, {corpus.Filters.Count} distinct compared " +
            $"on {table.Count} routes = {corpus.Filters.Count * table.Count} filter x route evaluations; BIRD accepted {accepted}; " +
            $"export listings (BIRD's count) {string.Join(", ", exported.Select(e => $"{e.Key}: {e.Value}"))}; " +
            $"{corpus.Skipped.Count} left out:\n  " + string.Join("\n  ", corpus.Skipped));
        Assert.Multiple(() =>
        {
            Assert.That(corpus.Filters, Has.Count.GreaterThan(20), "too few Calico filters found in the corpus");
            Assert.That(accepted, Is.GreaterThan(0).And.LessThan(corpus.Filters.Count * table.Count), "filters should accept some routes and reject others");
            Assert.That(exported.Where(e => e.Key.Contains(" export ", StringComparison.Ordinal)).Select(e => e.Value), Has.All.GreaterThan(0),
                "both channels should export routes: " + string.Join(", ", exported));
            Assert.That(differences, Is.Empty, string.Join("\n", differences));
        });
    }

    /// <summary>Compares one listing on both daemons as multisets of routes; returns how many routes BIRD listed.</summary>
    private static int Compare(KernelLabHost bird, KernelLabHost bgpd, string command, string what, List<string> differences)
    {
        var expected = RouteBlocks(bird.Birdc(command));
        var actual = RouteBlocks(bgpd.Birdc(command));
        var missing = MultisetExcept(expected, actual);
        var extra = MultisetExcept(actual, expected);
        if (missing.Count > 0 || extra.Count > 0)
        {
            differences.Add($"{what}:\n" +
                string.Concat(missing.Select(m => $"  only in BIRD:  {m.Replace("\n", "\n                 ")}\n")) +
                string.Concat(extra.Select(m => $"  only in bgpd:  {m.Replace("\n", "\n                 ")}\n")));
        }
        return expected.Count;
    }

    private static List<string> MultisetExcept(List<string> a, List<string> b)
    {
        var left = b.GroupBy(x => x).ToDictionary(g => g.Key, g => g.Count());
        var result = new List<string>();
        foreach (var x in a)
        {
            if (left.TryGetValue(x, out var n) && n > 0) left[x] = n - 1;
            else result.Add(x);
        }
        return result;
    }

    private static string CalicoRoot()
    {
        var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "Bgpd.sln"))) dir = dir.Parent;
        var root = dir is null ? null : Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "fixtures", "calico"));
        if (root is null || !Directory.Exists(root)) Prerequisite.Unavailable("../shared/fixtures/calico (the Calico corpus) is not beside the repository");
        return root;
    }

    private static void Prepare(KernelLabHost host, FilterLabRoutes routes, bool ipv6)
    {
        foreach (var (name, cidr) in FilterLabRoutes.Interfaces)
        {
            host.Ip($"link add {name} type veth peer name {name}p");
            host.Ip($"link set {name} up");
            host.Ip($"link set {name}p up");
            host.Ip($"addr add {cidr} dev {name}");
        }
        foreach (var (name, cidr) in FilterLabRoutes.ExtraAddresses)
            host.Ip($"addr add {cidr} dev {name}");
        if (ipv6)
            foreach (var (name, cidr) in FilterLabRoutes.Interfaces6)
                host.Ip($"addr add {cidr} dev {name} nodad");
        foreach (var command in routes.KernelRouteCommands())
            host.Ip(command);
    }

    private static void WaitForRoutes(KernelLabHost host, FilterLabRoutes routes)
    {
        var expected = routes.ExpectedCounts;
        string Counts() => string.Join(", ", expected.Keys.Select(p => $"{p}={Count(host, p)}"));
        var done = KernelLabHost.Poll(() => expected.All(e => Count(host, e.Key) == e.Value), Converge);
        Assert.That(done, Is.True, $"{host.Kind} did not learn every route: expected {string.Join(", ", expected.Select(e => $"{e.Key}={e.Value}"))}, has {Counts()}");
    }

    private static int Count(KernelLabHost host, string protocol)
    {
        var m = Regex.Match(host.Birdc($"show route protocol {protocol} count"), @"(\d+) of \d+ routes");
        return m.Success ? int.Parse(m.Groups[1].Value) : -1;
    }

    /// <summary>
    /// The routes of a listing, one string per route (its line with the net carried onto the
    /// routes BIRD prints under the same net, plus its attribute lines), times masked. BIRD lists
    /// networks in hash order, so listings are compared as multisets of these.
    /// </summary>
    internal static List<string> RouteBlocks(string listing)
    {
        var blocks = new List<string>();
        var net = "";
        foreach (var raw in listing.Split('\n'))
        {
            var line = Regex.Replace(raw, @"\d\d:\d\d:\d\d", "TIME");
            if (line.Length == 0 || line.StartsWith("BIRD ", StringComparison.Ordinal)) continue;
            if (line[0] == '\t')
            {
                if (blocks.Count > 0) blocks[^1] += "\n" + line.Trim();
                continue;
            }
            if (line[0] != ' ') net = line.Split(' ', 2)[0];
            var rest = line[0] == ' ' ? line.Trim() : line[net.Length..].Trim();
            blocks.Add($"{net} {rest}");
        }
        return blocks;
    }
}
