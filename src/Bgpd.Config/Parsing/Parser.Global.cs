using Bgpd.Config.Filters;
using Bgpd.Config.Lexing;
using Bgpd.Config.Model;
using Bgpd.Net;

namespace Bgpd.Config.Parsing;

internal sealed partial class Parser
{
    private IpAddress? routerId;
    private RouterIdFrom? routerIdFrom;
    private ListenBgp? listen;
    private readonly List<LogTarget> logs = [];
    private DebugFlags debugProtocols;
    private int debugCommands;
    private TimeFormats? timeFormats;
    private int gracefulRestartWait = 240;
    private readonly List<TableConfig> tables = [];
    private readonly List<ConstantDef> defines = [];
    private readonly List<FilterDef> filters = [];
    private readonly List<FunctionDef> functions = [];
    private readonly List<AttributeDef> attributes = [];
    private readonly List<ProtocolConfig> templates = [];
    private readonly List<ProtocolConfig> protocols = [];
    private readonly List<FilterExpr> evals = [];
    private readonly List<BtTest> tests = [];
    private readonly List<string> warnings = [];

    /// <summary>Parses the whole file and runs BIRD's end-of-config checks.</summary>
    public BirdConfig ParseConfig(string fileName)
    {
        AddImplicitTables();
        while (Peek().Kind != TokenKind.Eof) ParseTopLevel();
        var end = Peek();
        CheckKernelTables(end);
        if (protocols.Count == 0) throw Error(end, "No protocol is specified in the config file");
        return new BirdConfig
        {
            Dialect = dialect,
            FileName = fileName,
            RouterId = routerId,
            RouterIdFrom = routerIdFrom,
            Listen = listen,
            Logs = logs.ToValueList(),
            DebugProtocols = debugProtocols,
            DebugCommands = debugCommands,
            TimeFormats = timeFormats ?? (Bird2 ? TimeFormats.Bird2 : TimeFormats.Bird16),
            GracefulRestartWait = gracefulRestartWait,
            Tables = tables.ToValueList(),
            Defines = defines.ToValueList(),
            Filters = filters.ToValueList(),
            Functions = functions.ToValueList(),
            Attributes = attributes.ToValueList(),
            Templates = templates.ToValueList(),
            Protocols = protocols.ToValueList(),
            Evals = evals.ToValueList(),
            Tests = tests.ToValueList(),
            Warnings = warnings.ToValueList(),
            Symbols = symbols.Clone(),
        };
    }

    private void AddImplicitTables()
    {
        if (Bird2)
        {
            AddTable(new TableConfig("master4", NetType.Ipv4, false, true), SourcePos.None);
            AddTable(new TableConfig("master6", NetType.Ipv6, false, true), SourcePos.None);
        }
        else
        {
            AddTable(new TableConfig("master", V6 ? NetType.Ipv6 : NetType.Ipv4, false, true), SourcePos.None);
        }
    }

    private void AddTable(TableConfig table, SourcePos pos)
    {
        if (symbols.TryAdd(new ConfigSymbol(table.Name, SymbolKind.Table, pos))) tables.Add(table);
    }

    private void ParseTopLevel()
    {
        var t = Peek();
        if (t.IsPunct(";")) { Next(); return; }
        if (t.Kind != TokenKind.Symbol || t.Quoted) throw SyntaxError();
        switch (t.Text)
        {
            case "router": ParseRouterId(); return;
            case "listen" when !Bird2: ParseListen(); return;
            case "graceful": ParseGracefulRestartWait(); return;
            case "log": ParseLog(); return;
            case "debug": ParseGlobalDebug(); return;
            case "mrtdump": ParseMrtdump(); return;
            case "timeformat": ParseTimeformat(); return;
            case "table" when !Bird2: ParseTable(V6 ? NetType.Ipv6 : NetType.Ipv4); return;
            case "roa" when !Bird2: ParseRoaTable(); return;
            case "define": ParseDefine(); return;
            case "filter": ParseFilterDefinition(); return;
            case "function": ParseFunctionDefinition(); return;
            case "eval": Next(); evals.Add(ParseTerm()); return;
            case "protocol": ParseProtocol(isTemplate: false); return;
            case "template": ParseProtocol(isTemplate: true); return;
        }
        if (Bird2)
        {
            switch (t.Text)
            {
                case "attribute": ParseAttributeDeclaration(); return;
                case "hostname": Next(); ExpectString(); ExpectSemicolon(); return;
                case "bt_test_suite": ParseBtTestSuite(); return;
                case "bt_test_same": ParseBtTestSame(); return;
            }
            if (TryNetType(t, out var type) && IsWord("table", 1))
            {
                Next();
                ParseTable(type);
                return;
            }
        }
        throw SyntaxError();
    }

