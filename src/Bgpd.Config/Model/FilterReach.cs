using Bgpd.Config.Filters;

namespace Bgpd.Config.Model;

/// <summary>Finds every named filter, function and constant a filter reference depends on.</summary>
internal static class FilterReach
{
    public static void Collect(FilterRef reference, BirdConfig config, HashSet<string> names)
    {
        var pending = new Stack<FilterNode>();
        pending.Push(reference);
        while (pending.Count > 0)
        {
            foreach (var node in AstWalk.DescendantsAndSelf(pending.Pop()))
            {
                var name = node switch
                {
                    FilterNamed named => named.Name,
                    FunctionCall call => call.Name,
                    SymbolRef symbol => symbol.Name,
                    _ => null,
                };
                if (name is null || !names.Add(name)) continue;
                FilterNode? definition = (FilterNode?)config.FindFilter(name) ?? config.FindFunction(name);
                definition ??= config.Defines.FirstOrDefault(d => d.Name == name);
                if (definition is not null) pending.Push(definition);
            }
        }
    }
}
