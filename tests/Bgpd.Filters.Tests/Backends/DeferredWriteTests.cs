using Bgpd.Config;
using Bgpd.Filters.Rib;
using Bgpd.Filters.Runtime;
using Bgpd.Filters.Values;
using Bgpd.Net;
using Bgpd.Rib.Attributes;
using Bgpd.Rib.Filtering;
using RouteAttributes = Bgpd.Rib.Attributes.RouteAttributes;

namespace Bgpd.Filters.Tests.Backends;

/// <summary>
/// The tree holds an int or string written to krt_metric, krt_tunnel, bgp_local_pref, ... in a
/// local and hands it to the route's editor only at a sync point, so a value overwritten before
/// then never reaches the editor. These filters put every kind of observer between two writes (a
/// read, a print, an inlined function, a closure reading the route, an unset, a run-time error, an
/// accept from inside an expression) and must leave the route exactly as the closures (which write
/// at once) leave it.
/// </summary>
public class DeferredWriteTests
{
    private const string Functions = """
        function metric_plus(int n) { return krt_metric + n; }
        function set_and_accept() { krt_metric = 3; accept; }
        function set_metric(int n) { krt_metric = n; }
        """;

    public static IEnumerable<TestCaseData> Filters() => new (string Name, string Body)[]
    {
        ("overwritten, Calico's kernel programming", """
            if defined(source) && source = RTS_BGP && !defined(krt_metric) then {
              krt_metric = 1024;
              if defined(bgp_local_pref) then krt_metric = 2147483647 - bgp_local_pref;
              if krt_metric < 1024 then preference = 200;
            }
            accept;
            """),
        ("read between writes", "krt_metric = 5; if krt_metric = 5 then bgp_med = krt_metric + 1; krt_metric = 7; accept;"),
        ("defined after a write", "krt_metric = 5; if !defined(krt_metric) then reject; krt_metric = krt_metric * 2; accept;"),
        ("print between writes", "krt_metric = 5; print krt_metric; krt_metric = 6; print \"now \", krt_metric; accept;"),
        ("inlined function reads it", "krt_metric = 5; bgp_med = metric_plus(10); krt_metric = 6; accept;"),
        ("inlined function writes it", "krt_metric = 5; set_metric(8); bgp_med = krt_metric; accept;"),
        ("closure reads it through the route", "krt_metric = 5; bgp_community.add((krt_metric, 10)); krt_metric = 6; accept;"),
        ("closure in a condition reads it", "krt_metric = 5; if (krt_metric, 10) = (5, 10) then bgp_med = 1; krt_metric = 6; accept;"),
        ("unset after a write", "krt_metric = 5; unset(krt_metric); if defined(krt_metric) then reject; accept;"),
        ("write after an unset", "unset(krt_metric); krt_metric = 9; accept;"),
        ("written back to what it was", "krt_metric = 7; krt_metric = 1024; accept;"),
        ("rejected after writes", "krt_metric = 5; krt_tunnel = \"x\"; reject;"),
        ("run-time error after a write", "krt_metric = 5; bgp_med = 100 / (krt_metric - 5); krt_metric = 6; accept;"),
        ("error statement after a write", "krt_tunnel = \"tunl0\"; krt_metric = 11; if net ~ 10.0.0.0/8 then error \"stop\"; accept;"),
        ("accept from a function inside an expression", "krt_metric = 1; if set_and_accept() = 1 then reject; reject;"),
        ("string overwritten, Calico's tunnels", """
            if net ~ 10.0.0.0/8 then { if defined(bgp_next_hop) && bgp_next_hop ~ 10.192.0.0/16 then krt_tunnel = ""; else krt_tunnel = "tunl0"; accept; }
            krt_tunnel = "a"; krt_tunnel = "tunl0"; accept;
            """),
        ("local preference from the metric", "if !defined(krt_metric) then krt_metric = 1024; bgp_local_pref = 2147483647 - krt_metric; accept;"),
    }.Select(f => new TestCaseData(f.Body).SetName($"Deferred_writes_leave_the_route_as_the_closures_do({f.Name})"));

    [TestCaseSource(nameof(Filters))]
    public void Deferred_writes_leave_the_route_as_the_closures_do(string body)
    {
        var text = $"{Functions}\nfilter f {{\n{body}\n}}\nprotocol device {{ }}\n";
        var (closureLog, treeLog) = (new List<string>(), new List<string>());
        var reference = Compile(text, FilterBackend.Closures, closureLog);
        var tree = Compile(text, FilterBackend.Trees, treeLog);
        Assert.That(tree.UsesTree, Is.True, tree.TreeFallbackReason);
        foreach (var (net, attributes) in Routes())
        {
            var (a, b) = (Run(reference, net, attributes), Run(tree, net, attributes));
            Assert.That(b, Is.EqualTo(a), $"on {net} {attributes}");
            Assert.That(treeLog, Is.EqualTo(closureLog), $"on {net}: printed/logged");
        }
    }

