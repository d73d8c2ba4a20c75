using Bgpd.Config.Filters;
using Bgpd.Config.Lexing;
using Bgpd.Config.Model;

namespace Bgpd.Config.Parsing;

internal sealed partial class Parser
{
    internal static readonly HashSet<string> Enums16 =
    [
        "RTS_DUMMY", "RTS_STATIC", "RTS_INHERIT", "RTS_DEVICE", "RTS_STATIC_DEVICE", "RTS_REDIRECT", "RTS_RIP", "RTS_OSPF",
        "RTS_OSPF_IA", "RTS_OSPF_EXT1", "RTS_OSPF_EXT2", "RTS_BGP", "RTS_PIPE", "RTS_BABEL",
        "SCOPE_HOST", "SCOPE_LINK", "SCOPE_SITE", "SCOPE_ORGANIZATION", "SCOPE_UNIVERSE", "SCOPE_UNDEFINED",
        "RTC_UNICAST", "RTC_BROADCAST", "RTC_MULTICAST", "RTC_ANYCAST",
        "RTD_ROUTER", "RTD_DEVICE", "RTD_BLACKHOLE", "RTD_UNREACHABLE", "RTD_PROHIBIT", "RTD_MULTIPATH", "RTD_NONE",
        "ROA_UNKNOWN", "ROA_VALID", "ROA_INVALID", "ORIGIN_IGP", "ORIGIN_EGP", "ORIGIN_INCOMPLETE",
    ];

    internal static readonly HashSet<string> Enums2 =
    [
        "RTS_DUMMY", "RTS_STATIC", "RTS_INHERIT", "RTS_DEVICE", "RTS_STATIC_DEVICE", "RTS_REDIRECT", "RTS_RIP", "RTS_OSPF",
        "RTS_OSPF_IA", "RTS_OSPF_EXT1", "RTS_OSPF_EXT2", "RTS_BGP", "RTS_PIPE", "RTS_BABEL", "RTS_RPKI", "RTS_PERF",
        "RTS_L3VPN", "RTS_AGGREGATED",
        "SCOPE_HOST", "SCOPE_LINK", "SCOPE_SITE", "SCOPE_ORGANIZATION", "SCOPE_UNIVERSE", "SCOPE_UNDEFINED",
        "RTD_NONE", "RTD_UNICAST", "RTD_BLACKHOLE", "RTD_UNREACHABLE", "RTD_PROHIBIT",
        "ROA_UNKNOWN", "ROA_VALID", "ROA_INVALID", "ORIGIN_IGP", "ORIGIN_EGP", "ORIGIN_INCOMPLETE",
        "NET_IP4", "NET_IP6", "NET_VPN4", "NET_VPN6", "NET_ROA4", "NET_ROA6", "NET_FLOW4", "NET_FLOW6", "NET_IP6_SADR", "NET_MPLS",
        "MPLS_POLICY_NONE", "MPLS_POLICY_STATIC", "MPLS_POLICY_PREFIX", "MPLS_POLICY_AGGREGATE", "MPLS_POLICY_VRF",
        "AF_IPV4", "AF_IPV6",
    ];

    private bool IsEnumName(Token t) => t.Kind == TokenKind.Symbol && !t.Quoted && (Bird2 ? Enums2 : Enums16).Contains(t.Text);

    private static readonly HashSet<string> Methods =
    [
        "ip", "len", "mask", "first", "last", "last_nonaggregated", "asn", "data", "data1", "data2", "type", "is_v4",
        "maxlen", "min", "max", "src", "dst", "rd", "empty", "add", "delete", "filter", "prepend", "contains",
    ];

    private bool IsAttributeName(Token t) =>
        t.Kind == TokenKind.Symbol && !t.Quoted && (Attributes.Kind(t.Text, Bird2) is not null ||
        (Bird2 && symbols.TryGet(t.Text, out var s) && s.Kind == SymbolKind.Attribute && !IsVariable(t.Text)));

    private AttributeRef ParseAttributeRef()
    {
        var t = Next();
        if (t.IsWord("preference")) return new AttributeRef(t.Pos, "preference", AttributeKind.Static);
        var kind = Attributes.Kind(t.Text, Bird2) ?? AttributeKind.Custom;
        return new AttributeRef(t.Pos, t.Text, kind);
    }

