using Bgpd.Net;

namespace Bgpd.Control;

/// <summary>What the parser needs to know about configured names (BIRD checks some of them while parsing).</summary>
public enum CliSymbolKind { Protocol, Template, Table, Filter, Function, Constant }

/// <summary>
/// Parses one control-socket line into a <see cref="CliCommand"/>, following BIRD 1.6's CLI grammar:
/// full keywords only, case-sensitive, <c>9001 syntax error</c> for anything else.
/// </summary>
public sealed class CliParser(Func<string, CliSymbolKind?> lookup)
{
    const string SyntaxError = "syntax error";

    public CliCommand Parse(string line)
    {
        var cursor = new Cursor(line, CliLexer.Tokenize(line));
        try
        {
            var command = ParseCommand(cursor);
            return command;
        }
        catch (CliSyntaxException e)
        {
            return new ParseErrorCommand(9001, e.Message);
        }
    }

    CliCommand ParseCommand(Cursor c)
    {
        var head = c.Next();
        if (head.Kind != CliTokenKind.Word) throw new CliSyntaxException(SyntaxError);
        CliCommand result = head.Value switch
        {
            "show" => ParseShow(c),
            "configure" => ParseConfigure(c),
            "enable" => ParseAction(c, ProtocolAction.Enable),
            "disable" => ParseAction(c, ProtocolAction.Disable),
            "restart" => ParseAction(c, ProtocolAction.Restart),
            "reload" => ParseReload(c),
            "debug" => ParseDebug(c),
            "down" => new DownCommand(),
            "restrict" => new RestrictCommand(),
            "echo" => ParseEcho(c),
            "eval" => ParseEval(c),
            _ => throw new CliSyntaxException(SyntaxError),
        };
        if (result is EvalCommand or ShowRouteCommand) return result;
        c.ExpectEnd();
        return result;
    }

    CliCommand ParseShow(Cursor c)
    {
        var what = c.Next();
        switch (what.Kind == CliTokenKind.Word ? what.Value : "")
        {
            case "status": return new ShowStatusCommand();
            case "version": return new ShowVersionCommand();
            case "memory": return new ShowMemoryCommand();
            case "interfaces":
                return new ShowInterfacesCommand(c.Accept("summary"));
            case "protocols":
                {
                    var all = c.Accept("all");
                    var selector = c.Peek.Kind == CliTokenKind.End ? null : ParseSelector(c, allowAll: false);
                    return new ShowProtocolsCommand(all, selector);
                }
            case "static":
                return new ShowStaticCommand(c.Peek.Kind == CliTokenKind.Word ? c.Next().Value : null);
            case "symbols":
                {
                    if (c.Peek.Kind != CliTokenKind.Word) return new ShowSymbolsCommand(null, null);
                    var word = c.Next().Value;
                    return word is "table" or "filter" or "function" or "protocol" or "template" or "roa"
                        ? new ShowSymbolsCommand(word, null)
                        : new ShowSymbolsCommand(null, word);
                }
            case "route": return new ShowRouteCommand(ParseRouteArgs(c));
            default: throw new CliSyntaxException(SyntaxError);
        }
    }

    RouteQuery ParseRouteArgs(Cursor c)
    {
        var q = new RouteQuery();
        while (c.Peek.Kind != CliTokenKind.End)
        {
            var t = c.Next();
            if (t.Kind is CliTokenKind.Address or CliTokenKind.Prefix)
            {
                q = q with { Prefix = ToPrefix(t) };
                continue;
            }
            if (t.Kind != CliTokenKind.Word) throw new CliSyntaxException(SyntaxError);
            switch (t.Value)
            {
                case "all": q = q with { Verbose = true }; break;
                case "primary": q = q with { PrimaryOnly = true }; break;
                case "filtered": q = q with { Filtered = true }; break;
                case "count": q = q with { Count = true }; break;
                case "stats": q = q with { Stats = true }; break;
                case "for":
                    {
                        var target = c.Next();
                        if (target.Kind is not (CliTokenKind.Address or CliTokenKind.Prefix)) throw IpExpected(target);
                        q = q with { Prefix = ToPrefix(target), LongestMatch = true };
                        break;
                    }
                case "table":
                    {
                        var name = ExpectSymbol(c);
                        if (lookup(name) != CliSymbolKind.Table) throw new CliSyntaxException($"{name} is not a table");
                        q = q with { Table = name };
                        break;
                    }
                case "protocol":
                    q = q with { Protocol = ExpectProtocol(c) };
                    break;
                case "export": q = q with { ExportProtocol = ExpectProtocol(c), ExportMode = ExportMode.Export }; break;
                case "preexport": q = q with { ExportProtocol = ExpectProtocol(c), ExportMode = ExportMode.PreExport }; break;
                case "noexport": q = q with { ExportProtocol = ExpectProtocol(c), ExportMode = ExportMode.NoExport }; break;
                case "filter":
                    if (c.Peek.Kind == CliTokenKind.Punct && c.Peek.Value == "{")
                    {
                        q = q with { InlineFilter = c.TakeBalancedBraces() };
                    }
                    else
                    {
                        var name = ExpectSymbol(c);
                        if (lookup(name) != CliSymbolKind.Filter) throw new CliSyntaxException("No such filter.");
                        q = q with { FilterName = name };
                    }
                    break;
                case "where":
                    q = q with { WhereExpression = c.TakeRest() };
                    return q;
                default:
                    // BIRD reads an unknown symbol here as an address constant.
                    throw IpExpected(t);
            }
        }
        return q;
    }

