using System.Text.RegularExpressions;
using Bgpd.Config;
using Bgpd.Config.Model;
using Bgpd.Filters.Runtime;

namespace Bgpd.Filters.Tests.Conformance;

/// <summary>Outcome of one BIRD test-suite run: assertions passed/total and whether the suite passed.</summary>
internal sealed record SuiteResult(string Name, bool Passed, int AssertsPassed, int AssertsTotal, string Detail);

/// <summary>
/// Runs BIRD 2.0.12's filter/test.conf the way BIRD's filter_test harness does: t_reconfig (parse
/// twice, every function and filter unchanged), each bt_test_same (function equality), then every
/// bt_test_suite function, which passes when it runs to completion with all bt_asserts true.
/// </summary>
internal static class Bird2SuiteRunner
{
    public const string RelativePath = "fixtures/bird/tests/v2.0.12/filter/test.conf";

    private static readonly Dictionary<FilterBackend, Lazy<(IReadOnlyDictionary<string, SuiteResult> Results, IReadOnlyList<string> TreeFallbacks)>> Runs =
        Enum.GetValues<FilterBackend>().ToDictionary(b => b, b => new Lazy<(IReadOnlyDictionary<string, SuiteResult>, IReadOnlyList<string>)>(() => RunAll(b)));

    public static string FullPath => SharedFixtures.Path_(RelativePath.Split('/'));

    /// <summary>Suite names in BIRD's run order, read from the file itself (so they exist even if parsing fails).</summary>
    public static IEnumerable<string> SuiteNames()
    {
        var text = File.ReadAllText(FullPath);
        yield return "t_reconfig";
        foreach (Match m in Regex.Matches(text, @"^bt_test_same\((\w+),\s*(\w+),\s*(\d)\);", RegexOptions.Multiline))
            yield return $"bt_test_same({m.Groups[1].Value}, {m.Groups[2].Value}, {m.Groups[3].Value})";
        foreach (Match m in Regex.Matches(text, @"^bt_test_suite\((\w+),", RegexOptions.Multiline))
            yield return m.Groups[1].Value;
    }

    public static SuiteResult Get(string name, FilterBackend backend = FilterBackend.Closures) => Runs[backend].Value.Results[name];

    public static IReadOnlyDictionary<string, SuiteResult> All => Runs[FilterBackend.Closures].Value.Results;

    public static IReadOnlyDictionary<string, SuiteResult> AllWith(FilterBackend backend) => Runs[backend].Value.Results;

    /// <summary>With the tree backend: the suites it left to the closures, and why.</summary>
    public static IReadOnlyList<string> TreeFallbacks => Runs[FilterBackend.Trees].Value.TreeFallbacks;

    private static BirdConfig Parse() => ConfigParser.ParseFile(FullPath, new ConfigParseOptions(Dialect.Bird2));

    private static (IReadOnlyDictionary<string, SuiteResult>, IReadOnlyList<string>) RunAll(FilterBackend backend)
    {
        var results = new Dictionary<string, SuiteResult>();
        var original = File.ReadAllText(FullPath);
        BirdConfig config;
        FilterProgram program;
        var asserts = new List<AssertResult>();
        var prints = new List<string>();
        try
        {
            config = Parse();
            program = FilterCompiler.Compile(config, new FilterOptions
            {
                Output = new FilterOutput { Assert = asserts.Add, Print = prints.Add, Error = prints.Add },
                Backend = backend,
            });
        }
        catch (ConfigException e)
        {
            foreach (var name in SuiteNames()) results[name] = new SuiteResult(name, false, 0, 0, "config error: " + e);
            return (results, []);
        }

        // t_reconfig: a second parse of the same file must leave every function and filter unchanged.
        var again = Parse();
        var changed = config.Functions.Where(f => !Equals(f, again.FindFunction(f.Name))).Select(f => f.Name)
            .Concat(config.Filters.Where(f => !Equals(f, again.FindFilter(f.Name!))).Select(f => f.Name!)).ToList();
        var total = config.Functions.Count + config.Filters.Count;
        results["t_reconfig"] = new SuiteResult("t_reconfig", changed.Count == 0, total - changed.Count, total,
            changed.Count == 0 ? "" : "changed: " + string.Join(", ", changed));

        foreach (Match m in Regex.Matches(original, @"^bt_test_same\((\w+),\s*(\w+),\s*(\d)\);", RegexOptions.Multiline))
        {
            var name = $"bt_test_same({m.Groups[1].Value}, {m.Groups[2].Value}, {m.Groups[3].Value})";
            var same = program.SameFunctions(m.Groups[1].Value, m.Groups[2].Value);
            var ok = same == (m.Groups[3].Value == "1");
            results[name] = new SuiteResult(name, ok, ok ? 1 : 0, 1, $"same = {same}");
        }

        var declared = config.Tests.Where(t => t.SameFunction is null).Select(t => t.Function).ToHashSet();
        foreach (var name in SuiteNames().Skip(1).Where(n => !n.StartsWith("bt_test_same", StringComparison.Ordinal)))
        {
            if (!declared.Contains(name))
            {
                results[name] = new SuiteResult(name, false, 0, 0, "not run: the config parser does not read this suite's syntax");
                continue;
            }
            asserts.Clear();
            prints.Clear();
            var run = program.RunFunction(name);
            var passed = asserts.Count(a => a.Passed);
            var failedLines = asserts.Where(a => !a.Passed).Select(a => a.Pos.Line.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var detail = (run.Error ?? "") + (asserts.Any(a => !a.Passed) ? " failed asserts at lines " + string.Join(",", failedLines) : "")
                + (prints.Count > 0 ? " output: " + string.Join(" | ", prints) : "");
            results[name] = new SuiteResult(name, run.Completed && passed == asserts.Count, passed, asserts.Count, detail.Trim());
        }
        return (results, program.TreeFallbacks.ToList());
    }
}