    [Test]
    public void A_dead_store_never_reaches_the_editor_and_the_last_write_does()
    {
        var tree = Compile($"{Functions}\nfilter f {{ krt_metric = 1024; krt_metric = 77; krt_tunnel = \"a\"; krt_tunnel = \"tunl0\"; accept; }}\nprotocol device {{ }}\n",
            FilterBackend.Trees, []);
        var editor = new RouteEditor();
        editor.Load(Prefix.Parse("10.1.0.0/16"), new RouteAttributes(null, RouteSource.Bgp, RouteDest.Blackhole, []), 100);
        Assert.That(tree.ToRib().Run(editor), Is.EqualTo(FilterVerdict.Accept));
        var result = editor.Result().Attributes;
        Assert.Multiple(() =>
        {
            Assert.That(result.TryGet(EaId.KrtMetric, out var metric) ? metric.AsInt : 0u, Is.EqualTo(77u));
            Assert.That(result.TryGet(EaId.KrtTunnel, out var tunnel) ? tunnel.AsString : null, Is.EqualTo("tunl0"));
        });
    }

    [Test]
    public void A_route_that_errors_keeps_the_writes_made_before_the_error()
    {
        var tree = Compile("filter f { krt_metric = 5; bgp_med = 100 / (krt_metric - 5); accept; }\nprotocol device { }\n", FilterBackend.Trees, []);
        var editor = new RouteEditor();
        editor.Load(Prefix.Parse("10.1.0.0/16"), new RouteAttributes(null, RouteSource.Bgp, RouteDest.Blackhole, []), 100);
        Assert.That(tree.ToRib().Run(editor), Is.EqualTo(FilterVerdict.Error));
        Assert.That(editor.Result().Attributes.TryGet(EaId.KrtMetric, out var metric) ? metric.AsInt : 0u, Is.EqualTo(5u),
            "BIRD's `show route noexport` shows an erroring route as the filter left it");
    }

    private static CompiledFilter Compile(string text, FilterBackend backend, List<string> log) =>
        FilterCompiler.Compile(ConfigParser.ParseText(text, "deferred.conf"), new FilterOptions
        {
            Backend = backend,
            Output = new FilterOutput { Print = l => log.Add("print: " + l), Error = l => log.Add("error: " + l) },
        }).FindFilter("f")!;

    /// <summary>Routes with and without the attributes the filters write, BGP and not, in and out of 10/8.</summary>
    private static IEnumerable<(Prefix, RouteAttributes)> Routes()
    {
        var nh = IpAddress.Parse("10.192.0.3");
        foreach (var net in new[] { "10.1.0.0/16", "192.168.5.0/26" })
        {
            yield return (Prefix.Parse(net), new RouteAttributes(null, RouteSource.Device, RouteDest.Device, [NextHop.Device("tap1")]));
            yield return (Prefix.Parse(net), new RouteAttributes(null, RouteSource.Inherit, RouteDest.Device, [NextHop.Device("cali1")],
                EaList.Create([new Ea(EaId.KrtMetric, EaValue.Int(1024)), new Ea(EaId.KrtTunnel, EaValue.String("tunl0"))])));
            yield return (Prefix.Parse(net), new RouteAttributes(null, RouteSource.Bgp, RouteDest.Router, [new NextHop(nh, "eth0")], EaList.Create([
                new Ea(EaId.BgpOrigin, EaValue.Int(0), 0x40),
                new Ea(EaId.BgpAsPath, EaValue.Path(AsPath.FromSequence(65001, 64512)), 0x40),
                new Ea(EaId.BgpNextHop, EaValue.Ip(nh), 0x40),
                new Ea(EaId.BgpLocalPref, EaValue.Int(100), 0x40),
            ])));
            yield return (Prefix.Parse(net), new RouteAttributes(null, RouteSource.Bgp, RouteDest.Router, [new NextHop(nh, "eth0")], EaList.Create([
                new Ea(EaId.BgpNextHop, EaValue.Ip(nh), 0x40),
                new Ea(EaId.KrtMetric, EaValue.Int(7)),
                new Ea(EaId.BgpCommunity, EaValue.IntSet([(64512u << 16) | 1]), 0xC0),
            ])));
        }
    }

    /// <summary>The verdict and every attribute of the edited route (as the RIB would store it).</summary>
    private static string Run(CompiledFilter filter, Prefix net, RouteAttributes attributes)
    {
        var editor = new RouteEditor();
        editor.Load(net, attributes, 100);
        var verdict = filter.ToRib().Run(editor);
        var result = editor.Result();
        var check = new RouteEditor();
        check.Load(net, result, editor.Preference);
        var view = new RouteEditorRoute { Editor = check };
        var text = string.Join("; ", Enum.GetValues<RouteAttribute>().Where(a => a != RouteAttribute.Custom)
            .Select(a => $"{a}={ValuePrinter.Format(view.Get(a))}"));
        return $"{verdict}: {text}; preference={editor.Preference}";
    }
}
