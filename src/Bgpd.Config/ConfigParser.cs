using Bgpd.Config.Lexing;
using Bgpd.Config.Model;
using Bgpd.Config.Parsing;

namespace Bgpd.Config;

/// <summary>Options for <see cref="ConfigParser"/>.</summary>
/// <param name="Dialect">The language to read; null = detect (see <see cref="ConfigParser.DetectDialect"/>).</param>
/// <param name="IprouteDirectory">Where iproute2's rt_protos/rt_realms/rt_scopes/rt_tables live; BIRD turns their
/// names into constants (<c>ipp_bird</c>, <c>ipt_main</c>...). Null defines none.</param>
public sealed record ConfigParseOptions(Dialect? Dialect = null, string? IprouteDirectory = ConfigParseOptions.DefaultIprouteDirectory)
{
    public const string DefaultIprouteDirectory = "/etc/iproute2";
}

/// <summary>
/// Entry point for reading bird.conf. Errors are thrown as <see cref="ConfigException"/> carrying
/// file, line, column and BIRD's message; the returned <see cref="BirdConfig"/> is immutable.
/// </summary>
public static class ConfigParser
{
    /// <summary>Reads and parses a config file (and the files it includes).</summary>
    public static BirdConfig ParseFile(string path, ConfigParseOptions? options = null)
    {
        var text = ReadMain(path);
        return ParseText(text, path, options);
    }

    /// <summary>Parses config text as if read from <paramref name="fileName"/> (includes resolve relative to it).</summary>
    public static BirdConfig ParseText(string text, string fileName, ConfigParseOptions? options = null)
    {
        var dialect = options?.Dialect ?? DetectDialect(text, fileName);
        var lexer = new Lexer(text, fileName, new LexerOptions(dialect));
        var symbols = new ConfigSymbols();
        var iproute = options is null ? ConfigParseOptions.DefaultIprouteDirectory : options.IprouteDirectory;
        if (iproute is not null) IprouteConstants.Define(symbols, iproute);
        var parser = new Parser(lexer, dialect, symbols);
        return parser.ParseConfig(fileName);
    }

    /// <summary>Like <see cref="ParseFile"/> but returns the error instead of throwing it.</summary>
    public static ConfigParseResult TryParseFile(string path, ConfigParseOptions? options = null)
    {
        try
        {
            return new ConfigParseResult(ParseFile(path, options), null);
        }
        catch (ConfigException e)
        {
            return new ConfigParseResult(null, e);
        }
    }

    /// <summary>
    /// Dialect detection: the file (with its includes) is BIRD 2.x when a protocol body holds a
    /// channel item (<c>ipv4</c>/<c>ipv6</c>/... followed by <c>{</c> or <c>;</c>) or a 2.x-only
    /// top-level statement (<c>ipv4 table</c>, <c>attribute</c>, <c>hostname</c>); otherwise it is
    /// BIRD 1.6, in the bird6 flavour when any IPv6 address appears or the file name starts with
    /// <c>bird6</c> (Calico's bird6.cfg, bird6.conf), else bird (IPv4). A file the detector cannot even lex is read as 1.6 IPv4 so the parser reports
    /// the error. The daemon's <c>-6</c> option overrides detection with <see cref="Dialect.Bird16v6"/>.
    /// </summary>
    public static Dialect DetectDialect(string text, string fileName)
    {
        List<Token> tokens;
        try
        {
            tokens = new Lexer(text, fileName, new LexerOptions(Dialect.Bird16v6)).ReadAll();
        }
        catch (ConfigException)
        {
            return Dialect.Bird16;
        }
        var sawV6 = false;
        var depth = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            if (t.IsPunct("{")) depth++;
            else if (t.IsPunct("}")) depth--;
            if (t.Kind == TokenKind.Ip && t.Ip.IsV6) sawV6 = true;
            if (t.Kind != TokenKind.Symbol || t.Quoted || i + 1 >= tokens.Count) continue;
            var next = tokens[i + 1];
            if (t.Text is "ipv4" or "ipv6" or "vpn4" or "vpn6" or "mpls" or "flow4" or "flow6")
            {
                if (depth == 1 && (next.IsPunct("{") || next.IsPunct(";"))) return Dialect.Bird2;
                if (depth == 0 && next.IsWord("table")) return Dialect.Bird2;
            }
            if (depth == 0 && (t.Text is "attribute" or "hostname") && (i == 0 || tokens[i - 1].IsPunct(";") || tokens[i - 1].IsPunct("}")))
                return Dialect.Bird2;
        }
        var bird6Name = Path.GetFileName(fileName).StartsWith("bird6", StringComparison.Ordinal);
        return sawV6 || bird6Name ? Dialect.Bird16v6 : Dialect.Bird16;
    }

    private static string ReadMain(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var reason = e is FileNotFoundException or DirectoryNotFoundException ? "No such file or directory"
                : e is UnauthorizedAccessException ? "Permission denied" : e.Message;
            throw new ConfigException(new SourcePos(path, 0, 0), $"Unable to open configuration file {path}: {reason}");
        }
    }
}

/// <summary>Either a config or the error that stopped parsing.</summary>
public sealed record ConfigParseResult(BirdConfig? Config, ConfigException? Error)
{
    public bool Success => Config is not null;
}
