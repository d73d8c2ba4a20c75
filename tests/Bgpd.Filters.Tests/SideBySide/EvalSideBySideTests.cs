using Bgpd.TestSupport;
using Bgpd.Config;
using Bgpd.Config.Model;

namespace Bgpd.Filters.Tests.SideBySide;

/// <summary>
/// The same <c>eval</c> expressions in real BIRD 1.6.8 and in bgpd's filter engine: printed values,
/// and "runtime error" / parse errors where BIRD gives them, must agree.
/// </summary>
public class EvalSideBySideTests
{
    private const string Config = """
        router id 10.0.0.1;
        define ten = 10;
        define nets = [10.0.0.0/8+, 192.168.0.0/16{24,32}];
        define asns = [64512..65534, 1];
        function sq(int x) { return x * x; }
        function mkpath(int a; int b) { return prepend(prepend(+empty+, b), a); }
        protocol device { }
        """;

    private static readonly string[] Expressions =
    [
        "1+2*3", "(1+2)*3", "100/7", "0-1", "4294967295+1", "1/0", "ten*ten", "sq(ten)+1", "sq(sq(3))",
        "1 = 1", "1 != 2", "1 < 2", "2 <= 1", "true && false", "true || false", "!false", "1 = \"a\"", "1 != (0,1)",
        "(1,2)", "(65535,65535)", "(1,2) < (1,3)", "(1,2).asn", "(1,2).data", "(70000,1)",
        "1.2.3.4", "1.2.3.4.mask(8)", "1.2.3.4 = 1.2.3.4", "10.0.0.0/8", "10.20.0.0/16.ip", "10.20.0.0/16.len",
        "10.1.2.3 ~ 10.0.0.0/8", "10.0.0.0/16 ~ 10.0.0.0/8", "10.0.0.0/7 ~ 10.0.0.0/8",
        "10.1.0.0/16 ~ nets", "11.0.0.0/8 ~ nets", "192.168.1.0/24 ~ nets", "192.168.0.0/20 ~ nets", "nets",
        "[1,2,3]", "[3, 1, 2, 1]", "[1..5, 7]", "5 ~ [1..5, 7]", "6 ~ [1..5, 7]", "65000 ~ asns", "asns",
        "[(1,2), (3,*)]", "[(1,2)..(1,8)]", "(3,99) ~ [(3,*)]", "(4,1) ~ [(3,*)]", "[(1,1..5)]",
        "[1.1.1.1, 2.2.2.0..2.2.2.255]", "2.2.2.7 ~ [1.1.1.1, 2.2.2.0..2.2.2.255]",
        "[10.0.0.0/8, 11.0.0.0/8+, 12.0.0.0/8-, 13.0.0.0/8{10,12}]",
        "(rt, 1, 2)", "(ro, 65536, 3)", "(rt, 10.0.0.1, 5)", "(generic, 1, 2)", "(unknown 7, 1, 2)",
        "[(rt, 1, *), (ro, 2, 3..4)]", "(rt, 1, 77) ~ [(rt, 1, *)]",
        "(1, 2, 3)", "(1, 2, 3).asn", "(1, 2, 3).data1", "(1, 2, 3).data2", "[(1, 2, *), (5..6, *, *)]",
        "+empty+", "prepend(+empty+, 1)", "mkpath(1, 2)", "mkpath(1, 2).len", "mkpath(1, 2).first", "mkpath(1, 2).last",
        "mkpath(1, 2) ~ [= 1 2 =]", "mkpath(1, 2) ~ [= * 2 =]", "mkpath(1, 2) ~ [= ? =]", "mkpath(1, 2) ~ [= 1..5 * =]",
        "2 ~ mkpath(1, 2)", "delete(mkpath(1, 2), 1)", "filter(mkpath(1, 2), [2])", "mkpath(1, 2) ~ [1]",
        "[= 1 2 * ? 3..4 =]", "/ ? 4 3 /",
        "-empty-", "add(-empty-, (1,2))", "add(add(-empty-, (1,2)), (1,2))", "delete(add(-empty-, (1,2)), (1,2))",
        "add(add(-empty-, (1,2)), (3,4)) ~ [(3,*)]", "(1,2) ~ add(-empty-, (1,2))", "filter(add(add(-empty-, (1,2)), (3,4)), [(1,*)])",
        "add(-empty-, (1,2)).len",
        "--empty--", "add(--empty--, (rt, 1, 2))", "delete(add(--empty--, (rt, 1, 2)), (rt, 1, 2))",
        "---empty---", "add(---empty---, (1, 2, 3))", "(1, 2, 3) ~ add(---empty---, (1, 2, 3))",
        "\"hello\"", "\"hello\" ~ \"h*o\"", "\"hello\" ~ \"h?llo\"", "\"hello\" ~ \"x*\"",
        "RTS_BGP", "RTS_STATIC", "SCOPE_LINK", "RTD_BLACKHOLE", "ORIGIN_IGP", "ROA_VALID", "RTS_BGP = RTS_BGP",
        "RTS_BGP ~ [RTS_BGP, RTS_STATIC]", "defined(1)", "true", "false",
        "1 +", "unknown_symbol", "(1,2) + 1", "\"a\" < 1",
    ];

    private static readonly Lazy<Dictionary<string, string>> BirdAnswers = new(() =>
    {
        using var bird = BirdProcess.Start(Config);
        return Expressions.Distinct().ToDictionary(e => e, bird.Eval);
    });

    private static readonly Lazy<FilterProgram> Ours = new(() =>
        FilterCompiler.Compile(ConfigParser.ParseText(Config, "bird.conf", new ConfigParseOptions(Dialect.Bird16))));

    public static IEnumerable<TestCaseData> Cases() => Expressions.Distinct().Select(e => new TestCaseData(e).SetName($"Eval_matches_bird_1_6_8({e})"));

    [TestCaseSource(nameof(Cases))]
    public void Eval_matches_bird(string expr)
    {
        if (BirdProcess.FindBinary("bird") is null || BirdProcess.FindBinary("birdc") is null)
        {
            Prerequisite.Unavailable("bird 1.6 (bird, birdc) is not installed; it is needed for the side-by-side comparison");
        }
        var expected = BirdAnswers.Value[expr];
        var result = Ours.Value.Eval(expr);
        var actual = result.Ok ? result.Text : result.IsParseError ? "parse error" : "runtime error";
        // BIRD words parse errors in several ways (syntax error, unknown symbol...); we compare the category.
        if (expected is not "runtime error" && !result.IsParseError && result.Ok) Assert.That(actual, Is.EqualTo(expected));
        else if (expected == "runtime error") Assert.That(actual, Is.EqualTo("runtime error"), $"bgpd printed {result.Text}");
        else Assert.That(result.Ok, Is.False, $"BIRD refused it ({expected}) but bgpd printed {result.Text}");
    }
}
