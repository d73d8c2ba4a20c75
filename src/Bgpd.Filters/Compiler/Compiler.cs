using Bgpd.Config;
using Bgpd.Config.Filters;
using Bgpd.Config.Model;
using Bgpd.Filters.Runtime;
using Bgpd.Filters.Values;

namespace Bgpd.Filters.Compiler;

/// <summary>
/// Type-checks filter-language ASTs and composes them into delegates (closure composition: each
/// AST node becomes one small lambda that calls its children's lambdas). Runs once per config
/// load; nothing of the AST is looked at while routes are filtered.
/// </summary>
internal sealed partial class Compiler
{
    private readonly Dialect dialect;
    private readonly bool strict;
    private readonly Dictionary<string, ConstantDef> defines = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Value> defineValues = new(StringComparer.Ordinal);
    private readonly HashSet<string> definesInProgress = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FunctionDef> functionDefs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CompiledFunction> functions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AttributeDef> customAttributes = new(StringComparer.Ordinal);

    private Dictionary<string, RoaTable>? roaTables;
    private Scope scope = new(null);
    private Frame frame = new();
    private bool inFunction;

    public Compiler(BirdConfig? config, Dialect dialect, bool strict)
    {
        this.dialect = dialect;
        this.strict = strict;
        if (config == null) return;
        foreach (var d in config.Defines) defines[d.Name] = d;
        foreach (var f in config.Functions) functionDefs[f.Name] = f;
        foreach (var a in config.Attributes) customAttributes[a.Name] = a;
    }

    public Dialect Dialect => dialect;

    /// <summary>ROA tables by name, for <c>roa_check</c>; set before compiling filters that use them.</summary>
    public void SetRoaTables(Dictionary<string, RoaTable> tables) => roaTables = tables;
    public IEnumerable<string> FunctionNames => functionDefs.Keys;

    /// <summary>The definition of function <paramref name="name"/> (the specialising backend inlines it).</summary>
    public FunctionDef? FindFunctionDef(string name) => functionDefs.GetValueOrDefault(name);

    public static FilterType TypeOf(TypeSpec t)
    {
        if (t.IsSet) return t.Base == FilterBaseType.Prefix ? FilterType.PrefixSet : FilterType.Set;
        return t.Base switch
        {
            FilterBaseType.Int => FilterType.Int,
            FilterBaseType.Bool => FilterType.Bool,
            FilterBaseType.Ip => FilterType.Ip,
            FilterBaseType.Prefix => FilterType.Prefix,
            FilterBaseType.Pair => FilterType.Pair,
            FilterBaseType.Quad => FilterType.Quad,
            FilterBaseType.Ec => FilterType.Ec,
            FilterBaseType.Lc => FilterType.Lc,
            FilterBaseType.Rd => FilterType.Rd,
            FilterBaseType.String => FilterType.String,
            FilterBaseType.BgpMask => FilterType.PathMask,
            FilterBaseType.BgpPath => FilterType.Path,
            FilterBaseType.Clist => FilterType.Clist,
            FilterBaseType.Eclist => FilterType.EcList,
            FilterBaseType.Lclist => FilterType.LcList,
            _ => FilterType.Void,
        };
    }

    public static ConfigException Error(SourcePos pos, string message) => new(pos, message);

    /// <summary>
    /// A type error. BIRD 2 rejects the config; BIRD 1.6 checked types only while running, so in
    /// the 1.6 dialect the offending expression compiles to a run-time error instead (a 1.6
    /// config may hold such code on a path that never runs, e.g. <c>true || 1+"a"</c>).
    /// </summary>
    private CExpr TypeError(SourcePos pos, string message)
    {
        if (strict) throw Error(pos, message);
        return new CExpr { Fn = _ => throw new FilterRuntimeException(pos, message), Pos = pos, Type = null };
    }

    /// <summary>Evaluates an expression now (set items, case labels, defines): config errors if it cannot be.</summary>
    private Value EvalNow(CExpr e, string what)
    {
        if (e.IsConst) return e.Const;
        if (!e.Pure) throw Error(e.Pos, $"{what} must be constant");
        var ctx = new FilterContext();
        ctx.Reset(null, FilterOutput.Silent, 0);
        try
        {
            return e.Fn(ctx);
        }
        catch (FilterRuntimeException ex)
        {
            throw Error(ex.Pos, ex.Message);
        }
        catch (FilterTerminateException)
        {
            throw Error(e.Pos, $"{what} must be constant");
        }
    }

