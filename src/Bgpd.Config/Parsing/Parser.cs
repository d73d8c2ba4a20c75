using Bgpd.Config.Filters;
using Bgpd.Config.Lexing;
using Bgpd.Config.Model;
using Bgpd.Net;

namespace Bgpd.Config.Parsing;

/// <summary>
/// Recursive-descent parser for bird.conf. One instance parses one config; it keeps the global
/// symbol table as it goes (BIRD is single-pass: names must be defined before use).
/// </summary>
internal sealed partial class Parser
{
    private readonly TokenStream tokens;
    private readonly Dialect dialect;
    private readonly ConfigSymbols symbols;

    public Parser(Lexer lexer, Dialect dialect, ConfigSymbols symbols)
    {
        tokens = new TokenStream(lexer);
        this.dialect = dialect;
        this.symbols = symbols;
    }

    private bool Bird2 => dialect == Dialect.Bird2;
    private bool V6 => dialect == Dialect.Bird16v6;

    // ----- token helpers -----

    private Token Peek(int offset = 0) => tokens.Peek(offset);
    private Token Next() => tokens.Next();

    private bool IsWord(string word, int offset = 0) => Peek(offset).IsWord(word);
    private bool IsPunct(string text, int offset = 0) => Peek(offset).IsPunct(text);

    private bool AcceptWord(string word)
    {
        if (!IsWord(word)) return false;
        Next();
        return true;
    }

    private bool AcceptPunct(string text)
    {
        if (!IsPunct(text)) return false;
        Next();
        return true;
    }

    private Token ExpectWord(string word)
    {
        if (!IsWord(word)) throw SyntaxError();
        return Next();
    }

    private Token ExpectPunct(string text)
    {
        if (!IsPunct(text)) throw SyntaxError();
        return Next();
    }

    /// <summary>BIRD's generic parse error, at the offending (lookahead) token.</summary>
    private ConfigException SyntaxError() => SyntaxError(Peek());

    private static ConfigException SyntaxError(Token at) => new(at.Pos, "syntax error");

    private static ConfigException Error(Token at, string message) => new(at.Pos, message);

    private ConfigException ErrorHere(string message) => new(Peek().Pos, message);

    private bool IsKeyword(Token token) => token.Kind == TokenKind.Symbol && !token.Quoted && Keywords.IsKeyword(token.Text, Bird2);

    /// <summary>A symbol token that is not a keyword (a name being defined or referenced).</summary>
    private bool IsName(int offset = 0) => Peek(offset).Kind == TokenKind.Symbol && !IsKeyword(Peek(offset));

    private Token ExpectName()
    {
        if (!IsName()) throw SyntaxError();
        return Next();
    }

    /// <summary>A "string", or a constant holding one ("String expected" for other names).</summary>
    private string ExpectString()
    {
        var t = Peek();
        if (t.Kind == TokenKind.String) return Next().Text;
        if (t.Kind == TokenKind.Symbol && !IsKeyword(t))
        {
            Next();
            if (symbols.TryGet(t.Text, out var s) && s.Definition is ConstantDef { Value: StringLiteral value }) return value.Value;
            throw Error(t, "String expected");
        }
        throw SyntaxError();
    }

    private void ExpectSemicolon() => ExpectPunct(";");

    // ----- values shared by many statements -----

    /// <summary>BIRD's <c>bool</c>: on/off/yes/no/true/false, a number, or nothing (= on).</summary>
    private bool ParseBool()
    {
        var t = Peek();
        if (t.IsWord("on") || t.IsWord("yes") || t.IsWord("true")) { Next(); return true; }
        if (t.IsWord("off") || t.IsWord("no") || t.IsWord("false")) { Next(); return false; }
        if (t.Kind == TokenKind.Number || t.IsPunct("(") || (t.Kind == TokenKind.Symbol && !IsKeyword(t))) return ParseIntExpr() != 0;
        return true;
    }

