using System.Linq.Expressions;
using Bgpd.Config;
using Bgpd.Config.Filters;
using Bgpd.Filters.Rib;
using Bgpd.Filters.Runtime;
using Bgpd.Rib.Filtering;
using Bgpd.Filters.Values;

namespace Bgpd.Filters.Compiler.Tree;

/// <summary>A filter compiled by the specialising backend: one method for the whole filter.</summary>
internal delegate Flow TreeFn(FilterContext? ctx, IFilterRoute route);

/// <summary>A compiled tree, and whether it needs a <see cref="FilterContext"/> (prints, embedded closures).</summary>
internal sealed record CompiledTree(TreeFn Fn, bool NeedsContext);

/// <summary>The specialising backend cannot compile this filter (the closures run it instead).</summary>
internal sealed class TreeUnsupportedException(string reason) : Exception(reason);

/// <summary>
/// The specialising backend: turns a whole filter into one expression tree and compiles it to a
/// single method. Functions are inlined (so their locals and arguments are IL locals), conditions
/// are native <c>bool</c>s, constants are folded by the closure compiler, static attributes are
/// read once into locals. It reuses the closure compiler for everything about meaning (constant
/// folding, sets, helpers that raise BIRD's run-time errors) and embeds the closure of any
/// expression it does not generate itself; a filter it cannot express (recursion, <c>for</c>,
/// expressions over locals it does not know) throws <see cref="TreeUnsupportedException"/> and
/// keeps running on the closures, which remain the reference.
/// </summary>
internal sealed partial class TreeCompiler
{
    private const int MaxInlinedCalls = 256;

    private readonly Compiler compiler;
    private readonly ParameterExpression contextParameter = Expression.Parameter(typeof(FilterContext), "ctx");
    private bool usesContext;

    /// <summary>The run's <see cref="FilterContext"/>; a tree that never asks for it runs without one.</summary>
    private ParameterExpression Context
    {
        get
        {
            usesContext = true;
            return contextParameter;
        }
    }
    private readonly ParameterExpression route = Expression.Parameter(typeof(IFilterRoute), "route");
    private readonly ParameterExpression staticsLoaded = Expression.Variable(typeof(ulong), "staticsLoaded");
    // Extended attributes read once too: a bit per attribute the filter names, cleared when the
    // filter writes or unsets it, all cleared after an embedded closure that calls a function.
    private readonly ParameterExpression easLoaded = Expression.Variable(typeof(ulong), "easLoaded");
    private readonly Dictionary<(RouteAttribute, string?), (ParameterExpression Var, ulong Bit)> eaSlots = [];
    // The RIB's editor when the route is one (channels, show route): attributes are then read and
    // written on it directly instead of through IFilterRoute.
    private readonly ParameterExpression editor = Expression.Variable(typeof(RouteEditor), "editor");
    private readonly LabelTarget end = Expression.Label(typeof(Flow), "end");
    private readonly List<ParameterExpression> variables = [];
    private readonly Dictionary<RouteAttribute, ParameterExpression> statics = [];
    private readonly Stack<string> inlining = new();
    private int inlinedCalls;
    private TreeScope scope = new(null);
    private InlinedFunction? function;

    public TreeCompiler(Compiler compiler) => this.compiler = compiler;

    /// <summary>Compiles a filter body; throws <see cref="TreeUnsupportedException"/> when it can't.</summary>
    public CompiledTree CompileFilter(FilterDef def)
    {
        variables.Add(staticsLoaded);
        variables.Add(easLoaded);
        variables.Add(editor);
        var body = new List<Expression>
        {
            Expression.Assign(staticsLoaded, Expression.Constant(0UL)),
            Expression.Assign(easLoaded, Expression.Constant(0UL)),
            Expression.Assign(editor, Expression.Call(TreeRuntime.Method(nameof(TreeRuntime.EditorOf)), route)),
        };
        foreach (var local in def.Locals) body.Add(Expression.Assign(Declare(local.Name, Compiler.TypeOf(local.Type)), VoidValue));
        body.Add(CompileStatements(def.Body.Statements, newScope: false));
        body.Add(Expression.Label(end, Expression.Constant(Flow.Next)));
        var run = WithWriteBack(Expression.Block(typeof(Flow), body));
        var lambda = Expression.Lambda<TreeFn>(StructConstants.Hoist(Expression.Block(typeof(Flow), variables, run)), def.Name ?? "filter", [contextParameter, route]);
        return new CompiledTree(lambda.Compile(preferInterpretation: false), usesContext);
    }