    static CliSyntaxException IpExpected(CliToken t) =>
        new(t.Kind == CliTokenKind.Word ? "IP address expected" : SyntaxError);

    static Prefix ToPrefix(CliToken t)
    {
        if (t.Kind == CliTokenKind.Address) return Prefix.Host(IpAddress.Parse(t.Value));
        var slash = t.Value.IndexOf('/');
        var address = IpAddress.Parse(t.Value[..slash]);
        if (!int.TryParse(t.Value[(slash + 1)..], out var length) || length > address.MaxPrefixLength)
            throw new CliSyntaxException("Invalid prefix length");
        if (Prefix.HasHostBits(address, length)) throw new CliSyntaxException("Invalid prefix");
        return new Prefix(address, length);
    }

    string ExpectProtocol(Cursor c)
    {
        var name = ExpectSymbol(c);
        if (lookup(name) != CliSymbolKind.Protocol) throw new CliSyntaxException($"{name} is not a protocol");
        return name;
    }

    static string ExpectSymbol(Cursor c)
    {
        var t = c.Next();
        if (t.Kind != CliTokenKind.Word || CliKeywords.IsReserved(t.Value)) throw new CliSyntaxException(SyntaxError);
        return t.Value;
    }

    static ProtocolSelector ParseSelector(Cursor c, bool allowAll)
    {
        var t = c.Next();
        if (t.Kind == CliTokenKind.Text) return ProtocolSelector.ForPattern(t.Value);
        if (allowAll && t.Is("all")) return ProtocolSelector.Everything;
        if (t.Kind == CliTokenKind.Word && !CliKeywords.IsReserved(t.Value)) return ProtocolSelector.ForName(t.Value);
        throw new CliSyntaxException(SyntaxError);
    }

    static CliCommand ParseAction(Cursor c, ProtocolAction action)
    {
        var selector = ParseSelector(c, allowAll: true);
        string? message = null;
        if (c.Peek.Kind == CliTokenKind.Text) message = c.Next().Value;
        return new ProtocolActionCommand(action, selector, message);
    }

    static CliCommand ParseReload(Cursor c)
    {
        var action = ProtocolAction.Reload;
        if (c.Accept("in")) action = ProtocolAction.ReloadIn;
        else if (c.Accept("out")) action = ProtocolAction.ReloadOut;
        return ParseAction(c, action);
    }

    static CliCommand ParseDebug(Cursor c)
    {
        var selector = ParseSelector(c, allowAll: true);
        var flags = new List<string>();
        if (c.Accept("all")) flags.Add("all");
        else if (c.Accept("off")) flags.Add("off");
        else flags.AddRange(ParseBraceList(c));
        return new DebugCommand(selector, flags);
    }

    static CliCommand ParseEcho(Cursor c)
    {
        var off = false;
        var classes = new List<string>();
        if (c.Accept("all")) classes.Add("all");
        else if (c.Accept("off")) off = true;
        else classes.AddRange(ParseBraceList(c));
        int? size = null;
        if (c.Peek.Kind == CliTokenKind.Number) size = int.Parse(c.Next().Value);
        return new EchoCommand(off, classes, size);
    }

    static List<string> ParseBraceList(Cursor c)
    {
        c.ExpectPunct("{");
        var items = new List<string>();
        while (true)
        {
            var t = c.Next();
            if (t.Kind != CliTokenKind.Word) throw new CliSyntaxException(SyntaxError);
            items.Add(t.Value);
            if (c.Peek.Kind == CliTokenKind.Punct && c.Peek.Value == ",") { c.Next(); continue; }
            c.ExpectPunct("}");
            return items;
        }
    }

    static CliCommand ParseEval(Cursor c)
    {
        var rest = c.TakeRest();
        if (rest.Length == 0) throw new CliSyntaxException(SyntaxError);
        return new EvalCommand(rest);
    }

    static CliCommand ParseConfigure(Cursor c)
    {
        if (c.Accept("confirm")) return new ConfigureCommand(ConfigureKind.Confirm, null, null);
        if (c.Accept("undo")) return new ConfigureCommand(ConfigureKind.Undo, null, null);
        if (c.Accept("check"))
            return new ConfigureCommand(ConfigureKind.Check, c.Peek.Kind == CliTokenKind.Text ? c.Next().Value : null, null);
        var kind = c.Accept("soft") ? ConfigureKind.Soft : ConfigureKind.Normal;
        var file = c.Peek.Kind == CliTokenKind.Text ? c.Next().Value : null;
        int? timeout = null;
        if (c.Accept("timeout"))
            timeout = c.Peek.Kind == CliTokenKind.Number ? int.Parse(c.Next().Value) : 300;
        return new ConfigureCommand(kind, file, timeout);
    }
}
