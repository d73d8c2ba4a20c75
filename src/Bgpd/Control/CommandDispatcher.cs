using Bgpd.Control.Renderers;

namespace Bgpd.Control;

/// <summary>Per-session state the commands can change (<c>restrict</c>, <c>echo</c>).</summary>
public sealed class SessionState
{
    public bool Restricted { get; set; }
    /// <summary>Log classes echoed to this session as <c>+</c> lines; empty when echo is off.</summary>
    public IReadOnlySet<string> EchoClasses { get; set; } = new HashSet<string>();
}

/// <summary>Runs one parsed command against the daemon and writes its reply in BIRD's codes.</summary>
public sealed class CommandDispatcher(IDaemonControl daemon)
{
    public async Task ExecuteAsync(string line, SessionState session, IReplySink reply)
    {
        var parser = new CliParser(name => daemon.LookupSymbol(name));
        CliCommand command;
        try
        {
            command = await daemon.InvokeAsync(() => parser.Parse(line));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            reply.Final(9001, "syntax error");
            return;
        }
        if (command.ChangesState && session.Restricted)
        {
            reply.Final(8007, "Access denied");
            return;
        }
        await ExecuteAsync(command, session, reply);
    }

    public async Task ExecuteAsync(CliCommand command, SessionState session, IReplySink reply)
    {
        switch (command)
        {
            case ParseErrorCommand e:
                reply.Final(e.Code, e.Message);
                break;
            case RestrictCommand:
                session.Restricted = true;
                reply.Final(16, "Access restricted");
                break;
            case EchoCommand echo:
                session.EchoClasses = echo.Off ? new HashSet<string>() : ExpandEchoClasses(echo.Classes);
                reply.Final(0, "");
                break;
            case ConfigureCommand configure:
                Write(await daemon.ConfigureAsync(configure), reply);
                break;
            case DownCommand:
                reply.Final(7, "Shutdown requested");
                await daemon.InvokeAsync(() => { daemon.Shutdown(); return 0; });
                break;
            default:
                await daemon.InvokeAsync(() => { Execute(command, reply); return 0; });
                break;
        }
    }

    static IReadOnlySet<string> ExpandEchoClasses(IReadOnlyList<string> classes) =>
        classes.Contains("all")
            ? new HashSet<string> { "debug", "trace", "info", "remote", "warning", "error", "auth", "fatal", "bug" }
            : new HashSet<string>(classes);

    /// <summary>Runs on the routing loop.</summary>
    void Execute(CliCommand command, IReplySink reply)
    {
        var now = daemon.Now;
        switch (command)
        {
            case ShowStatusCommand:
                StatusRenderer.Render(daemon.GetStatus(), daemon.TimeFormats, reply);
                break;
            case ShowVersionCommand:
                reply.Line(1000, "bgpd " + daemon.Version);
                reply.Final(0, "");
                break;
            case ShowMemoryCommand:
                SimpleRenderers.Memory(daemon.GetMemory(), reply);
                break;
            case ShowSymbolsCommand symbols:
                SimpleRenderers.Symbols(daemon.GetSymbols(symbols.Kind, symbols.Symbol), reply);
                break;
            case ShowInterfacesCommand interfaces:
                foreach (var (code, text) in daemon.GetInterfaces(interfaces.Summary)) reply.Line(code, text);
                reply.Final(0, "");
                break;
            case ShowStaticCommand show:
                {
                    var (lines, error) = daemon.GetStatic(show.Name);
                    if (lines is null) reply.Final(9001, error ?? "syntax error");
                    else SimpleRenderers.Static(lines, reply);
                    break;
                }
            case ShowProtocolsCommand show:
                ShowProtocols(show, now, reply);
                break;
            case ShowRouteCommand show:
                {
                    var result = daemon.QueryRoutes(show.Query);
                    if (result.Listing is null) reply.Final(result.ErrorCode, result.ErrorText);
                    else RouteRenderer.Render(result.Listing, show.Query.Verbose, show.Query.Count, show.Query.Stats,
                        show.Query.Prefix is not null, daemon.TimeFormats, now, reply);
                    break;
                }
            case ProtocolActionCommand action:
                {
                    var names = Resolve(action.Selector, reply);
                    if (names is null) return;
                    foreach (var line in daemon.Apply(action.Action, names, action.Message)) reply.Line(line.Code, line.Text);
                    reply.Final(0, "");
                    break;
                }
            case DebugCommand debug:
                if (Resolve(debug.Selector, reply) is null) return;
                reply.Final(0, "");
                break;
            case EvalCommand eval:
                Write(daemon.Eval(eval.Expression), reply);
                break;
            default:
                reply.Final(9001, "syntax error");
                break;
        }
    }

    void ShowProtocols(ShowProtocolsCommand show, DateTimeOffset now, IReplySink reply)
    {
        var protocols = daemon.GetProtocols();
        if (show.Selector is { Name: { } name })
        {
            if (daemon.LookupSymbol(name) != CliSymbolKind.Protocol) { reply.Final(9002, $"{name} is not a protocol"); return; }
            ProtocolsRenderer.Render(protocols.Where(p => p.Name == name).ToList(), show.All, daemon.TimeFormats, now, reply);
            return;
        }
        var pattern = show.Selector?.Pattern;
        var matched = protocols.Where(p => pattern is null || Glob.Matches(pattern, p.Name)).ToList();
        if (matched.Count == 0) { reply.Final(8003, "No protocols match"); return; }
        ProtocolsRenderer.Render(matched, show.All, daemon.TimeFormats, now, reply);
    }

    /// <summary>Protocol names a selector denotes, or null after replying with BIRD's error.</summary>
    List<string>? Resolve(ProtocolSelector selector, IReplySink reply)
    {
        if (selector.Name is { } name)
        {
            if (daemon.LookupSymbol(name) == CliSymbolKind.Protocol) return [name];
            reply.Final(9002, $"{name} is not a protocol");
            return null;
        }
        var names = daemon.GetProtocols()
            .Where(p => selector.All || Glob.Matches(selector.Pattern!, p.Name))
            .Select(p => p.Name).ToList();
        if (names.Count > 0) return names;
        reply.Final(8003, "No protocols match");
        return null;
    }

    static void Write(CommandOutcome outcome, IReplySink reply)
    {
        foreach (var line in outcome.Lines) reply.Line(line.Code, line.Text);
        reply.Final(outcome.FinalCode, outcome.FinalText);
    }
}