    /// <summary>Compiles a lone expression (<c>eval</c>): its value goes to the context's return value.</summary>
    public CompiledTree CompileExpression(FilterExpr expr)
    {
        variables.Add(staticsLoaded);
        variables.Add(easLoaded);
        variables.Add(editor);
        var init = Expression.Assign(editor, Expression.Call(TreeRuntime.Method(nameof(TreeRuntime.EditorOf)), route));
        var value = AsValue(CompileExpr(expr));
        var body = new List<Expression>
        {
            Expression.Assign(staticsLoaded, Expression.Constant(0UL)),
            Expression.Assign(easLoaded, Expression.Constant(0UL)),
            init,
            Expression.Assign(Expression.Field(Context, TreeMembers.ReturnValue), value),
            Expression.Label(end, Expression.Constant(Flow.Return)),
        };
        var run = WithWriteBack(Expression.Block(typeof(Flow), body));
        return new CompiledTree(Expression.Lambda<TreeFn>(StructConstants.Hoist(Expression.Block(typeof(Flow), variables, run)), "eval", [contextParameter, route]).Compile(preferInterpretation: false), true);
    }

    private static readonly Expression VoidValue = Expression.Default(typeof(Value));

    private ParameterExpression Declare(string name, FilterType type)
    {
        var v = Expression.Variable(typeof(Value), name);
        variables.Add(v);
        scope.Declare(name, v, type);
        return v;
    }

    private static TreeUnsupportedException Unsupported(string reason) => new(reason);

    /// <summary>The cache slot of an extended attribute (null once 64 attributes have one).</summary>
    private (ParameterExpression Var, ulong Bit)? EaSlot(RouteAttribute id, string? custom)
    {
        if (eaSlots.TryGetValue((id, custom), out var slot)) return slot;
        if (eaSlots.Count == 64) return null;
        slot = (Expression.Variable(typeof(Value), "ea_" + (custom ?? id.ToString())), 1UL << eaSlots.Count);
        variables.Add(slot.Var);
        eaSlots[(id, custom)] = slot;
        return slot;
    }

    /// <summary>The attribute was written or unset: read it from the route again next time.</summary>
    private Expression ForgetEa(RouteAttribute id, string? custom) =>
        EaSlot(id, custom) is { } slot ? Expression.AndAssign(easLoaded, Expression.Constant(~slot.Bit)) : Expression.Empty();

    /// <summary>The function being inlined: where its <c>return</c> goes and whether it sits inside an expression.</summary>
    private sealed record InlinedFunction(ParameterExpression? Result, LabelTarget End, bool InExpression);

    private Expression CompileStatements(IReadOnlyList<FilterStmt> statements, bool newScope)
    {
        var saved = scope;
        if (newScope) scope = new TreeScope(scope);
        try
        {
            if (statements.Count == 0) return Expression.Empty();
            return Expression.Block(typeof(void), statements.Select(CompileStmt).ToArray());
        }
        finally
        {
            scope = saved;
        }
    }

