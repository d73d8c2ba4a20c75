using Bgpd.Config.Filters;
using Bgpd.Config.Lexing;
using Bgpd.Config.Model;

namespace Bgpd.Config.Parsing;

internal sealed partial class Parser
{
    private readonly Dictionary<ProtocolType, int> defaultNameCounters = [];
    /// <summary>Options written explicitly per protocol/template name (defaults that depend on other options need it).</summary>
    private readonly Dictionary<string, HashSet<string>> explicitOptions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ProtocolConfig> declared = new(StringComparer.Ordinal);
    private HashSet<string> currentExplicit = [];

    private static readonly Dictionary<string, ProtocolType> ProtocolTypes = new(StringComparer.Ordinal)
    {
        ["kernel"] = ProtocolType.Kernel,
        ["device"] = ProtocolType.Device,
        ["direct"] = ProtocolType.Direct,
        ["static"] = ProtocolType.Static,
        ["bgp"] = ProtocolType.Bgp,
        ["pipe"] = ProtocolType.Pipe,
        ["bfd"] = ProtocolType.Bfd,
    };

    /// <summary>BIRD's default preference per protocol class (nest/route.h).</summary>
    public static int DefaultPreference(ProtocolType type) => type switch
    {
        ProtocolType.Direct or ProtocolType.Device => 240,
        ProtocolType.Static => 200,
        ProtocolType.Bgp => 100,
        ProtocolType.Pipe => 70,
        _ => 10,
    };

    private void ParseProtocol(bool isTemplate)
    {
        Next();
        var typeToken = Next();
        if (typeToken.Kind != TokenKind.Symbol || typeToken.Quoted || !ProtocolTypes.TryGetValue(typeToken.Text, out var type))
        {
            if (typeToken.Kind == TokenKind.Symbol && typeToken.Text is "ospf" or "rip" or "radv" or "babel" or "rpki")
                throw Error(typeToken, $"Protocol {typeToken.Text} is not supported by bgpd");
            throw SyntaxError(typeToken);
        }
        if (type == ProtocolType.Device && !isTemplate && protocols.Any(p => p.Type == ProtocolType.Device))
            throw Error(typeToken, "Kernel device protocol already defined");

        Token? nameToken = IsName() ? Next() : null;
        ProtocolConfig config;
        string? templateName = null;
        if (AcceptWord("from"))
        {
            var templateToken = Peek();
            if (templateToken.Kind != TokenKind.Symbol || IsKeyword(templateToken)) throw SyntaxError();
            Next();
            if (!declared.TryGetValue(templateToken.Text, out var template))
                throw Error(templateToken, "Template or protocol name expected");
            if (template.Type != type) throw Error(templateToken, "Can't copy configuration from a different protocol type");
            templateName = templateToken.Text;
            config = template;
            currentExplicit = [.. explicitOptions[templateName]];
        }
        else
        {
            config = NewProtocolConfig(type);
            currentExplicit = [];
        }

        string name;
        if (nameToken is null)
        {
            name = NextDefaultName(type);
            symbols.TryAdd(new ConfigSymbol(name, isTemplate ? SymbolKind.Template : SymbolKind.Protocol, typeToken.Pos));
        }
        else
        {
            name = nameToken.Value.Text;
            DefineSymbol(nameToken.Value, isTemplate ? SymbolKind.Template : SymbolKind.Protocol);
        }
        config = config with { Name = name, IsTemplate = isTemplate, Template = templateName, Pos = (nameToken ?? typeToken).Pos };
        if (!isTemplate && config.Debug == DebugFlags.None && !currentExplicit.Contains("debug")) config = config with { Debug = debugProtocols };

        ExpectPunct("{");
        config = ParseProtocolBody(config);
        var close = tokens.Last;
        if (!isTemplate) config = FinishProtocol(config, close);
        explicitOptions[name] = currentExplicit;
        declared[name] = config;
        (isTemplate ? templates : protocols).Add(config);
    }

    private string NextDefaultName(ProtocolType type)
    {
        var prefix = type.ToString().ToLowerInvariant();
        var counter = defaultNameCounters.GetValueOrDefault(type);
        while (true)
        {
            counter++;
            var candidate = prefix + counter;
            if (symbols.Find(candidate) is null)
            {
                defaultNameCounters[type] = counter;
                return candidate;
            }
        }
    }

