using Bgpd.Config;
using Bgpd.Config.Filters;
using Bgpd.Config.Model;
using Bgpd.Filters.Compiler;
using Bgpd.Filters.Compiler.Tree;
using Bgpd.Filters.Runtime;
using Bgpd.Filters.Values;

namespace Bgpd.Filters;

/// <summary>Options for compiling a config's filters.</summary>
public sealed record FilterOptions
{
    /// <summary>Where <c>print</c> lines, run-time errors and <c>bt_assert</c> results go.</summary>
    public FilterOutput Output { get; init; } = FilterOutput.Silent;

    /// <summary>
    /// Report type errors at load time (BIRD 2 behaviour). Null: by dialect (on for 2.x; off for
    /// 1.6, which checked types only while running, so they become run-time errors).
    /// </summary>
    public bool? StrictTypes { get; init; }

    /// <summary>How filters are compiled (see <see cref="FilterBackend"/>).</summary>
    public FilterBackend Backend { get; init; } = FilterBackend.Tiered;
}

/// <summary>Which backend runs compiled filters.</summary>
public enum FilterBackend
{
    /// <summary>Closure composition only (the reference backend).</summary>
    Closures,
    /// <summary>Every filter is also compiled to one method (expression tree) at load; closures where that is unsupported.</summary>
    Trees,
    /// <summary>Closures at load; a filter that has run <see cref="FilterProgram.TierUpRuns"/> times is compiled to a tree in the background.</summary>
    Tiered,
}

/// <summary>
/// All filters and functions of one config, compiled. Build with <see cref="FilterCompiler.Compile"/>
/// at config load; throws <see cref="ConfigException"/> (file:line:column) on errors.
/// </summary>
public sealed class FilterProgram
{
    private readonly Compiler.Compiler compiler;
    private readonly Dictionary<string, CompiledFilter> filters = new(StringComparer.Ordinal);
    private readonly BirdConfig? config;
    private readonly Dialect dialect;
    private readonly FilterBackend backend;
    // The tree backend's own closure compiler (for folding and embedding), used under its lock.
    private readonly Compiler.Compiler treeHost;

    /// <summary>Runs after which the tiered backend compiles a filter to a tree.</summary>
    public const int TierUpRuns = 1000;

    public FilterOutput Output { get; }

    internal FilterProgram(BirdConfig? config, Dialect dialect, FilterOptions options)
    {
        this.config = config;
        this.dialect = dialect;
        Output = options.Output;
        var strict = options.StrictTypes ?? dialect == Dialect.Bird2;
        compiler = new Compiler.Compiler(config, dialect, strict);
        treeHost = new Compiler.Compiler(config, dialect, strict);
        backend = options.Backend;
        if (config == null) return;
        var roaTables = BuildRoaTables(config);
        compiler.SetRoaTables(roaTables);
        treeHost.SetRoaTables(roaTables);
        // Compile everything now so that every error surfaces at load time, as in BIRD.
        foreach (var f in config.Functions) compiler.GetFunction(f.Name, f.Pos);
        foreach (var f in config.Filters)
        {
            filters[f.Name!] = CompileInline(f);
        }
    }

    /// <summary>With <see cref="FilterBackend.Trees"/>: why evals and test functions ran on closures (tests read it).</summary>
    public IReadOnlyList<string> TreeFallbacks => treeFallbacks;

    private readonly List<string> treeFallbacks = [];

    /// <summary>A tree for a one-off run (eval, test function) with the Trees backend; null means use the closures.</summary>
    private TreeFn? OneOffTree(Func<TreeCompiler, CompiledTree> compile)
    {
        if (backend != FilterBackend.Trees) return null;
        lock (treeHost)
        {
            try
            {
                return compile(new TreeCompiler(treeHost)).Fn;
            }
            catch (TreeUnsupportedException e)
            {
                treeFallbacks.Add(e.Message);
                return null;
            }
        }
    }

    private CompiledFilter WithTree(CompiledFilter filter, FilterDef def)
    {
        if (backend == FilterBackend.Closures) return filter;
        filter.AttachTree(() =>
        {
            lock (treeHost) return new TreeCompiler(treeHost).CompileFilter(def);
        }, backend == FilterBackend.Trees ? 0 : TierUpRuns);
        if (backend == FilterBackend.Tiered)
            lock (filters) treesNotRequested?.Add(filter);
        return filter;
    }

    // Tiered filters made since load (named ones, the protocols' channel filters) until CompileTreesInBackground.
    private List<CompiledFilter>? treesNotRequested = [];

