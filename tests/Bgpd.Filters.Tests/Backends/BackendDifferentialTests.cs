using Bgpd.Config;
using Bgpd.Config.Filters;
using Bgpd.Config.Model;
using Bgpd.Filters.Rib;
using Bgpd.Filters.Runtime;
using Bgpd.Filters.Values;
using Bgpd.Filters.Tests.Conformance;
using Bgpd.Net;
using Bgpd.Rib.Attributes;
using Bgpd.Rib.Filtering;
using RouteAttributes = Bgpd.Rib.Attributes.RouteAttributes;

namespace Bgpd.Filters.Tests.Backends;

/// <summary>
/// The specialising backend (one expression tree per filter) against the closures, which are the
/// reference: the same configs compiled both ways must decide the same, leave the same attributes
/// and print the same, on BIRD's test.conf suites, Calico's corpus filters and random routes.
/// </summary>
public class BackendDifferentialTests
{
    private const int RoutesPerFilter = 300;

    [Test]
    public void Bird_2_0_12_test_conf_suites_give_the_same_results_on_both_backends()
    {
        var closures = Bird2SuiteRunner.AllWith(FilterBackend.Closures);
        var trees = Bird2SuiteRunner.AllWith(FilterBackend.Trees);
        foreach (var (name, reference) in closures)
            Assert.That(trees[name], Is.EqualTo(reference), $"suite {name}");
        var fallbacks = Bird2SuiteRunner.TreeFallbacks;
        TestContext.Out.WriteLine($"{closures.Count} suite runs equal; test functions left to the closures: {fallbacks.Count}");
        foreach (var f in fallbacks) TestContext.Out.WriteLine("  " + f);
        // The suites must really run on trees for this comparison to mean something.
        Assert.That(fallbacks, Has.Count.LessThanOrEqualTo(closures.Count / 4));
    }

