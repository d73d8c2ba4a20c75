using Bgpd.Config;
using Bgpd.Config.Model;
using Bgpd.Filters.Runtime;

namespace Bgpd.Filters.Tests.Conformance;

/// <summary>
/// BIRD 1.6.8's filter/test.conf: parsing it runs <c>eval __startup();</c>, which prints results and
/// ends with <c>quitbird</c>. Our output must equal BIRD's recorded run line by line.
/// </summary>
public class Bird16StartupTests
{
    private const string Dir = "fixtures/bird/tests";

    [Test]
    public void Startup_output_equals_bird_1_6_8([Values] FilterBackend backend)
    {
        var path = SharedFixtures.Path_([.. $"{Dir}/v1.6.8/filter/test.conf".Split('/')]);
        var text = File.ReadAllText(path);
        // BIRD runs eval while parsing, so __startup's quitbird ends it before the end-of-file
        // "No protocol is specified" check; bgpd evaluates after parsing, so give it a protocol.
        text += "\nprotocol device { }\n";

        var lines = new List<string>();
        var config = ConfigParser.ParseText(text, path, new ConfigParseOptions(Dialect.Bird16));
        var program = FilterCompiler.Compile(config, new FilterOptions { Output = new FilterOutput { Print = lines.Add, Error = lines.Add }, Backend = backend });
        if (!program.RunConfigEvals(lines.Add)) lines.Add("Filter asked me to die");

        var expected = File.ReadAllLines(SharedFixtures.Path_([.. $"{Dir}/run_v1.6.8_test.conf.txt".Split('/')]))
            .Where(l => l.StartsWith("bird: ", StringComparison.Ordinal))
            .Select(l => l["bird: ".Length..])
            .ToList();
        var same = expected.Zip(lines).Count(p => p.First == p.Second);
        TestContext.Out.WriteLine($"v1.6.8 test.conf: {same}/{expected.Count} output lines equal BIRD's");
        for (var i = 0; i < Math.Max(expected.Count, lines.Count); i++)
        {
            var e = i < expected.Count ? expected[i] : "<none>";
            var a = i < lines.Count ? lines[i] : "<none>";
            if (e != a) TestContext.Out.WriteLine($"line {i + 1}: bird: {e}\n         bgpd: {a}");
        }
        if (backend == FilterBackend.Trees) TestContext.Out.WriteLine($"left to the closures: {string.Join("; ", program.TreeFallbacks)}");
        Assert.That(lines, Is.EqualTo(expected));
    }
}
