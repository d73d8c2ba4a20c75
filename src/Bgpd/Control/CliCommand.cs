using Bgpd.Net;

namespace Bgpd.Control;

/// <summary>A parsed control-socket command.</summary>
public abstract record CliCommand
{
    /// <summary>Commands that change state are refused (8007) in a restricted session.</summary>
    public virtual bool ChangesState => false;
}

/// <summary>A protocol selector: one name, a shell-like "pattern", or <c>all</c>.</summary>
public sealed record ProtocolSelector(string? Name, string? Pattern, bool All)
{
    public static ProtocolSelector ForName(string name) => new(name, null, false);
    public static ProtocolSelector ForPattern(string pattern) => new(null, pattern, false);
    public static readonly ProtocolSelector Everything = new(null, null, true);
}

public sealed record ParseErrorCommand(int Code, string Message) : CliCommand;
public sealed record ShowStatusCommand : CliCommand;
/// <summary>bgpd extension (BIRD answers 9001): <c>1000-bgpd VERSION</c>, used by <c>bgpc --json</c>.</summary>
public sealed record ShowVersionCommand : CliCommand;
public sealed record ShowMemoryCommand : CliCommand;
public sealed record ShowProtocolsCommand(bool All, ProtocolSelector? Selector) : CliCommand;
public sealed record ShowInterfacesCommand(bool Summary) : CliCommand;
public sealed record ShowStaticCommand(string? Name) : CliCommand;
public sealed record ShowSymbolsCommand(string? Kind, string? Symbol) : CliCommand;
public sealed record ShowRouteCommand(RouteQuery Query) : CliCommand;
public sealed record EvalCommand(string Expression) : CliCommand;
public sealed record EchoCommand(bool Off, IReadOnlyList<string> Classes, int? BufferSize) : CliCommand;
public sealed record RestrictCommand : CliCommand;
public sealed record DownCommand : CliCommand { public override bool ChangesState => true; }

public enum ConfigureKind { Normal, Check, Soft, Confirm, Undo }

public sealed record ConfigureCommand(ConfigureKind Kind, string? File, int? Timeout) : CliCommand
{
    public override bool ChangesState => true;
}

public enum ProtocolAction { Enable, Disable, Restart, Reload, ReloadIn, ReloadOut }

public sealed record ProtocolActionCommand(ProtocolAction Action, ProtocolSelector Selector, string? Message) : CliCommand
{
    public override bool ChangesState => true;
}

public sealed record DebugCommand(ProtocolSelector Selector, IReadOnlyList<string> Flags) : CliCommand
{
    public override bool ChangesState => true;
}

/// <summary>Arguments of <c>show route</c>.</summary>
public sealed record RouteQuery
{
    public bool Verbose { get; init; }
    public Prefix? Prefix { get; init; }
    /// <summary>True for <c>for X</c>: longest match instead of the exact network.</summary>
    public bool LongestMatch { get; init; }
    public string? Table { get; init; }
    public string? Protocol { get; init; }
    public string? FilterName { get; init; }
    /// <summary>Source text of an inline filter (<c>where ...</c> condition or <c>filter { ... }</c> body).</summary>
    public string? WhereExpression { get; init; }
    public string? InlineFilter { get; init; }
    public bool PrimaryOnly { get; init; }
    public bool Filtered { get; init; }
    public string? ExportProtocol { get; init; }
    public ExportMode ExportMode { get; init; }
    public bool Count { get; init; }
    public bool Stats { get; init; }
}

public enum ExportMode { None, Export, PreExport, NoExport }