    /// <summary>
    /// Tiered backend: compiles the tree of every filter made so far, one after the other on one thread-pool
    /// thread, instead of when each has run <see cref="TierUpRuns"/> times. The daemon calls it once its
    /// protocols exist: otherwise the compilations (~0.1 s of JIT per process) fall in the middle of the first
    /// large burst of routes, on the CPU those routes need (measured in docs/lab.md, session 5). Filters made
    /// afterwards (a console's <c>show route where</c>) still tier up by use. Runs are unaffected meanwhile.
    /// </summary>
    public void CompileTreesInBackground()
    {
        List<CompiledFilter>? pending;
        lock (filters) (pending, treesNotRequested) = (treesNotRequested, null);
        if (pending is not { Count: > 0 }) return;
        ThreadPool.UnsafeQueueUserWorkItem(static list =>
        {
            foreach (var filter in list) filter.CompileTreeNow();
        }, pending, preferLocal: false);
    }

    /// <summary>
    /// ROA tables filled the way BIRD 2 fills them from config: static protocols' ROA routes
    /// (<c>route P max N as A;</c>) through their channel's import filter into roa4/roa6 tables.
    /// </summary>
    private Dictionary<string, RoaTable> BuildRoaTables(BirdConfig config)
    {
        var tables = new Dictionary<string, RoaTable>(StringComparer.Ordinal);
        var roaTableNames = config.Tables.Where(t => t.Type is NetType.Roa4 or NetType.Roa6).Select(t => t.Name).ToList();
        if (roaTableNames.Count == 0) return tables;
        var contents = roaTableNames.ToDictionary(n => n, _ => new List<Roa>(), StringComparer.Ordinal);
        compiler.SetRoaTables(new Dictionary<string, RoaTable>(StringComparer.Ordinal)); // import filters can't use themselves
        foreach (var proto in config.Protocols.OfType<StaticConfig>())
        {
            var channel = proto.MainChannel;
            if (channel is null || !contents.TryGetValue(channel.Table, out var list)) continue;
            CompiledFilter import;
            try
            {
                import = channel.Import is FilterNamed named && config.FindFilter(named.Name) is { } def
                    ? CompileInline(def)
                    : Compile(channel.Import);
            }
            catch (ConfigException)
            {
                import = CompiledFilter.AcceptAll;
            }
            foreach (var r in proto.Routes.Where(r => r.Kind == StaticRouteKind.Roa))
                if (import.Run(new TestRoute(r.Net)) == FilterResult.Accept) list.Add(new Roa(r.Net, r.RoaMaxLength, r.RoaAsn));
        }
        foreach (var (name, list) in contents) tables[name] = new RoaTable(list);
        return tables;
    }

    /// <summary>Named filters (<c>filter NAME { }</c>).</summary>
    public IReadOnlyDictionary<string, CompiledFilter> Filters => filters;

    public CompiledFilter? FindFilter(string name) => filters.GetValueOrDefault(name);

    /// <summary>The filter a channel uses in one direction: all, none, a named filter, an inline filter or a where condition.</summary>
    public CompiledFilter Compile(FilterRef reference) => reference switch
    {
        FilterAll => CompiledFilter.AcceptAll,
        FilterNone => CompiledFilter.RejectAll,
        FilterNamed n => FindFilter(n.Name) ?? throw new ConfigException(n.Pos, $"No such filter: {n.Name}"),
        FilterInline i => CompileInline(i.Filter),
        FilterWhere w => CompileWhere(w.Condition),
        _ => throw new ConfigException(reference.Pos, $"Unsupported filter reference {reference.GetType().Name}"),
    };

    private CompiledFilter CompileInline(FilterDef def)
    {
        var body = compiler.CompileFilter(def);
        return WithTree(new CompiledFilter(def.Name ?? "(unnamed)", body.Body, body.FrameSize, Output), def);
    }

    /// <summary><c>where EXPR</c> (channels, <c>show route where</c>): accept when EXPR is true, reject otherwise.</summary>
    public CompiledFilter CompileWhere(FilterExpr condition)
    {
        var def = new FilterDef(condition.Pos, null, ValueList<VarDecl>.Empty,
            new BlockStmt(condition.Pos, ValueList.Of<FilterStmt>(
                new IfStmt(condition.Pos, condition,
                    new BreakStmt(condition.Pos, BreakKind.Accept, ValueList<FilterExpr>.Empty),
                    new BreakStmt(condition.Pos, BreakKind.Reject, ValueList<FilterExpr>.Empty)))));
        return CompileInline(def);
    }

    /// <summary>
    /// The <c>eval</c> console command: parses <paramref name="text"/> with this config's symbols and
    /// evaluates it. A parse or type error comes back with <see cref="EvalResult.IsParseError"/> set.
    /// </summary>
    public EvalResult Eval(string text, IFilterRoute? route = null)
    {
        FilterExpr expr;
        try
        {
            expr = FilterSyntax.ParseExpression(text, config?.Symbols ?? ConfigSymbols.Empty, dialect);
        }
        catch (ConfigException e)
        {
            return new EvalResult(Value.Void, e.Message, IsParseError: true);
        }
        return Eval(expr, route);
    }