    private Expression CompileStmt(FilterStmt stmt) => stmt switch
    {
        BlockStmt b => CompileStatements(b.Statements, newScope: true),
        IfStmt i => CompileIf(i),
        CaseStmt c => CompileCase(c),
        ReturnStmt r => CompileReturn(r),
        BreakStmt b => CompileBreak(b),
        PrintStmt p => CompilePrint(p),
        AssignStmt a => CompileAssign(a.Target, CompileExpr(a.Value)),
        UnsetStmt u => CompileUnset(u),
        UpdateStmt u => CompileAssign(u.Target, CompileExpr(new MethodCall(u.Pos, u.Target, u.Method, u.Args, u.Args.Count > 0))),
        CallStmt c => Inline(c.Call, inExpression: false).Body,
        DeclStmt d => CompileDecl(d),
        ForStmt f => CompileFor(f),
        BtAssertStmt a => Expression.Call(TreeRuntime.Method(nameof(TreeRuntime.Assert)), Context, AsValue(CompileExpr(a.Condition)), Expression.Constant(a.Pos)),
        BtCallStmt { Name: "bt_check_assign", Args.Count: 2 } b => Expression.Block(
            CompileAssign(b.Args[0], CompileExpr(b.Args[1])),
            Expression.Call(TreeRuntime.Method(nameof(TreeRuntime.Assert)), Context,
                AsValue(CompileExpr(new BinaryExpr(b.Pos, BinaryOp.Eq, b.Args[0], b.Args[1]))), Expression.Constant(b.Pos))),
        _ => throw Unsupported($"{stmt.GetType().Name} at {stmt.Pos}"),
    };

    private Expression CompileIf(IfStmt s)
    {
        var cond = Cond(Expect(CompileExpr(s.Condition), FilterType.Bool), s.Pos);
        var then = CompileStmt(s.Then);
        return s.Else is null ? Expression.IfThen(cond, then) : Expression.IfThenElse(cond, then, CompileStmt(s.Else));
    }

    private Expression CompileCase(CaseStmt s)
    {
        var subject = Expression.Variable(typeof(Value), "case");
        variables.Add(subject);
        Expression chain = s.Else is null ? Expression.Empty() : CompileStatements(s.Else, newScope: true);
        for (var i = s.Arms.Count - 1; i >= 0; i--)
        {
            var arm = s.Arms[i];
            var set = compiler.BuildSet(arm.Labels, arm.Pos);
            var test = Expression.Call(TreeRuntime.Method(nameof(TreeRuntime.InSet)), subject, Expression.Constant(set));
            chain = Expression.IfThenElse(test, CompileStatements(arm.Body, newScope: true), chain);
        }
        return Expression.Block(Expression.Assign(subject, AsValue(CompileExpr(s.Subject))), chain);
    }

    private Expression CompileFor(ForStmt s)
    {
        var source = AsValue(CompileExpr(s.Source));
        var saved = scope;
        scope = new TreeScope(scope);
        try
        {
            ParameterExpression item;
            if (s.VarType is { } t) item = Declare(s.Variable, Compiler.TypeOf(t));
            else if (scope.TryFind(s.Variable, out var existing) && existing.Var is { } v) item = v;
            else throw Unsupported($"for over unknown variable {s.Variable}");
            var items = Expression.Variable(typeof(Value[]), "items");
            var index = Expression.Variable(typeof(int), "index");
            variables.Add(items);
            variables.Add(index);
            var done = Expression.Label("for_done");
            return Expression.Block(
                Expression.Assign(items, Expression.Call(TreeRuntime.Method(nameof(TreeRuntime.Items)), source, Expression.Constant(s.Pos))),
                Expression.Assign(index, Expression.Constant(0)),
                Expression.Loop(
                    Expression.IfThenElse(
                        Expression.LessThan(index, Expression.ArrayLength(items)),
                        Expression.Block(
                            Expression.Assign(item, Expression.ArrayIndex(items, index)),
                            Expression.PostIncrementAssign(index),
                            CompileStmt(s.Body)),
                        Expression.Break(done)),
                    done));
        }
        finally
        {
            scope = saved;
        }
    }

    private Expression CompileReturn(ReturnStmt r)
    {
        var value = r.Value is null ? VoidValue : AsValue(CompileExpr(r.Value));
        if (function is null)
        {
            // A filter that returns made no decision: evaluate the value (it may fail), then stop.
            return Expression.Block(r.Value is null ? Expression.Empty() : value, Expression.Return(end, Expression.Constant(Flow.Return)));
        }
        // Called as a statement: the value is still evaluated (it may fail), then dropped.
        if (function.Result is null) return Expression.Block(r.Value is null ? Expression.Empty() : value, Expression.Goto(function.End));
        return Expression.Block(Expression.Assign(function.Result, value), Expression.Goto(function.End));
    }