    private ProtocolConfig NewProtocolConfig(ProtocolType type)
    {
        ProtocolConfig config = type switch
        {
            ProtocolType.Kernel => new KernelConfig { Name = "", Metric = Bird2 ? 32u : 0u },
            ProtocolType.Device => new DeviceConfig { Name = "" },
            ProtocolType.Direct => new DirectConfig { Name = "" },
            ProtocolType.Static => new StaticConfig { Name = "" },
            ProtocolType.Bgp => new BgpConfig { Name = "" },
            ProtocolType.Pipe => new PipeConfig { Name = "" },
            _ => new BfdConfig { Name = "" },
        };
        if (!Bird2 && type != ProtocolType.Bfd)
            config = config with { Channels = ValueList.Of(NewChannel(type, V6 ? NetType.Ipv6 : NetType.Ipv4, false)) };
        else if (Bird2 && type == ProtocolType.Pipe)
            config = config with { Channels = ValueList.Of(NewChannel(type, NetType.Ipv4, true)) };
        return config;
    }

    private static ChannelConfig NewChannel(ProtocolType type, NetType net, bool explicitBlock)
    {
        var bird2Pipe = explicitBlock && type == ProtocolType.Pipe;
        return new ChannelConfig
        {
            Type = net,
            Table = explicitBlock ? (net == NetType.Ipv6 ? "master6" : "master4") : "master",
            Preference = DefaultPreference(type),
            Import = new FilterAll(SourcePos.None),
            Export = bird2Pipe ? new FilterAll(SourcePos.None) : new FilterNone(SourcePos.None),
            Explicit = explicitBlock,
        };
    }

    private ProtocolConfig ParseProtocolBody(ProtocolConfig config)
    {
        var staticRoutes = config is StaticConfig inherited ? new List<StaticRoute>(inherited.Routes) : null;
        while (true)
        {
            if (AcceptPunct("}"))
                return config is StaticConfig done ? done with { Routes = staticRoutes!.ToValueList() } : config;
            if (AcceptPunct(";")) continue;
            config = TryGenericItem(config) ?? config.Type switch
            {
                ProtocolType.Bgp => ParseBgpItem((BgpConfig)config),
                ProtocolType.Kernel => ParseKernelItem((KernelConfig)config),
                ProtocolType.Device => ParseDeviceItem((DeviceConfig)config),
                ProtocolType.Direct => ParseDirectItem((DirectConfig)config),
                ProtocolType.Static => ParseStaticItem((StaticConfig)config, staticRoutes!),
                ProtocolType.Pipe => ParsePipeItem((PipeConfig)config),
                _ => ParseBfdBody((BfdConfig)config),
            };
            if (config.Type == ProtocolType.Bfd) return config;
            ExpectSemicolon();
        }
    }

    /// <summary>Protocol-level options every protocol accepts; null when the next token starts none of them.</summary>
    private ProtocolConfig? TryGenericItem(ProtocolConfig config)
    {
        var t = Peek();
        if (t.Kind != TokenKind.Symbol || t.Quoted) return null;
        switch (t.Text)
        {
            case "disabled":
                Next();
                return config with { Disabled = ParseBool() };
            case "debug":
                Next();
                currentExplicit.Add("debug");
                return config with { Debug = ParseDebugMask() };
            case "mrtdump":
                Next();
                SkipMrtdumpMask();
                return config;
            case "description":
                Next();
                return config with { Description = ExpectString() };
            case "router" when IsWord("id", 1):
                Next();
                Next();
                return config with { RouterId = Bgpd.Net.IpAddress.V4(ParseQuad()) };
            case "vrf":
                Next();
                if (!AcceptWord("default")) ExpectString();
                return config;
        }
        if (Bird2 && config.Type != ProtocolType.Pipe)
            return TryNetType(t, out var net) ? ParseChannel(config, net) : null;
        if (config.MainChannel is not { } channel) return null;
        var updated = TryChannelItem(config.Type, channel);
        return updated is null ? null : config with { Channels = ValueList.Of(updated) };
    }

    private void SkipMrtdumpMask()
    {
        if (AcceptWord("all") || AcceptWord("off")) return;
        ExpectPunct("{");
        do
        {
            if (!AcceptWord("states") && !AcceptWord("messages")) throw SyntaxError();
        } while (AcceptPunct(","));
        ExpectPunct("}");
    }