    /// <summary>BIRD's <c>term</c>: <c>&amp;&amp;</c>/<c>||</c> loosest (same level, left), then comparisons (non-associative), + -, * /, unary !, then <c>.method</c>.</summary>
    internal FilterExpr ParseTerm()
    {
        var left = ParseComparison();
        while (true)
        {
            BinaryOp op;
            if (IsPunct("&&")) op = BinaryOp.And;
            else if (IsPunct("||")) op = BinaryOp.Or;
            else return left;
            Next();
            left = new BinaryExpr(left.Pos, op, left, ParseComparison());
        }
    }

    private FilterExpr ParseComparison()
    {
        var left = ParseAdditive();
        BinaryOp? op = Peek() switch
        {
            { Kind: TokenKind.Punct, Text: "=" } => BinaryOp.Eq,
            { Kind: TokenKind.Punct, Text: "!=" } => BinaryOp.Ne,
            { Kind: TokenKind.Punct, Text: "<" } => BinaryOp.Lt,
            { Kind: TokenKind.Punct, Text: "<=" } => BinaryOp.Le,
            { Kind: TokenKind.Punct, Text: ">" } => BinaryOp.Gt,
            { Kind: TokenKind.Punct, Text: ">=" } => BinaryOp.Ge,
            { Kind: TokenKind.Punct, Text: "~" } => BinaryOp.Match,
            { Kind: TokenKind.Punct, Text: "!~" } => BinaryOp.NotMatch,
            _ => null,
        };
        if (op is null) return left;
        Next();
        return new BinaryExpr(left.Pos, op.Value, left, ParseAdditive());
    }

    private FilterExpr ParseAdditive()
    {
        var left = ParseMultiplicative();
        while (IsPunct("+") || IsPunct("-"))
        {
            var op = Next().Text == "+" ? BinaryOp.Add : BinaryOp.Sub;
            left = new BinaryExpr(left.Pos, op, left, ParseMultiplicative());
        }
        return left;
    }

    private FilterExpr ParseMultiplicative()
    {
        var left = ParseUnary();
        while (IsPunct("*") || IsPunct("/"))
        {
            var op = Next().Text == "*" ? BinaryOp.Mul : BinaryOp.Div;
            left = new BinaryExpr(left.Pos, op, left, ParseUnary());
        }
        return left;
    }

    private FilterExpr ParseUnary()
    {
        if (IsPunct("!"))
        {
            var bang = Next();
            return new UnaryExpr(bang.Pos, UnaryOp.Not, ParseUnary());
        }
        return ParsePostfix(ParsePrimary());
    }

    private FilterExpr ParsePostfix(FilterExpr expr)
    {
        while (IsPunct(".") && Peek(1).Kind == TokenKind.Symbol && Methods.Contains(Peek(1).Text))
        {
            if (!Bird2 && Peek(1).Text is "add" or "delete" or "filter" or "prepend" or "empty") return expr;
            Next();
            var name = Next().Text;
            var args = ValueList<FilterExpr>.Empty;
            var parens = false;
            if (name is "mask" or "add" or "delete" or "filter" or "prepend" or "contains" || (Bird2 && IsPunct("(")))
            {
                ExpectPunct("(");
                args = IsPunct(")") ? ValueList<FilterExpr>.Empty : ParseArgList();
                ExpectPunct(")");
                parens = true;
            }
            expr = new MethodCall(expr.Pos, expr, name, args, parens);
        }
        if (IsPunct(".") && !(Peek(1).Kind == TokenKind.Symbol && Methods.Contains(Peek(1).Text)))
        {
            Next();
            throw SyntaxError();
        }
        return expr;
    }

    private ValueList<FilterExpr> ParseArgList()
    {
        var args = new List<FilterExpr>();
        do args.Add(ParseTerm()); while (AcceptPunct(","));
        return args.ToValueList();
    }

    /// <summary><c>( [args] )</c>.</summary>
    private ValueList<FilterExpr> ParseArgs()
    {
        ExpectPunct("(");
        if (AcceptPunct(")")) return ValueList<FilterExpr>.Empty;
        var args = ParseArgList();
        ExpectPunct(")");
        return args;
    }

