using Bgpd.Config.Filters;
using Bgpd.Net;

namespace Bgpd.Config.Model;

/// <summary>
/// A parsed bird.conf: global settings, filter-language definitions and protocols in declaration
/// order. Produced by <see cref="ConfigParser"/>; immutable.
/// </summary>
public sealed record BirdConfig
{
    public required Dialect Dialect { get; init; }
    /// <summary>The main config file as given.</summary>
    public required string FileName { get; init; }
    /// <summary><c>router id</c>; null when not set (the daemon then takes it from an interface).</summary>
    public IpAddress? RouterId { get; init; }
    public RouterIdFrom? RouterIdFrom { get; init; }
    public ListenBgp? Listen { get; init; }
    public ValueList<LogTarget> Logs { get; init; } = ValueList<LogTarget>.Empty;
    /// <summary><c>debug protocols</c>: default debug flags of protocols.</summary>
    public DebugFlags DebugProtocols { get; init; }
    /// <summary><c>debug commands N</c> (0-2).</summary>
    public int DebugCommands { get; init; }
    public required TimeFormats TimeFormats { get; init; }
    /// <summary><c>graceful restart wait N</c> in seconds (default 240).</summary>
    public int GracefulRestartWait { get; init; } = 240;
    /// <summary>Tables, implicit ones (<c>master</c>, or <c>master4</c>/<c>master6</c>) first.</summary>
    public ValueList<TableConfig> Tables { get; init; } = ValueList<TableConfig>.Empty;
    public ValueList<ConstantDef> Defines { get; init; } = ValueList<ConstantDef>.Empty;
    public ValueList<FilterDef> Filters { get; init; } = ValueList<FilterDef>.Empty;
    public ValueList<FunctionDef> Functions { get; init; } = ValueList<FunctionDef>.Empty;
    /// <summary>2.x <c>attribute</c> declarations.</summary>
    public ValueList<AttributeDef> Attributes { get; init; } = ValueList<AttributeDef>.Empty;
    /// <summary>Templates in declaration order (already merged with the templates they inherit from).</summary>
    public ValueList<ProtocolConfig> Templates { get; init; } = ValueList<ProtocolConfig>.Empty;
    /// <summary>Protocols in declaration order, with templates applied and defaults filled in.</summary>
    public ValueList<ProtocolConfig> Protocols { get; init; } = ValueList<ProtocolConfig>.Empty;
    /// <summary><c>eval EXPR;</c> statements, in order.</summary>
    public ValueList<FilterExpr> Evals { get; init; } = ValueList<FilterExpr>.Empty;
    /// <summary>2.x <c>bt_test_suite</c>/<c>bt_test_same</c> declarations.</summary>
    public ValueList<BtTest> Tests { get; init; } = ValueList<BtTest>.Empty;
    /// <summary>
    /// What BIRD logs as a warning while reading the config (deprecated options), in order, each
    /// prefixed with the protocol's name as BIRD words it; the config is valid.
    /// </summary>
    public ValueList<string> Warnings { get; init; } = ValueList<string>.Empty;
    /// <summary>All global names in declaration order (for <c>show symbols</c> and filter parsing).</summary>
    public required ConfigSymbols Symbols { get; init; }

    public FilterDef? FindFilter(string name) => Filters.FirstOrDefault(f => f.Name == name);
    public FunctionDef? FindFunction(string name) => Functions.FirstOrDefault(f => f.Name == name);
    public ProtocolConfig? FindProtocol(string name) => Protocols.FirstOrDefault(p => p.Name == name);

    /// <summary>
    /// True when <paramref name="updated"/> (from <paramref name="updatedConfig"/>) may keep running
    /// in place of <paramref name="old"/> (from <paramref name="oldConfig"/>): equal options and
    /// channels, and every named filter and function they reach has the same AST, as BIRD's
    /// <c>filter_same</c> decides.
    /// </summary>
    public static bool IsProtocolUnchanged(ProtocolConfig old, BirdConfig oldConfig, ProtocolConfig updated, BirdConfig updatedConfig)
    {
        if (!old.Equals(updated)) return false;
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var channel in old.Channels.Concat(updated.Channels))
        {
            FilterReach.Collect(channel.Import, oldConfig, names);
            FilterReach.Collect(channel.Export, oldConfig, names);
            FilterReach.Collect(channel.Import, updatedConfig, names);
            FilterReach.Collect(channel.Export, updatedConfig, names);
        }
        return SameDefinitions(names, oldConfig, updatedConfig);
    }

    /// <summary>
    /// BIRD's <c>filter_same</c>: the two references name the same filter (or are the same inline
    /// filter) and every filter, function and constant they reach has the same AST in both configs.
    /// </summary>
    public static bool IsFilterUnchanged(FilterRef old, BirdConfig oldConfig, FilterRef updated, BirdConfig updatedConfig)
    {
        if (!old.Equals(updated)) return false;
        var names = new HashSet<string>(StringComparer.Ordinal);
        FilterReach.Collect(old, oldConfig, names);
        FilterReach.Collect(updated, updatedConfig, names);
        return SameDefinitions(names, oldConfig, updatedConfig);
    }

    static bool SameDefinitions(HashSet<string> names, BirdConfig oldConfig, BirdConfig updatedConfig)
    {
        foreach (var name in names)
        {
            if (!Equals(oldConfig.FindFilter(name), updatedConfig.FindFilter(name))) return false;
            if (!Equals(oldConfig.FindFunction(name), updatedConfig.FindFunction(name))) return false;
            if (!Equals(oldConfig.Defines.FirstOrDefault(d => d.Name == name), updatedConfig.Defines.FirstOrDefault(d => d.Name == name))) return false;
        }
        return true;
    }
}