    public static IEnumerable<TestCaseData> CalicoConfigs()
    {
        var root = SharedFixtures.Path_("fixtures", "calico");
        return Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) is "bird.cfg" or "bird6.cfg" || f.EndsWith(".conf", StringComparison.Ordinal))
            .Where(f => new FileInfo(f).LinkTarget is null)
            .Order(StringComparer.Ordinal)
            .Select(f => new TestCaseData(Path.GetRelativePath(root, f)).SetName($"Calico_config_same_on_both_backends({Path.GetRelativePath(root, f)})"));
    }

    [TestCaseSource(nameof(CalicoConfigs))]
    public void Calico_filters_decide_and_edit_routes_the_same_on_both_backends(string relative)
    {
        var path = SharedFixtures.Path_("fixtures", "calico", relative);
        var config = ConfigParser.ParseFile(path);
        var (closureLog, treeLog) = (new List<string>(), new List<string>());
        var closures = FilterCompiler.Compile(config, Options(FilterBackend.Closures, closureLog));
        var trees = FilterCompiler.Compile(config, Options(FilterBackend.Trees, treeLog));
        var pairs = FiltersOf(config, closures).Zip(FiltersOf(config, trees)).ToList();
        Assert.That(pairs, Is.Not.Empty, "the config has filters");
        var ipv6 = Path.GetFileName(path).Contains("bird6", StringComparison.Ordinal);
        var random = new Random(relative.Length * 7919 + pairs.Count);
        var compared = 0;
        foreach (var ((name, reference), (_, tree)) in pairs)
        {
            Assert.That(tree.UsesTree, Is.True, $"{name} fell back to closures: {tree.TreeFallbackReason}");
            Assert.That(reference.UsesTree, Is.False);
            for (var i = 0; i < RoutesPerFilter; i++)
            {
                var (net, attributes) = RandomRoutes.Next(random, ipv6);
                var (a, b) = (Run(reference, net, attributes), Run(tree, net, attributes));
                Assert.That(b.Verdict, Is.EqualTo(a.Verdict), $"{name} on {net} {attributes}");
                Assert.That(b.Attributes, Is.EqualTo(a.Attributes), $"{name} on {net} {attributes}");
                Assert.That(treeLog, Is.EqualTo(closureLog), $"{name} on {net}: printed/logged");
                compared++;
            }
        }
        TestContext.Out.WriteLine($"{pairs.Count} filters x {RoutesPerFilter} routes = {compared} runs agree");
    }

    [Test]
    public void Trees_are_compiled_to_machine_code_not_interpreted()
    {
        var config = ConfigParser.ParseText("filter f { if net ~ 10.0.0.0/8 then accept; reject; }\nprotocol device { }\n", "jit.conf");
        var f = FilterCompiler.Compile(config, new FilterOptions { Backend = FilterBackend.Trees }).FindFilter("f")!;
        Assert.Multiple(() =>
        {
            Assert.That(System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeCompiled, Is.True, "this runtime would interpret expression trees");
            Assert.That(f.UsesTree, Is.True);
            Assert.That(f.TreeIsCompiledCode, Is.True);
        });
    }

    [Test]
    public void Filters_with_recursion_stay_on_closures_and_still_run()
    {
        var config = ConfigParser.ParseText("""
            function fact(int n) { if n <= 1 then return 1; return n * fact(n - 1); }
            filter f { if fact(5) = 120 then accept; reject; }
            protocol device { }
            """, "recursion.conf");
        var program = FilterCompiler.Compile(config, new FilterOptions { Backend = FilterBackend.Trees });
        var f = program.FindFilter("f")!;
        Assert.That(f.UsesTree, Is.False);
        Assert.That(f.TreeFallbackReason, Does.Contain("recursive function fact"));
        Assert.That(f.Run(new TestRoute(Prefix.Parse("10.0.0.0/8"))), Is.EqualTo(FilterResult.Accept));
    }

    [Test]
    public void Tiered_backend_switches_a_hot_filter_to_its_tree()
    {
        var config = ConfigParser.ParseText("filter f { if net ~ 10.0.0.0/8 then accept; reject; }\nprotocol device { }\n", "tiered.conf");
        var f = FilterCompiler.Compile(config).FindFilter("f")!;
        var route = new TestRoute(Prefix.Parse("10.1.0.0/16"));
        Assert.That(f.UsesTree, Is.False, "closures at load");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var runs = 0;
        while (!f.UsesTree && DateTime.UtcNow < deadline && runs < 10_000_000)
        {
            Assert.That(f.Run(route), Is.EqualTo(FilterResult.Accept));
            runs++;
        }
        Assert.That(f.UsesTree, Is.True, $"still on closures after {runs} runs");
        Assert.That(runs, Is.GreaterThanOrEqualTo(FilterProgram.TierUpRuns));
    }

    [Test]
    public void Tiered_backend_compiles_the_loaded_filters_trees_in_the_background_when_asked()
    {
        var config = ConfigParser.ParseText("filter f { if net ~ 10.0.0.0/8 then accept; reject; }\nprotocol device { }\n", "tiered.conf");
        var program = FilterCompiler.Compile(config);
        var f = program.FindFilter("f")!;
        var route = new TestRoute(Prefix.Parse("10.1.0.0/16"));
        Assert.That(f.UsesTree, Is.False, "closures at load");

        program.CompileTreesInBackground();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!f.UsesTree && DateTime.UtcNow < deadline)
            Thread.Sleep(5);
        Assert.That(f.UsesTree, Is.True, "the background compilation did not finish within 30 s");
        Assert.That(f.Run(route), Is.EqualTo(FilterResult.Accept));
        Assert.That(f.Run(new TestRoute(Prefix.Parse("192.168.0.0/16"))), Is.EqualTo(FilterResult.Reject));
    }

    private static FilterOptions Options(FilterBackend backend, List<string> log) =>
        new() { Backend = backend, Output = new FilterOutput { Print = l => log.Add("print: " + l), Error = l => log.Add("error: " + l) } };

    /// <summary>Named filters and the inline filters of every channel, in config order.</summary>
    private static IEnumerable<(string Name, CompiledFilter Filter)> FiltersOf(BirdConfig config, FilterProgram program)
    {
        foreach (var (name, filter) in program.Filters.OrderBy(f => f.Key, StringComparer.Ordinal)) yield return (name, filter);
        foreach (var protocol in config.Protocols)
            foreach (var channel in protocol.Channels)
                foreach (var (direction, reference) in new[] { ("import", channel.Import), ("export", channel.Export) })
                    if (reference is FilterInline or FilterWhere)
                        yield return ($"{protocol.Name} {direction}", program.Compile(reference));
    }

    private static (FilterVerdict Verdict, string Attributes) Run(CompiledFilter filter, Prefix net, RouteAttributes attributes)
    {
        var editor = new RouteEditor();
        editor.Load(net, attributes, 100);
        var verdict = filter.ToRib().Run(editor);
        var view = new RouteEditorRoute { Editor = editor };
        var text = string.Join("; ", Enum.GetValues<RouteAttribute>().Where(a => a != RouteAttribute.Custom)
            .Select(a => $"{a}={ValuePrinter.Format(view.Get(a))}"));
        return (verdict, $"{text}; preference={editor.Preference}");
    }
}