    /// <summary><c>show route where EXPR</c>: parses and compiles the condition (ConfigException on errors).</summary>
    public CompiledFilter CompileWhere(string text) =>
        CompileWhere(FilterSyntax.ParseExpression(text, config?.Symbols ?? ConfigSymbols.Empty, dialect));

    /// <summary>Evaluates an expression (the <c>eval</c> command, 1.6 config-level <c>eval</c>), optionally against a route.</summary>
    public EvalResult Eval(FilterExpr expr, IFilterRoute? route = null)
    {
        CompiledBody body;
        try
        {
            body = compiler.CompileStandaloneExpr(expr).Body;
        }
        catch (ConfigException e)
        {
            return new EvalResult(Value.Void, e.Message, IsParseError: true);
        }
        return Execute(body, OneOffTree(t => t.CompileExpression(expr)), route, out var value, out _) is { } error ? new EvalResult(Value.Void, error) : new EvalResult(value, null);
    }

    /// <summary>Runs the config's top-level <c>eval</c> statements in order; stops at <c>quitbird</c> (returns false then).</summary>
    public bool RunConfigEvals(Action<string>? onError = null)
    {
        if (config == null) return true;
        foreach (var e in config.Evals)
        {
            var body = compiler.CompileStandaloneExpr(e).Body;
            var error = Execute(body, OneOffTree(t => t.CompileExpression(e)), null, out _, out var quit);
            if (error != null) onError?.Invoke(error);
            if (quit) return false;
        }
        return true;
    }

    /// <summary>Outcome of running a function on its own (BIRD's test harness, <c>bt_test_suite</c>).</summary>
    public readonly record struct FunctionRun(bool Completed, string? Error);

    /// <summary>Runs a parameterless function: it "passes" when it runs to completion (no error, no reject).</summary>
    public FunctionRun RunFunction(string name)
    {
        var call = new FunctionCall(SourcePos.None, name, ValueList<FilterExpr>.Empty);
        var body = new BlockStmt(SourcePos.None, ValueList.Of<FilterStmt>(new CallStmt(SourcePos.None, call)));
        var def = new FilterDef(SourcePos.None, name, ValueList<VarDecl>.Empty, body);
        CompiledBody compiled;
        try
        {
            compiled = compiler.CompileFilter(def);
        }
        catch (ConfigException e)
        {
            return new FunctionRun(false, e.ToString());
        }
        var tree = OneOffTree(t => t.CompileFilter(def));
        var ctx = new FilterContext();
        ctx.Reset(null, Output, tree is null ? compiled.FrameSize : 0);
        try
        {
            var flow = tree is null ? compiled.Body(ctx) : tree(ctx, null!);
            return new FunctionRun(flow is not (Flow.Reject or Flow.Quit), null);
        }
        catch (FilterRuntimeException e)
        {
            return new FunctionRun(false, $"{e.Pos}: {e.Message}");
        }
        catch (FilterTerminateException t)
        {
            return new FunctionRun(t.Flow == Flow.Accept, null);
        }
        finally
        {
            ctx.FlushPrint();
        }
    }

    /// <summary>BIRD's <c>bt_test_same</c>: do two functions have the same code (names and positions aside)?</summary>
    public bool SameFunctions(string a, string b)
    {
        var fa = config?.FindFunction(a);
        var fb = config?.FindFunction(b);
        if (fa is null || fb is null) return false;
        return (fa with { Name = "" }).Equals(fb with { Name = "" });
    }

    private string? Execute(CompiledBody body, TreeFn? tree, IFilterRoute? route, out Value value, out bool quit)
    {
        var ctx = new FilterContext();
        ctx.Reset(route, Output, tree is null ? body.FrameSize : 0);
        value = Value.Void;
        quit = false;
        try
        {
            if (tree is null) body.Body(ctx);
            else tree(ctx, route!);
            value = ctx.ReturnValue;
            return null;
        }
        catch (FilterRuntimeException e)
        {
            return e.Message;
        }
        catch (FilterTerminateException t)
        {
            quit = t.Flow == Flow.Quit;
            return null;
        }
        finally
        {
            ctx.FlushPrint();
        }
    }
}

/// <summary>Entry point: compiles a parsed config's filter language.</summary>
public static class FilterCompiler
{
    /// <summary>Compiles every function and filter of <paramref name="config"/>; throws <see cref="ConfigException"/> on errors.</summary>
    public static FilterProgram Compile(BirdConfig config, FilterOptions? options = null) =>
        new(config, config.Dialect, options ?? new FilterOptions());

    /// <summary>A program with no definitions (e.g. <c>eval</c> before any config is loaded).</summary>
    public static FilterProgram Empty(Dialect dialect = Dialect.Bird16, FilterOptions? options = null) =>
        new(null, dialect, options ?? new FilterOptions());
}