    private void ParseRouterId()
    {
        ExpectWord("router");
        ExpectWord("id");
        if (AcceptWord("from"))
        {
            routerIdFrom = new RouterIdFrom(ParseInterfacePatterns());
            ExpectSemicolon();
            return;
        }
        routerId = IpAddress.V4(ParseQuad());
        ExpectSemicolon();
    }

    private void ParseListen()
    {
        ExpectWord("listen");
        ExpectWord("bgp");
        IpAddress? address = null;
        int port = 179;
        bool v6Only = false, dual = false;
        while (!IsPunct(";"))
        {
            if (AcceptWord("address")) address = ParseIp();
            else if (AcceptWord("port")) port = (int)ParseIntExpr();
            else if (AcceptWord("v6only")) v6Only = true;
            else if (AcceptWord("dual")) dual = true;
            else throw SyntaxError();
        }
        ExpectSemicolon();
        listen = new ListenBgp(address, port, v6Only, dual);
    }

    private void ParseGracefulRestartWait()
    {
        ExpectWord("graceful");
        ExpectWord("restart");
        ExpectWord("wait");
        gracefulRestartWait = (int)ParseIntExpr();
        ExpectSemicolon();
    }

    private void ParseLog()
    {
        ExpectWord("log");
        LogTarget target;
        if (Peek().Kind == TokenKind.String)
        {
            var file = Next().Text;
            long size = 0;
            string? backup = null;
            if (Bird2 && (Peek().Kind == TokenKind.Number || IsPunct("(")))
            {
                size = ParseIntExpr();
                backup = ExpectString();
            }
            target = new LogTarget(LogTargetKind.File, file, LogClasses.All, size, backup);
        }
        else if (AcceptWord("syslog"))
        {
            string? name = null;
            if (AcceptWord("name")) name = ExpectString();
            target = new LogTarget(LogTargetKind.Syslog, name, LogClasses.All);
        }
        else if (AcceptWord("stderr"))
        {
            target = new LogTarget(LogTargetKind.Stderr, null, LogClasses.All);
        }
        else if (IsName())
        {
            var name = Next();
            if (!(symbols.TryGet(name.Text, out var s) && s.Definition is ConstantDef { Value: StringLiteral file })) throw Error(name, "String expected");
            target = new LogTarget(LogTargetKind.File, file.Value, LogClasses.All);
        }
        else
        {
            throw SyntaxError();
        }
        target = target with { Classes = ParseLogClasses() };
        ExpectSemicolon();
        logs.Add(target);
    }

    private LogClasses ParseLogClasses()
    {
        if (AcceptWord("all")) return LogClasses.All;
        ExpectPunct("{");
        var classes = LogClasses.None;
        do
        {
            var t = Next();
            classes |= t.Kind == TokenKind.Symbol && !t.Quoted ? t.Text switch
            {
                "debug" => LogClasses.Debug,
                "trace" => LogClasses.Trace,
                "info" => LogClasses.Info,
                "remote" => LogClasses.Remote,
                "warning" => LogClasses.Warning,
                "error" => LogClasses.Error,
                "auth" => LogClasses.Auth,
                "fatal" => LogClasses.Fatal,
                "bug" => LogClasses.Bug,
                _ => throw SyntaxError(t),
            } : throw SyntaxError(t);
        } while (AcceptPunct(","));
        ExpectPunct("}");
        return classes;
    }

    private void ParseGlobalDebug()
    {
        ExpectWord("debug");
        if (AcceptWord("protocols")) debugProtocols = ParseDebugMask();
        else if (Bird2 && (AcceptWord("channels") || AcceptWord("tables"))) ParseDebugMask();
        else if (AcceptWord("commands")) debugCommands = (int)ParseIntExpr();
        else if (AcceptWord("latency"))
        {
            if (AcceptWord("limit")) ParseTimeValue();
            else ParseBool();
            ExpectSemicolon();
        }
        else throw SyntaxError();
        // BIRD's debug rules end without ';' (a following ';' is an empty statement).
    }

