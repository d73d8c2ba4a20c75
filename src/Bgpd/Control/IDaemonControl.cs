using Bgpd.Control.Renderers;
using Bgpd.Control.Views;

namespace Bgpd.Control;

/// <summary>One reply line produced by a state-changing command (e.g. <c>0009-P: disabled</c>).</summary>
public readonly record struct ActionLine(int Code, string Text);

/// <summary>The result of a command that either produces lines and a final line, or fails with a code.</summary>
public sealed record CommandOutcome(IReadOnlyList<ActionLine> Lines, int FinalCode, string FinalText)
{
    public static CommandOutcome Error(int code, string text) => new([], code, text);
}

/// <summary>Outcome of <c>show route</c>: a listing, or an error reply (e.g. <c>8001 Network not in table</c>).</summary>
public sealed record RouteQueryResult(RouteListing? Listing, int ErrorCode = 0, string ErrorText = "");

/// <summary>
/// What the control commands ask of the running daemon. Every call happens on the routing loop
/// (the dispatcher goes through <see cref="InvokeAsync{T}"/>), so implementations need no locks.
/// </summary>
public interface IDaemonControl
{
    Task<T> InvokeAsync<T>(Func<T> work);

    /// <summary>bgpd's own version (the greeting and <c>show status</c> say BIRD 1.6.8 for compatibility).</summary>
    string Version { get; }
    TimeFormats TimeFormats { get; }
    DateTimeOffset Now { get; }
    CliSymbolKind? LookupSymbol(string name);

    StatusView GetStatus();
    /// <summary>All protocols in configuration order.</summary>
    IReadOnlyList<ProtocolView> GetProtocols();
    RouteQueryResult QueryRoutes(RouteQuery query);
    MemoryView GetMemory();
    IReadOnlyList<SymbolView> GetSymbols(string? kind, string? name);
    /// <summary><c>show static</c> lines of the named static protocol, or of the only running one; Error is a 9001 message.</summary>
    (IReadOnlyList<string>? Lines, string? Error) GetStatic(string? name);
    /// <summary><c>show interfaces [summary]</c> lines (code, text) from the device protocol.</summary>
    IReadOnlyList<(int Code, string Text)> GetInterfaces(bool summary);

    /// <summary>Applies enable/disable/restart/reload to the matching protocols (already resolved by name).</summary>
    IReadOnlyList<ActionLine> Apply(ProtocolAction action, IReadOnlyList<string> protocols, string? message);
    Task<CommandOutcome> ConfigureAsync(ConfigureCommand command);
    CommandOutcome Eval(string expression);
    void Shutdown();
}
