using Bgpd.Config;
using Bgpd.Config.Model;
using Bgpd.Filters.Runtime;
using Bgpd.Filters.Values;
using Bgpd.Net;

namespace Bgpd.Filters.Tests.Language;

/// <summary>
/// BIRD 1.6 reads bgp_origin as a plain int (Debian's BIRD 1.6.8 prints it as <c>1</c> and finds
/// <c>bgp_origin = ORIGIN_EGP</c> false, while <c>ORIGIN_EGP</c> itself prints as <c>(enum 31)1</c>);
/// BIRD 2 reads it as the enum. Both backends agree.
/// </summary>
public class EnumAttributeReadTests
{
    private const string Config = """
        filter f {
          print bgp_origin, " ", bgp_origin = ORIGIN_EGP, " ", ORIGIN_EGP;
          accept;
        }
        protocol device { }
        """;

    private static List<string> Prints(Dialect dialect, FilterBackend backend)
    {
        var lines = new List<string>();
        var text = dialect == Dialect.Bird2 ? Config.Replace("protocol device { }", "protocol device { }\nipv4 table t4;") : Config;
        var config = ConfigParser.ParseText(text, "origin.conf", new ConfigParseOptions(dialect));
        var program = FilterCompiler.Compile(config, new FilterOptions { Backend = backend, Output = new FilterOutput { Print = lines.Add, Error = lines.Add } });
        var route = new TestRoute(Prefix.Parse("10.9.0.0/16")).With("bgp_origin", Value.Enum(FilterType.EnumOrigin, 1));
        Assert.That(program.FindFilter("f")!.Run(route), Is.EqualTo(FilterResult.Accept), string.Join("\n", lines));
        return lines;
    }

    [Test]
    public void Bird_16_reads_bgp_origin_as_an_int([Values(FilterBackend.Closures, FilterBackend.Trees)] FilterBackend backend) =>
        Assert.That(Prints(Dialect.Bird16, backend), Is.EqualTo(new[] { "1 FALSE (enum 31)1" }));

    [Test]
    public void Bird_2_reads_bgp_origin_as_the_enum([Values(FilterBackend.Closures, FilterBackend.Trees)] FilterBackend backend) =>
        Assert.That(Prints(Dialect.Bird2, backend), Is.EqualTo(new[] { "(enum 31)1 TRUE (enum 31)1" }));
}