    /// <summary><c>all | off | { states, routes, filters, interfaces, events, packets }</c>.</summary>
    private DebugFlags ParseDebugMask()
    {
        if (AcceptWord("all")) return DebugFlags.All;
        if (AcceptWord("off")) return DebugFlags.None;
        ExpectPunct("{");
        var flags = DebugFlags.None;
        do
        {
            var t = Next();
            flags |= t.Kind == TokenKind.Symbol && !t.Quoted ? t.Text switch
            {
                "states" => DebugFlags.States,
                "routes" => DebugFlags.Routes,
                "filters" => DebugFlags.Filters,
                "interfaces" => DebugFlags.Interfaces,
                "events" => DebugFlags.Events,
                "packets" => DebugFlags.Packets,
                _ => throw SyntaxError(t),
            } : throw SyntaxError(t);
        } while (AcceptPunct(","));
        ExpectPunct("}");
        return flags;
    }

    /// <summary>A time with an optional unit (<c>s</c>, <c>ms</c>, <c>us</c>); returns microseconds.</summary>
    private long ParseTimeValue()
    {
        var value = ParseIntExpr();
        if (AcceptWord("s")) return value * 1_000_000;
        if (AcceptWord("ms")) return value * 1000;
        AcceptWord("us");
        return value;
    }

    private void ParseMrtdump()
    {
        ExpectWord("mrtdump");
        if (Peek().Kind == TokenKind.String) Next();
        else if (AcceptWord("protocols"))
        {
            if (!AcceptWord("all") && !AcceptWord("off"))
            {
                ExpectPunct("{");
                do
                {
                    if (!AcceptWord("states") && !AcceptWord("messages")) throw SyntaxError();
                } while (AcceptPunct(","));
                ExpectPunct("}");
            }
        }
        else throw SyntaxError();
        ExpectSemicolon();
    }

    private void ParseTimeformat()
    {
        ExpectWord("timeformat");
        var which = Next();
        if (!(which.IsWord("route") || which.IsWord("protocol") || which.IsWord("base") || which.IsWord("log"))) throw SyntaxError(which);
        TimeFormat format;
        if (AcceptWord("iso"))
        {
            var isLong = AcceptWord("long");
            if (!isLong) ExpectWordEither("short");
            var fraction = Bird2 ? (AcceptWord("ms") ? ".%3f" : AcceptWord("us") ? ".%6f" : "") : "";
            format = new TimeFormat(isLong ? "%F %T" + fraction : "%T" + fraction, null, 0);
        }
        else
        {
            var first = ExpectString();
            if (IsPunct(";")) format = new TimeFormat(first, null, 0);
            else
            {
                var limit = ParseIntExpr();
                format = new TimeFormat(first, ExpectString(), limit);
            }
        }
        ExpectSemicolon();
        var current = timeFormats ?? (Bird2 ? TimeFormats.Bird2 : TimeFormats.Bird16);
        timeFormats = which.Text switch
        {
            "route" => current with { Route = format },
            "protocol" => current with { Protocol = format },
            "base" => current with { Base = format },
            _ => current with { Log = format },
        };
    }

    private void ExpectWordEither(string word) => ExpectWord(word);

    private void ParseTable(NetType type)
    {
        ExpectWord("table");
        var name = ExpectName();
        var sorted = AcceptWord("sorted");
        if (Bird2 && IsPunct("{")) SkipBalancedBlock();
        if (symbols.Find(name.Text) is not null) throw ErrorHere("Symbol already defined");
        AddTable(new TableConfig(name.Text, type, sorted, false), name.Pos);
        // BIRD's table rule has no ';' of its own (a following ';' is an empty statement).
    }

    private void ParseRoaTable()
    {
        ExpectWord("roa");
        ExpectWord("table");
        var name = ExpectName();
        if (symbols.Find(name.Text) is not null) throw ErrorHere("Symbol already defined");
        symbols.TryAdd(new ConfigSymbol(name.Text, SymbolKind.Table, name.Pos));
        if (AcceptPunct("{"))
        {
            while (!AcceptPunct("}"))
            {
                ExpectWord("roa");
                ParsePrefixLiteral();
                ExpectWord("max");
                ParseIntExpr();
                ExpectWord("as");
                ParseIntExpr();
                ExpectSemicolon();
            }
        }
    }