    private Expression PrintList(IReadOnlyList<FilterExpr> values) =>
        values.Count == 0
            ? Expression.Empty()
            : Expression.Block(values.Select(v => (Expression)Expression.Call(TreeRuntime.Method(nameof(TreeRuntime.Print)), Context, AsValue(CompileExpr(v)))).ToArray());

    private Expression CompileBreak(BreakStmt b)
    {
        var print = PrintList(b.Messages);
        if (b.Kind == BreakKind.Error)
            return Expression.Block(print, Expression.Throw(Expression.Call(TreeRuntime.Method(nameof(TreeRuntime.ErrorStatement)), Context, Expression.Constant(b.Pos))));
        var flow = b.Kind switch { BreakKind.Accept => Flow.Accept, BreakKind.Reject => Flow.Reject, _ => Flow.Quit };
        var flush = b.Messages.Count > 0 ? Expression.Call(Context, TreeMembers.FlushPrint) : (Expression)Expression.Empty();
        // Inside a function called from an expression there is no jumping out: unwind as the closures do.
        Expression leave = function is { InExpression: true }
            ? Expression.Throw(Expression.Call(TreeRuntime.Method(nameof(TreeRuntime.Terminate)), Expression.Constant(flow)))
            : Expression.Return(end, Expression.Constant(flow));
        return Expression.Block(print, flush, leave);
    }

    private Expression CompilePrint(PrintStmt p)
    {
        var print = PrintList(p.Values);
        return p.NewLine ? Expression.Block(print, Expression.Call(TreeRuntime.Method(nameof(TreeRuntime.PrintLine)), Context)) : print;
    }

    private Expression CompileDecl(DeclStmt d)
    {
        // The initialiser sees the outer scope (BIRD: "int j = j + 1" reads the outer j).
        var init = d.Init is null ? null : CompileExpr(d.Init);
        var type = Compiler.TypeOf(d.Variable.Type);
        var v = Declare(d.Variable.Name, type);
        return Expression.Assign(v, init is null ? VoidValue : Coerce(init, type, $"Initialising variable {d.Variable.Name}"));
    }

