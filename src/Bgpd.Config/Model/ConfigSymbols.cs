using Bgpd.Config.Filters;

namespace Bgpd.Config.Model;

/// <summary>What a global name denotes (the words <c>show symbols</c> prints).</summary>
public enum SymbolKind { Protocol, Template, Filter, Function, Table, Constant, Attribute }

/// <summary>A named thing declared at top level; <see cref="Definition"/> is its AST when it has one.</summary>
public sealed record ConfigSymbol(string Name, SymbolKind Kind, SourcePos Pos, FilterNode? Definition = null)
{
    /// <summary>BIRD 1.6's word for the kind in <c>show symbols</c>.</summary>
    public string KindText => Kind switch
    {
        SymbolKind.Protocol => "protocol",
        SymbolKind.Template => "protocol template",
        SymbolKind.Filter => "filter",
        SymbolKind.Function => "function",
        SymbolKind.Table => "routing table",
        SymbolKind.Constant => "constant",
        _ => "attribute",
    };
}

/// <summary>
/// Global names in declaration order. Parsing adds to it; the finished <see cref="BirdConfig"/>
/// holds a frozen copy. The control socket passes it to <see cref="FilterSyntax"/> so that
/// <c>show route where</c> and <c>eval</c> resolve constants, functions and attributes.
/// </summary>
public sealed class ConfigSymbols
{
    private readonly List<ConfigSymbol> ordered = [];
    private readonly Dictionary<string, ConfigSymbol> byName = new(StringComparer.Ordinal);

    /// <summary>An empty table (no defines, functions or filters).</summary>
    public static ConfigSymbols Empty => new();

    public IReadOnlyList<ConfigSymbol> All => ordered;

    public bool TryGet(string name, out ConfigSymbol symbol) => byName.TryGetValue(name, out symbol!);

    public ConfigSymbol? Find(string name) => byName.GetValueOrDefault(name);

    /// <summary>Adds a symbol; false (and nothing added) when the name is taken.</summary>
    public bool TryAdd(ConfigSymbol symbol)
    {
        if (!byName.TryAdd(symbol.Name, symbol)) return false;
        ordered.Add(symbol);
        return true;
    }

    /// <summary>Attaches the definition once its body is parsed (names are defined before their bodies, as in BIRD).</summary>
    internal void SetDefinition(string name, FilterNode definition)
    {
        var updated = byName[name] with { Definition = definition };
        byName[name] = updated;
        ordered[ordered.FindIndex(s => s.Name == name)] = updated;
    }

    /// <summary>A copy that later additions to this table do not affect.</summary>
    public ConfigSymbols Clone()
    {
        var copy = new ConfigSymbols();
        foreach (var symbol in ordered) copy.TryAdd(symbol);
        return copy;
    }
}
