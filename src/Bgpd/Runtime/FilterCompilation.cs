using Bgpd.Config;
using Bgpd.Config.Filters;
using Bgpd.Filters;
using Bgpd.Filters.Rib;
using Bgpd.Rib.Filtering;

namespace Bgpd.Runtime;

/// <summary>Compiles the config's and the console's filters through the filter engine into RIB filters.</summary>
public static class FilterCompilation
{
    /// <summary>A channel's <c>import</c>/<c>export</c>: all, none, named, inline or where.</summary>
    public static IRouteFilter Compile(FilterRef reference, FilterProgram program) => program.Compile(reference).ToRib();

    /// <summary>
    /// A static route's attribute block (<c>route ... { bgp_community.add(...); }</c>): its statements run
    /// on the route, which is kept unless they reject it.
    /// </summary>
    public static IRouteFilter CompileBlock(BlockStmt block, SourcePos pos, FilterProgram program)
    {
        var accept = new BreakStmt(pos, BreakKind.Accept, ValueList<FilterExpr>.Empty);
        var body = new BlockStmt(block.Pos, ValueList.Of<FilterStmt>(block, accept));
        var filter = new FilterDef(pos, null, ValueList<VarDecl>.Empty, body);
        return program.Compile(new FilterInline(pos, filter)).ToRib();
    }

    /// <summary><c>show route where ...</c>, <c>filter { ... }</c> or <c>filter NAME</c> typed on the control socket; throws <see cref="ConfigException"/>.</summary>
    public static IRouteFilter CompileCliFilter(string? name, string? where, string? inline, FilterProgram program, Bgpd.Config.Model.BirdConfig config)
    {
        if (name is not null)
            return (program.FindFilter(name) ?? throw new ConfigException(SourcePos.None, "No such filter.")).ToRib();
        if (where is not null) return program.CompileWhere(where).ToRib();
        var def = FilterSyntax.ParseFilterBody(inline!, config.Symbols, config.Dialect);
        return program.Compile(new FilterInline(def.Pos, def)).ToRib();
    }
}