    private FunctionCall ParseFunctionCall()
    {
        var name = Next();
        var args = ParseArgs();
        var close = tokens.Last;
        if (!symbols.TryGet(name.Text, out var s) || s.Kind != SymbolKind.Function || IsVariable(name.Text))
            throw Error(close, "You can't call something which is not a function. Really.");
        if (s.Definition is FunctionDef def && def.Parameters.Count != args.Count)
            throw Error(close, $"Wrong number of arguments for function {name.Text}.");
        return new FunctionCall(name.Pos, name.Text, args);
    }

    private FilterExpr ParsePrimary()
    {
        var t = Peek();
        switch (t.Kind)
        {
            case TokenKind.Number:
                Next();
                return new IntLiteral(t.Pos, t.Number);
            case TokenKind.String:
                Next();
                return new StringLiteral(t.Pos, t.Text);
            case TokenKind.Rd:
                Next();
                if (Peek().Kind == TokenKind.Ip && IsPunct("/", 1)) return new VpnPrefixLiteral(t.Pos, t.Rd, ParsePrefixLiteral());
                return new RdLiteral(t.Pos, t.Rd, t.Text);
            case TokenKind.Ip:
                if (IsPunct("/", 1))
                {
                    var prefix = ParsePrefixLiteral();
                    if (!Bird2 || !AcceptWord("max")) return new PrefixLiteral(t.Pos, prefix);
                    var maxLength = ParseIntExpr();
                    ExpectWord("as");
                    return new RoaLiteral(t.Pos, prefix, (int)maxLength, ParseIntExpr());
                }
                Next();
                return new IpLiteral(t.Pos, t.Ip);
            case TokenKind.Punct:
                return ParsePunctPrimary(t);
            case TokenKind.Symbol:
                return ParseSymbolPrimary(t);
        }
        throw SyntaxError();
    }

    private FilterExpr ParsePunctPrimary(Token t)
    {
        switch (t.Text)
        {
            case "(":
                return ParseParenthesized();
            case "[":
                return ParseSetLiteral();
            case "[=":
                return ParsePathMask();
            case "/" when !Bird2:
                return ParseOldPathMask();
            case "+":
                Next();
                ExpectWord("empty");
                ExpectPunct("+");
                return new EmptyLiteral(t.Pos, EmptyKind.Path);
            case "-":
                return ParseEmptyList(t);
        }
        throw SyntaxError();
    }

    /// <summary><c>-empty-</c>, <c>--empty--</c>, <c>---empty---</c>, read token by token as BIRD's grammar does.</summary>
    private FilterExpr ParseEmptyList(Token start)
    {
        ExpectPunct("-");
        var dashes = 1;
        while (dashes < 3 && AcceptPunct("-")) dashes++;
        ExpectWord("empty");
        for (var i = 0; i < dashes; i++) ExpectPunct("-");
        return new EmptyLiteral(start.Pos, dashes switch { 1 => EmptyKind.Clist, 2 => EmptyKind.Eclist, _ => EmptyKind.Lclist });
    }

    /// <summary><c>(term)</c>, pair <c>(a,b)</c>, ec <c>(rt, a, b)</c>, lc <c>(a, b, c)</c>.</summary>
    private FilterExpr ParseParenthesized()
    {
        var open = ExpectPunct("(");
        if (TryEcKind(out var kind, out var unknownType))
        {
            ExpectPunct(",");
            var asn = ParseTerm();
            ExpectPunct(",");
            var value = ParseTerm();
            ExpectPunct(")");
            return new EcExpr(open.Pos, kind, unknownType, asn, value);
        }
        var first = ParseTerm();
        if (AcceptPunct(")")) return first;
        ExpectPunct(",");
        var second = ParseTerm();
        if (AcceptPunct(")"))
        {
            CheckConstantPair(first, second);
            return new PairExpr(open.Pos, first, second);
        }
        ExpectPunct(",");
        var third = ParseTerm();
        ExpectPunct(")");
        return new LcExpr(open.Pos, first, second, third);
    }