    private Expression CompileAssign(FilterExpr target, TExpr value)
    {
        switch (target)
        {
            case SymbolRef s when scope.TryFind(s.Name, out var local) && local.Var is { } v:
                return Expression.Assign(v, Coerce(value, local.Type, $"Assigning to variable {s.Name}"));
            case SymbolRef s when compiler.IsAttributeName(s.Name):
                return CompileAssign(new AttributeRef(s.Pos, s.Name, AttributeKind.Custom), value);
            case AttributeRef a:
                {
                    var (info, custom) = compiler.ResolveAttribute(a);
                    var v = Coerce(value, info.Type, $"Setting attribute {a.Name}");
                    Expression set = Expression.Call(TreeRuntime.Method(nameof(TreeRuntime.Set)), route,
                        Expression.Constant(info.Id), v, Expression.Constant(custom, typeof(string)), Expression.Constant(target.Pos));
                    var plainEa = custom is null ? RouteEditorRoute.PlainEaId(info.Id) : 0;
                    if (plainEa != 0 && value.IsConst && value.Type == info.Type && value.Type != FilterType.Int && RouteEditorRoute.ConstantEa(value.Const) is { } stored)
                    {
                        // `krt_tunnel = "tunl0"`: deferred, or else the stored form is made once, here.
                        if (value.Type == FilterType.String && DeferredWrite(info.Id, plainEa, isInt: false, Expression.Constant(value.Const), set) is { } deferred)
                            return deferred;
                        set = Expression.IfThenElse(HasEditor,
                            Expression.Call(typeof(RouteEditorRoute).GetMethod(nameof(RouteEditorRoute.WriteEa), Internal)!, editor, Expression.Constant(plainEa), Expression.Constant(stored)),
                            set);
                    }
                    else if (custom is null && info.Id == RouteAttribute.Preference && value.RawInt is { } preference)
                    {
                        var assigned = Expression.Variable(typeof(uint), "preference");
                        variables.Add(assigned);
                        set = Expression.Block(
                            Expression.Assign(assigned, preference),
                            Expression.IfThenElse(HasEditor,
                                Expression.Call(typeof(RouteEditorRoute).GetMethod(nameof(RouteEditorRoute.WritePreference), Internal)!, editor, assigned),
                                Expression.Call(TreeRuntime.Method(nameof(TreeRuntime.Set)), route, Expression.Constant(info.Id),
                                    Expression.Call(typeof(Value).GetMethod(nameof(Value.Int))!, assigned), Expression.Constant(custom, typeof(string)), Expression.Constant(target.Pos))));
                    }
                    else if (custom is null && value.RawInt is { } raw && info.Type == FilterType.Int && RouteEditorRoute.PlainEaId(info.Id) is var ea and not 0)
                    {
                        // `krt_metric = 2147483647 - bgp_local_pref`: the int goes straight into the editor.
                        var rawValue = Expression.Variable(typeof(uint), "assigned");
                        variables.Add(rawValue);
                        var otherwise = Expression.Call(TreeRuntime.Method(nameof(TreeRuntime.Set)), route, Expression.Constant(info.Id),
                            Expression.Call(typeof(Value).GetMethod(nameof(Value.Int))!, rawValue), Expression.Constant(custom, typeof(string)), Expression.Constant(target.Pos));
                        if (DeferredWrite(info.Id, ea, isInt: true, NewValue(FilterType.Int, rawValue), otherwise) is { } deferred)
                            return Expression.Block(Expression.Assign(rawValue, raw), deferred);
                        set = Expression.Block(
                            Expression.Assign(rawValue, raw),
                            Expression.IfThenElse(Expression.NotEqual(editor, Expression.Constant(null, typeof(RouteEditor))),
                                Expression.Call(typeof(RouteEditorRoute).GetMethod(nameof(RouteEditorRoute.WriteInt), Internal)!, editor, Expression.Constant(ea), rawValue),
                                Expression.Call(TreeRuntime.Method(nameof(TreeRuntime.Set)), route, Expression.Constant(info.Id),
                                    Expression.Call(typeof(Value).GetMethod(nameof(Value.Int))!, rawValue), Expression.Constant(custom, typeof(string)), Expression.Constant(target.Pos))));
                    }
                    // Written some other way than into the cache: the pending writes go first.
                    set = Expression.Block(FlushWrites(), set);
                    if (!info.IsStatic) return Expression.Block(set, ForgetEa(info.Id, custom));
                    // A static attribute changed: both caches (ours and the context's, used by embedded closures) are stale.
                    return Expression.Block(set, Expression.Assign(staticsLoaded, Expression.Constant(0UL)),
                        Expression.Call(TreeRuntime.Method(nameof(TreeRuntime.StaticsChanged)), contextParameter));
                }
            default:
                throw Unsupported($"assignment to {target.GetType().Name} at {target.Pos}");
        }
    }

    private Expression CompileUnset(UnsetStmt u)
    {
        var (info, custom) = compiler.ResolveAttribute(u.Attribute);
        return Expression.Block(
            FlushWrites(),
            Expression.Call(TreeRuntime.Method(nameof(TreeRuntime.Unset)), route, Expression.Constant(info.Id), Expression.Constant(custom, typeof(string)), Expression.Constant(u.Pos)),
            ForgetEa(info.Id, custom));
    }

