using Bgpd.Config;
using Bgpd.Config.Model;
using Bgpd.Filters.Runtime;

namespace Bgpd.Filters.Tests.Language;

/// <summary>Compiles small configs and expressions through the real config parser.</summary>
internal static class EvalHelper
{
    public static FilterProgram Program(string config, Dialect dialect = Dialect.Bird16, List<string>? output = null)
    {
        var text = config + "\nprotocol device { }\n";
        var parsed = ConfigParser.ParseText(text, "test.conf", new ConfigParseOptions(dialect));
        return FilterCompiler.Compile(parsed, new FilterOptions { Output = new FilterOutput { Print = output is null ? null : output.Add, Error = output is null ? null : output.Add } });
    }

    public static string Eval(string expr, Dialect dialect = Dialect.Bird16, string config = "")
    {
        var parsed = ConfigParser.ParseText(config + "\nprotocol device { }\n", "test.conf", new ConfigParseOptions(dialect));
        var program = FilterCompiler.Compile(parsed);
        return program.Eval(FilterSyntax.ParseExpression(expr, parsed.Symbols, dialect)).Text;
    }
}