    /// <summary>BIRD folds a pair of simple constants at parse time: both must be ints below 65536.</summary>
    private void CheckConstantPair(FilterExpr first, FilterExpr second)
    {
        static bool Simple(FilterExpr e) => e is IntLiteral or BoolLiteral or StringLiteral or EnumLiteral;
        if (!Simple(first) || !Simple(second)) return;
        if (first is not IntLiteral a || second is not IntLiteral b)
            throw Error(tokens.Last, "Can't operate with value of non-integer type in pair constructor");
        foreach (var value in new[] { a.Value, b.Value })
            if (value > 0xFFFF) throw Error(tokens.Last, $"Value {value} out of range (0-65535)");
    }

    private bool TryEcKind(out EcKind kind, out long unknownType)
    {
        kind = EcKind.Rt;
        unknownType = 0;
        var t = Peek();
        if (t.Kind != TokenKind.Symbol || t.Quoted) return false;
        switch (t.Text)
        {
            case "rt": Next(); kind = EcKind.Rt; return true;
            case "ro": Next(); kind = EcKind.Ro; return true;
            case "generic": Next(); kind = EcKind.Generic; return true;
            case "unknown" when Peek(1).Kind == TokenKind.Number:
                Next();
                kind = EcKind.Unknown;
                unknownType = Next().Number;
                return true;
        }
        return false;
    }

    private FilterExpr ParseSymbolPrimary(Token t)
    {
        if (!t.Quoted)
        {
            switch (t.Text)
            {
                case "true": Next(); return new BoolLiteral(t.Pos, true);
                case "false": Next(); return new BoolLiteral(t.Pos, false);
                case "defined":
                    Next();
                    ExpectPunct("(");
                    var operand = ParseTerm();
                    ExpectPunct(")");
                    return new DefinedExpr(t.Pos, operand);
                case "prepend": return ParseBuiltin(BuiltinFunction.Prepend, 2);
                case "add": return ParseBuiltin(BuiltinFunction.Add, 2);
                case "delete": return ParseBuiltin(BuiltinFunction.Delete, 2);
                case "filter": return ParseBuiltin(BuiltinFunction.Filter, 2);
                case "format" when Bird2: return ParseBuiltin(BuiltinFunction.Format, 1);
                case "from_hex" when Bird2: return ParseBuiltin(BuiltinFunction.FromHex, 1);
                case "roa_check": return ParseRoaCheck();
            }
            if (IsEnumName(t))
            {
                Next();
                return new EnumLiteral(t.Pos, t.Text);
            }
            if (Bird2 && (t.Text is "flow4" or "flow6") && IsPunct("{", 1))
            {
                Next();
                var body = SkipBalancedBlock();
                return new FlowLiteral(t.Pos, t.Text == "flow6", string.Join(' ', body.Select(b => b.Text)));
            }
            if (t.Text == "preference" || IsAttributeName(t)) return ParseAttributeRef();
            if (IsKeyword(t)) throw SyntaxError();
        }
        if (IsPunct("(", 1)) return ParseFunctionCall();
        Next();
        if (IsVariable(t.Text)) return new SymbolRef(t.Pos, t.Text);
        if (symbols.TryGet(t.Text, out var s))
        {
            if (s.Kind == SymbolKind.Constant) return new SymbolRef(t.Pos, t.Text);
            if (s.Kind == SymbolKind.Attribute) return new AttributeRef(t.Pos, t.Text, AttributeKind.Custom);
        }
        throw Error(Peek(), $"{t.Text}: variable expected.");
    }

    private FilterExpr ParseBuiltin(BuiltinFunction function, int arity)
    {
        var start = Next();
        ExpectPunct("(");
        var args = new List<FilterExpr>();
        for (var i = 0; i < arity; i++)
        {
            if (i > 0) ExpectPunct(",");
            args.Add(ParseTerm());
        }
        ExpectPunct(")");
        return new BuiltinCall(start.Pos, function, args.ToValueList());
    }

    private FilterExpr ParseRoaCheck()
    {
        var start = Next();
        ExpectPunct("(");
        var table = ExpectName();
        if (!symbols.TryGet(table.Text, out var s) || s.Kind != SymbolKind.Table) throw Error(table, "Table name expected");
        var args = new List<FilterExpr> { new SymbolRef(table.Pos, table.Text) };
        if (AcceptPunct(","))
        {
            args.Add(ParseTerm());
            ExpectPunct(",");
            args.Add(ParseTerm());
        }
        ExpectPunct(")");
        return new BuiltinCall(start.Pos, BuiltinFunction.RoaCheck, args.ToValueList());
    }
}
