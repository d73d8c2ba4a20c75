using Bgpd.Config.Model;

namespace Bgpd.Config.Lexing;

/// <summary>How the lexer reads: dialect (address rules, RD tokens) and whether <c>include</c> is allowed.</summary>
public sealed record LexerOptions(Dialect Dialect = Dialect.Bird16, bool AllowIncludes = true)
{
    /// <summary>BIRD's limit: the main file is depth 1, includes may nest down to depth 8.</summary>
    public const int MaxIncludeDepth = 8;
    /// <summary>Longest symbol name BIRD accepts.</summary>
    public const int MaxSymbolLength = 64;
}