    private Value DefineValue(string name, SourcePos usePos)
    {
        if (defineValues.TryGetValue(name, out var v)) return v;
        var def = defines[name];
        if (!definesInProgress.Add(name)) throw Error(usePos, $"Constant {name} refers to itself");
        try
        {
            using var _ = FreshScope(inFunction);
            v = EvalNow(CompileExpr(def.Value), "Constant");
        }
        finally
        {
            definesInProgress.Remove(name);
        }
        defineValues[name] = v;
        return v;
    }

    /// <summary>Compiles a function once; recursive calls see the same object, whose body is set last.</summary>
    public CompiledFunction GetFunction(string name, SourcePos usePos)
    {
        if (functions.TryGetValue(name, out var fn)) return fn;
        if (!functionDefs.TryGetValue(name, out var def)) throw Error(usePos, $"You can't call something which is not a function. Really. ({name})");
        fn = new CompiledFunction
        {
            Name = name,
            Pos = def.Pos,
            ParamTypes = def.Parameters.Select(p => (FilterType?)TypeOf(p.Type)).ToArray(),
            ReturnType = def.ReturnType is null ? null : TypeOf(def.ReturnType),
        };
        functions[name] = fn;
        using var _ = FreshScope(inFunction: true);
        foreach (var p in def.Parameters) Declare(p);
        foreach (var l in def.Locals) Declare(l);
        var body = CompileBlock(def.Body, newScope: false);
        fn.Body = body;
        fn.FrameSize = frame.Size;
        return fn;
    }

    /// <summary>
    /// Starts compiling with no locals visible, in a frame of its own; disposing the result puts
    /// back the scope, frame and function flag that were current.
    /// </summary>
    private ScopeRestore FreshScope(bool inFunction)
    {
        var saved = new ScopeRestore(this, scope, frame, this.inFunction);
        scope = new Scope(null);
        frame = new Frame();
        this.inFunction = inFunction;
        return saved;
    }

    private readonly struct ScopeRestore(Compiler compiler, Scope scope, Frame frame, bool inFunction) : IDisposable
    {
        public void Dispose() => (compiler.scope, compiler.frame, compiler.inFunction) = (scope, frame, inFunction);
    }

    private int Declare(VarDecl v)
    {
        var slot = frame.Allocate();
        scope.Declare(v.Name, slot, TypeOf(v.Type));
        return slot;
    }

    /// <summary>Compiles a filter body (named or inline) into a runnable program.</summary>
    public CompiledBody CompileFilter(FilterDef def)
    {
        using var _ = FreshScope(inFunction: false);
        foreach (var l in def.Locals) Declare(l);
        var body = CompileBlock(def.Body, newScope: false);
        return new CompiledBody(body, frame.Size);
    }

    /// <summary>True when <paramref name="name"/> is a <c>define</c>d constant.</summary>
    public bool IsDefine(string name) => defines.ContainsKey(name);

    /// <summary>True when <paramref name="name"/> names a route attribute (built in or declared).</summary>
    public bool IsAttributeName(string name) => RouteAttributes.Find(name) != null || customAttributes.ContainsKey(name);

    /// <summary>
    /// Compiles an expression outside any function (no locals visible): the specialising backend
    /// uses it to fold constants and to embed the parts it does not generate itself.
    /// </summary>
    public CExpr CompileDetached(FilterExpr expr)
    {
        using var _ = FreshScope(inFunction: false);
        return CompileExpr(expr);
    }

    /// <summary>
    /// Compiles an expression whose operands are "holes": locals in slots 0..n-1 of its own frame,
    /// of the given types. The specialising backend computes the operands itself and reuses the
    /// closure for the operation (methods, builtins, pair/ec/lc constructors).
    /// </summary>
    public (CExpr Expr, int FrameSize) CompileWithHoles(FilterExpr template, IReadOnlyList<FilterType> holeTypes)
    {
        using var _ = FreshScope(inFunction: false);
        for (var i = 0; i < holeTypes.Count; i++) scope.Declare(HoleName(i), frame.Allocate(), holeTypes[i]);
        var e = CompileExpr(template);
        return (e, frame.Size);
    }

    /// <summary>A name no config can use (symbols can't hold control characters).</summary>
    public static string HoleName(int i) => "\u0001hole" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Compiles a lone expression (eval, where) into a program that leaves its value in ReturnValue.</summary>
    public (CompiledBody Body, FilterType? Type) CompileStandaloneExpr(FilterExpr expr)
    {
        using var _ = FreshScope(inFunction: false);
        var e = CompileExpr(expr);
        var fn = e.Fn;
        StmtFn body = ctx =>
        {
            ctx.ReturnValue = fn(ctx);
            return Flow.Return;
        };
        return (new CompiledBody(body, frame.Size), e.Type);
    }
}

/// <summary>A compiled filter or function body with the frame size it needs.</summary>
internal sealed record CompiledBody(StmtFn Body, int FrameSize);