    /// <summary>Items of a channel (1.6: at protocol level): table, import, export, preference, limits, keep filtered.</summary>
    private ChannelConfig? TryChannelItem(ProtocolType type, ChannelConfig channel)
    {
        var t = Peek();
        if (t.Kind != TokenKind.Symbol || t.Quoted) return null;
        switch (t.Text)
        {
            case "preference":
                Next();
                var preference = ParseIntExpr();
                if (preference < 0 || preference > 0xFFFF) throw Error(tokens.Last, "Invalid preference");
                return channel with { Preference = (int)preference };
            case "import" when IsWord("limit", 1):
                Next(); Next();
                return channel with { ImportLimit = ParseLimit() };
            case "import" when IsWord("keep", 1):
                Next(); Next();
                ExpectWord("filtered");
                if (type == ProtocolType.Pipe) throw Error(tokens.Last, "Pipe protocol prohibits keeping filtered routes");
                return channel with { ImportKeepFiltered = ParseBool() };
            case "import":
                Next();
                return channel with { Import = ParseFilterRef() };
            case "export" when IsWord("limit", 1):
                Next(); Next();
                return channel with { ExportLimit = ParseLimit() };
            case "export":
                Next();
                return channel with { Export = ParseFilterRef() };
            case "receive" when IsWord("limit", 1):
                Next(); Next();
                if (type == ProtocolType.Pipe) throw Error(tokens.Last, "Pipe protocol does not support receive limits");
                return channel with { ReceiveLimit = ParseLimit() };
            case "table":
                Next();
                return channel with { Table = ParseTableName() };
            case "debug" when channel.Explicit:
                Next();
                return channel with { Debug = ParseDebugMask() };
        }
        return null;
    }

    /// <summary>A table name; BIRD's generic items say "Table name expected" at the name, pipe's peer table says "Routing table name expected" after it.</summary>
    private string ParseTableName(bool pipePeer = false)
    {
        var t = Peek();
        if (t.Kind == TokenKind.Symbol && !IsKeyword(t))
        {
            Next();
            if (symbols.TryGet(t.Text, out var s) && s.Kind == SymbolKind.Table) return t.Text;
            if (pipePeer && !IsPunct(";")) throw SyntaxError();
            if (pipePeer) throw ErrorHere("Routing table name expected");
            throw Error(t, "Table name expected");
        }
        throw SyntaxError();
    }

    /// <summary><c>N [action warn|block|restart|disable]</c> or <c>off</c>; BIRD's default action is disable.</summary>
    private RouteLimit? ParseLimit()
    {
        if (AcceptWord("off")) return null;
        var count = ParseIntExpr();
        var action = LimitAction.Disable;
        if (AcceptWord("action"))
        {
            var t = Next();
            action = t.Kind == TokenKind.Symbol ? t.Text switch
            {
                "warn" => LimitAction.Warn,
                "block" => LimitAction.Block,
                "restart" => LimitAction.Restart,
                "disable" => LimitAction.Disable,
                _ => throw SyntaxError(t),
            } : throw SyntaxError(t);
        }
        return new RouteLimit(count, action);
    }

    /// <summary>2.x <c>ipv4 [{ channel items }]</c>; repeating a channel type updates it. BGP's per-family options are kept on the protocol.</summary>
    private ProtocolConfig ParseChannel(ProtocolConfig config, NetType net)
    {
        Next();
        if (AcceptWord("sadr")) net = NetType.Ipv6Sadr;
        var existing = config.Channels.FirstOrDefault(c => c.Type == net);
        var channel = existing ?? NewChannel(config.Type, net, true);
        if (AcceptPunct("{"))
        {
            while (!AcceptPunct("}"))
            {
                if (AcceptPunct(";")) continue;
                if (TryChannelItem(config.Type, channel) is { } updated) channel = updated;
                else if (config is BgpConfig bgp && TryBgpChannelItem(bgp) is { } updatedBgp) config = updatedBgp;
                else throw SyntaxError();
                ExpectSemicolon();
            }
        }
        var list = config.Channels.ToList();
        if (existing is null) list.Add(channel);
        else list[list.IndexOf(existing)] = channel;
        return config with { Channels = list.ToValueList() };
    }

    private ProtocolConfig FinishProtocol(ProtocolConfig config, Token close) => config switch
    {
        BgpConfig bgp => FinishBgp(bgp, close),
        _ => config,
    };

    /// <summary>BIRD's per-protocol postconfig checks, run in protocol order after the whole file is read (reported at the end-of-file position).</summary>
    private void CheckKernelTables(Token end)
    {
        var kernelTables = new Dictionary<string, KernelConfig>(StringComparer.Ordinal);
        foreach (var protocol in protocols)
        {
            switch (protocol)
            {
                case KernelConfig kernel:
                    foreach (var channel in kernel.Channels)
                    {
                        if (kernelTables.TryGetValue(channel.Table, out var first))
                            throw Error(end, $"Kernel syncer ({first.Name}) already attached to table {channel.Table}");
                        kernelTables[channel.Table] = kernel;
                    }
                    break;
                case PipeConfig pipe:
                    if (pipe.PeerTable is null) throw Error(end, "Name of peer routing table not specified");
                    if (pipe.MainChannel is { } main && pipe.PeerTable == main.Table) throw Error(end, "Primary table and peer table must be different");
                    break;
            }
        }
        if (!Bird2 && protocols.OfType<KernelConfig>().Select(k => k.ScanTime).Distinct().Count() > 1)
            throw Error(end, "All kernel syncers must use the same table scan interval");
    }
}
