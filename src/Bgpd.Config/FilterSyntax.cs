using Bgpd.Config.Filters;
using Bgpd.Config.Lexing;
using Bgpd.Config.Model;
using Bgpd.Config.Parsing;

namespace Bgpd.Config;

/// <summary>
/// Parses filter-language fragments outside a config file, for the control socket:
/// <c>show route where EXPR</c>, <c>eval EXPR</c>, and filter bodies. Names resolve against the
/// running config's <see cref="ConfigSymbols"/>. Includes are not allowed.
/// </summary>
public static class FilterSyntax
{
    /// <summary>Parses one expression (the whole text must be consumed).</summary>
    public static FilterExpr ParseExpression(string text, ConfigSymbols symbols, Dialect dialect = Dialect.Bird16)
    {
        var parser = CreateParser(text, symbols, dialect);
        return parser.ParseStandaloneExpression();
    }

    /// <summary>Parses <c>[locals] { statements }</c> as an anonymous filter.</summary>
    public static FilterDef ParseFilterBody(string text, ConfigSymbols symbols, Dialect dialect = Dialect.Bird16)
    {
        var parser = CreateParser(text, symbols, dialect);
        return parser.ParseStandaloneFilterBody();
    }

    private static Parser CreateParser(string text, ConfigSymbols symbols, Dialect dialect)
    {
        var lexer = new Lexer(text, "<command>", new LexerOptions(dialect, AllowIncludes: false));
        return new Parser(lexer, dialect, symbols.Clone());
    }
}