    /// <summary>
    /// Inlines a call: arguments and locals become fresh variables, <c>return</c> a jump to the end
    /// of the inlined body. A function that is already being inlined (recursion) is not supported.
    /// </summary>
    private (Expression Body, ParameterExpression? Result, FilterType? Type) Inline(FunctionCall call, bool inExpression)
    {
        var def = compiler.FindFunctionDef(call.Name) ?? throw Unsupported($"unknown function {call.Name}");
        var fn = compiler.GetFunction(call.Name, call.Pos);
        if (inlining.Contains(call.Name)) throw Unsupported($"recursive function {call.Name}");
        if (++inlinedCalls > MaxInlinedCalls) throw Unsupported("too many inlined calls");
        if (call.Args.Count != fn.ParamTypes.Length) throw Unsupported($"argument count of {call.Name}");
        var body = new List<Expression>();
        // Arguments are evaluated in the caller's scope, before the callee's variables exist.
        var compiledArgs = call.Args.Select(CompileExpr).ToArray();
        var args = compiledArgs.Select((a, i) => Coerce(a, fn.ParamTypes[i]!.Value, $"Argument {i + 1} of {call.Name}")).ToArray();
        var (savedScope, savedFunction) = (scope, function);
        scope = new TreeScope(null);
        // A call as a statement has no result variable: one 32-byte local less to zero per run.
        var result = inExpression ? Expression.Variable(typeof(Value), call.Name + "_result") : null;
        if (result != null) variables.Add(result);
        function = new InlinedFunction(result, Expression.Label(call.Name + "_end"), inExpression);
        inlining.Push(call.Name);
        try
        {
            for (var i = 0; i < def.Parameters.Count; i++)
            {
                var name = def.Parameters[i].Name;
                if (compiledArgs[i] is { IsConst: true } constant && constant.Type == fn.ParamTypes[i] && !Assigns(def.Body, name))
                    scope.DeclareConstant(name, fn.ParamTypes[i]!.Value, constant.Const);
                else body.Add(Expression.Assign(Declare(name, fn.ParamTypes[i]!.Value), args[i]));
            }
            foreach (var local in def.Locals) body.Add(Expression.Assign(Declare(local.Name, Compiler.TypeOf(local.Type)), VoidValue));
            if (result != null) body.Add(Expression.Assign(result, VoidValue));
            body.Add(CompileStatements(def.Body.Statements, newScope: false));
            body.Add(Expression.Label(function.End));
            return (Expression.Block(typeof(void), body), result, fn.ReturnType);
        }
        finally
        {
            inlining.Pop();
            (scope, function) = (savedScope, savedFunction);
        }
    }
}

internal sealed partial class TreeCompiler
{
    /// <summary>True when <paramref name="body"/> may assign variable <paramref name="name"/> (or declare one so named).</summary>
    private static bool Assigns(FilterStmt body, string name) =>
        AstWalk.DescendantsAndSelf(body).Any(n => n switch
        {
            AssignStmt { Target: SymbolRef s } => s.Name == name,
            UpdateStmt { Target: SymbolRef s } => s.Name == name,
            BtCallStmt { Args: [SymbolRef s, ..] } => s.Name == name,
            ForStmt f => f.Variable == name,
            DeclStmt d => d.Variable.Name == name,
            _ => false,
        });
}

/// <summary>Local variables visible at a point of the tree: name to variable and declared type.</summary>
internal sealed class TreeScope(TreeScope? parent)
{
    private readonly Dictionary<string, (ParameterExpression? Var, FilterType Type, Value? Constant)> names = new(StringComparer.Ordinal);
    private readonly TreeScope? parent = parent;

    public void Declare(string name, ParameterExpression v, FilterType type) => names[name] = (v, type, null);

    /// <summary>A parameter the function never assigns, called with a constant: it is that constant.</summary>
    public void DeclareConstant(string name, FilterType type, Value value) => names[name] = (null, type, value);

    public bool TryFind(string name, out (ParameterExpression? Var, FilterType Type, Value? Constant) found)
    {
        for (var s = this; s != null; s = s.parent)
            if (s.names.TryGetValue(name, out found)) return true;
        found = default;
        return false;
    }

    /// <summary>Any name visible here (the detached closure compiler would not see it).</summary>
    public bool Knows(string name) => TryFind(name, out _);
}