    /// <summary>Skips a <c>{ ... }</c> block this parser keeps no model for (2.x table options).</summary>
    private List<Token> SkipBalancedBlock()
    {
        var body = new List<Token>();
        ExpectPunct("{");
        var depth = 1;
        while (depth > 0)
        {
            var t = Next();
            if (t.Kind == TokenKind.Eof) throw SyntaxError(t);
            if (t.IsPunct("{")) depth++;
            else if (t.IsPunct("}")) depth--;
            if (depth > 0) body.Add(t);
        }
        return body;
    }

    private void ParseDefine()
    {
        var start = ExpectWord("define");
        var name = ExpectName();
        ExpectPunct("=");
        var value = ParseTerm();
        ExpectSemicolon();
        var def = new ConstantDef(start.Pos, name.Text, value);
        if (!symbols.TryAdd(new ConfigSymbol(name.Text, SymbolKind.Constant, name.Pos, def)))
            throw Error(tokens.Last, "Symbol already defined");
        defines.Add(def);
    }

    private void ParseAttributeDeclaration()
    {
        var start = ExpectWord("attribute");
        var type = ParseType();
        var name = ExpectName();
        var def = new AttributeDef(start.Pos, type, name.Text);
        DefineSymbol(name, SymbolKind.Attribute, def);
        ExpectSemicolon();
        attributes.Add(def);
    }

    private void ParseBtTestSuite()
    {
        var start = ExpectWord("bt_test_suite");
        ExpectPunct("(");
        var function = ExpectFunctionName();
        ExpectPunct(",");
        var description = ExpectString();
        ExpectPunct(")");
        ExpectSemicolon();
        tests.Add(new BtTest(start.Pos, function, description));
    }

    private void ParseBtTestSame()
    {
        var start = ExpectWord("bt_test_same");
        ExpectPunct("(");
        var first = ExpectFunctionName();
        ExpectPunct(",");
        var second = ExpectFunctionName();
        ExpectPunct(",");
        var expected = (int)ParseIntExpr();
        ExpectPunct(")");
        ExpectSemicolon();
        tests.Add(new BtTest(start.Pos, first, null, second, expected));
    }

    private string ExpectFunctionName()
    {
        var t = ExpectName();
        if (!symbols.TryGet(t.Text, out var s) || s.Kind != SymbolKind.Function) throw Error(t, "Function name expected");
        return t.Text;
    }

    private static bool TryNetType(Token t, out NetType type)
    {
        type = default;
        if (t.Kind != TokenKind.Symbol || t.Quoted) return false;
        switch (t.Text)
        {
            case "ipv4": type = NetType.Ipv4; return true;
            case "ipv6": type = NetType.Ipv6; return true;
            case "vpn4": type = NetType.Vpn4; return true;
            case "vpn6": type = NetType.Vpn6; return true;
            case "roa4": type = NetType.Roa4; return true;
            case "roa6": type = NetType.Roa6; return true;
            case "flow4": type = NetType.Flow4; return true;
            case "flow6": type = NetType.Flow6; return true;
            case "mpls": type = NetType.Mpls; return true;
            default: return false;
        }
    }

    /// <summary>BIRD's <c>prefix_or_ipa</c>: a prefix, or an address meaning its host prefix.</summary>
    private Prefix ParsePrefixOrIp()
    {
        if (IsPunct("/", 1) || IsPunct(":", 1)) return ParseConfigPrefix();
        return Prefix.Host(ParseIp());
    }

    /// <summary><c>[-]"pattern" [prefix], ...</c> as used by direct's <c>interface</c> and <c>router id from</c>.</summary>
    private ValueList<InterfacePattern> ParseInterfacePatterns()
    {
        // After a pattern, a symbol is read as an address (BIRD: "IP address expected").
        var patterns = new List<InterfacePattern>();
        do
        {
            var negated = AcceptPunct("-");
            string pattern = "*";
            Prefix? prefix = null;
            if (Peek().Kind == TokenKind.String)
            {
                pattern = Next().Text;
                if (Peek().Kind == TokenKind.Ip || IsName()) prefix = ParsePrefixOrIp();
            }
            else if (Peek().Kind == TokenKind.Ip || IsName())
            {
                prefix = ParsePrefixOrIp();
            }
            else throw SyntaxError();
            patterns.Add(new InterfacePattern(pattern, negated, prefix));
        } while (AcceptPunct(","));
        return patterns.ToValueList();
    }
}