    private bool IsConstantName(Token t) =>
        t.Kind == TokenKind.Symbol && !IsKeyword(t) && symbols.TryGet(t.Text, out var s) && s.Kind == SymbolKind.Constant;

    /// <summary>BIRD's <c>expr</c>: NUM, <c>(term)</c> evaluated now, or an int constant ("Number expected" otherwise).</summary>
    private long ParseIntExpr()
    {
        var t = Peek();
        if (t.Kind == TokenKind.Number) return Next().Number;
        if (t.IsPunct("("))
        {
            Next();
            var term = ParseTerm();
            ExpectPunct(")");
            return ConstEval.Int(term, symbols, t);
        }
        if (t.Kind == TokenKind.Symbol && !IsKeyword(t))
        {
            Next();
            if (symbols.TryGet(t.Text, out var s) && s.Definition is ConstantDef def && ConstEval.TryInt(def.Value, symbols, out var v))
                return v;
            throw Error(t, "Number expected");
        }
        throw SyntaxError();
    }

    /// <summary>An integer that must fit in <paramref name="max"/>; out-of-range values get <paramref name="message"/> at the next token.</summary>
    private long ParseIntInRange(long min, long max, string message)
    {
        var value = ParseIntExpr();
        if (value < min || value > max) throw ErrorHere(message);
        return value;
    }

    /// <summary>An IP address literal of the daemon's family (ipa in BIRD's grammar).</summary>
    private IpAddress ParseIp()
    {
        var t = Peek();
        if (t.Kind == TokenKind.Ip && (Bird2 || t.Ip.IsV6 == V6)) return Next().Ip;
        if (t.Kind == TokenKind.Symbol && !IsKeyword(t) && symbols.TryGet(t.Text, out var s) && s.Definition is ConstantDef def &&
            def.Value is IpLiteral ip && (Bird2 || ip.Value.IsV6 == V6))
        {
            Next();
            return ip.Value;
        }
        if (t.Kind == TokenKind.Symbol && !IsKeyword(t)) throw Error(t, "IP address expected");
        throw SyntaxError();
    }

    /// <summary>A router id / quad: number, dotted quad, or a constant holding one.</summary>
    private uint ParseQuad()
    {
        var t = Peek();
        if (t.Kind == TokenKind.Ip && !t.Ip.IsV6) return Next().Ip.V4Value;
        if (t.Kind == TokenKind.Number) return (uint)Next().Number;
        if (t.IsPunct("(")) return (uint)ParseIntExpr();
        if (t.Kind == TokenKind.Symbol && !IsKeyword(t))
        {
            Next();
            if (symbols.TryGet(t.Text, out var s) && s.Definition is ConstantDef def)
            {
                if (def.Value is IpLiteral { Value.IsV6: false } ip) return ip.Value.V4Value;
                if (ConstEval.TryInt(def.Value, symbols, out var v)) return (uint)v;
            }
            throw Error(t, "Number or IPv4 address constant expected");
        }
        throw SyntaxError();
    }

    /// <summary>A prefix literal <c>IP/len</c>; host bits are an error as in BIRD ("Invalid network prefix").</summary>
    private Prefix ParsePrefixLiteral()
    {
        var ipToken = Peek();
        var ip = ParseIp();
        ExpectPunct("/");
        var lenToken = Peek();
        if (lenToken.Kind != TokenKind.Number) throw SyntaxError();
        Next();
        var len = lenToken.Number;
        if (len > ip.MaxPrefixLength || Prefix.HasHostBits(ip, (int)len))
            throw Error(lenToken, $"Invalid network prefix: {ip}/{len}.");
        return new Prefix(ip, (int)len);
    }

    /// <summary>Defines a global name, as cf_define_symbol: "Symbol already defined" at the next token.</summary>
    private void DefineSymbol(Token name, SymbolKind kind, FilterNode? definition = null)
    {
        if (!symbols.TryAdd(new ConfigSymbol(name.Text, kind, name.Pos, definition)))
            throw ErrorHere("Symbol already defined");
    }
}
