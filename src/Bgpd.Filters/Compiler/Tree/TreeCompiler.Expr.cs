using System.Linq.Expressions;
using Bgpd.Config;
using Bgpd.Config.Filters;
using Bgpd.Filters.Rib;
using Bgpd.Filters.Runtime;
using Bgpd.Rib.Attributes;
using Bgpd.Rib.Filtering;
using Bgpd.Filters.Values;

namespace Bgpd.Filters.Compiler.Tree;

/// <summary>
/// An expression of the tree backend: a <see cref="Value"/>- or <c>bool</c>-typed tree, its static
/// type when known, its constant when folded, and for reads of a variable or cached static
/// attribute the variable itself (so a test reads it in place instead of copying it).
/// </summary>
internal sealed class TExpr
{
    public required Expression E { get; init; }
    public required SourcePos Pos { get; init; }
    public FilterType? Type { get; init; }
    public bool IsConst { get; init; }
    public Value Const { get; init; }
    /// <summary>The value is in this variable once <see cref="Ensure"/> has run.</summary>
    public ParameterExpression? Var { get; init; }
    public Expression? Ensure { get; init; }
    /// <summary>The value as a <c>uint</c>, when it is known to be a (defined) int.</summary>
    public Expression? RawInt { get; init; }
    /// <summary>For `net`: its parts as locals, valid once <see cref="Ensure"/> has run.</summary>
    public NetParts? Net { get; init; }

    public bool IsCond => E.Type == typeof(bool);
}

internal sealed partial class TreeCompiler
{
    private TExpr CompileExpr(FilterExpr expr)
    {
        var mentionsLocal = MentionsLocal(expr);
        if (!mentionsLocal && IsFoldable(expr))
        {
            var detached = Detached(expr);
            if (detached.IsConst) return Constant(expr.Pos, detached.Const);
        }
        switch (expr)
        {
            case SymbolRef s when scope.TryFind(s.Name, out var local):
                if (local.Constant is { } c) return Constant(s.Pos, c);
                return new TExpr { E = local.Var!, Var = local.Var, Pos = s.Pos, Type = local.Type };
            case SymbolRef s when !compiler.IsDefine(s.Name) && compiler.IsAttributeName(s.Name):
                return CompileAttributeRead(new AttributeRef(s.Pos, s.Name, AttributeKind.Custom));
            case AttributeRef a:
                return CompileAttributeRead(a);
            case UnaryExpr u:
                return CompileNot(u);
            case BinaryExpr b:
                return CompileBinary(b);
            case DefinedExpr d:
                return CompileDefined(d);
            case FunctionCall f:
                {
                    var (body, result, type) = Inline(f, inExpression: true);
                    return new TExpr { E = Expression.Block(typeof(Value), body, result!), Pos = f.Pos, Type = type };
                }
        }
        if (mentionsLocal) return WithHoles(expr);
        return Embed(expr, Detached(expr));
    }

    /// <summary>
    /// An operation over locals the tree does not generate itself: the operands are computed here,
    /// put in a frame of the context's stack, and the closure of the operation runs over them.
    /// </summary>
    private TExpr WithHoles(FilterExpr expr)
    {
        var operands = expr switch
        {
            MethodCall m => [m.Target, .. m.Args],
            BuiltinCall b => b.Args.ToList(),
            PairExpr p => [p.First, p.Second],
            EcExpr ec => [ec.Asn, ec.Value],
            LcExpr lc => [lc.Global, lc.Data1, lc.Data2],
            _ => throw Unsupported($"{expr.GetType().Name} over local variables at {expr.Pos}"),
        };
        var compiled = operands.Select(CompileExpr).ToList();
        if (compiled.Any(c => c.Type is null)) throw Unsupported($"operand of unknown type at {expr.Pos}");
        var holes = operands.Select((o, i) => (FilterExpr)new SymbolRef(o.Pos, Compiler.HoleName(i))).ToList();
        FilterExpr template = expr switch
        {
            MethodCall m => m with { Target = holes[0], Args = new ValueList<FilterExpr>([.. holes.Skip(1)]) },
            BuiltinCall b => b with { Args = new ValueList<FilterExpr>([.. holes]) },
            PairExpr p => p with { First = holes[0], Second = holes[1] },
            EcExpr ec => ec with { Asn = holes[0], Value = holes[1] },
            LcExpr lc => lc with { Global = holes[0], Data1 = holes[1], Data2 = holes[2] },
            _ => throw new InvalidOperationException(),
        };
        CExpr closure;
        int size;
        try
        {
            (closure, size) = compiler.CompileWithHoles(template, compiled.Select(c => c.Type!.Value).ToList());
        }
        catch (ConfigException e)
        {
            throw Unsupported(e.Message);
        }
        var temps = compiled.Select((_, i) => Expression.Variable(typeof(Value), "operand" + i)).ToList();
        var savedFp = Expression.Variable(typeof(int), "savedFp");
        var result = Expression.Variable(typeof(Value), "result");
        variables.AddRange(temps);
        variables.Add(savedFp);
        variables.Add(result);
        var body = new List<Expression>();
        for (var i = 0; i < temps.Count; i++) body.Add(Expression.Assign(temps[i], AsValue(compiled[i])));
        body.Add(Expression.Assign(savedFp, Expression.Call(TreeRuntime.Method(nameof(TreeRuntime.EnterHoles)), Context, Expression.Constant(size))));
        for (var i = 0; i < temps.Count; i++) body.Add(Expression.Call(TreeRuntime.Method(nameof(TreeRuntime.SetHole)), Context, Expression.Constant(i), temps[i]));
        body.Add(FlushWrites());
        body.Add(Expression.Assign(result, Expression.Invoke(Expression.Constant(closure.Fn), Context)));
        body.Add(Expression.Call(TreeRuntime.Method(nameof(TreeRuntime.LeaveHoles)), Context, savedFp, Expression.Constant(size)));
        body.Add(result);
        return new TExpr { E = Expression.Block(typeof(Value), body), Pos = expr.Pos, Type = closure.Type };
    }

    /// <summary>Expressions that cannot read the route or call a function (so folding them is worth a try).</summary>
    private static bool IsFoldable(FilterExpr expr) =>
        !AstWalk.DescendantsAndSelf(expr).Any(n => n is AttributeRef or FunctionCall or MethodCall or SymbolRef { Name: "net" or "ifname" });

    private bool MentionsLocal(FilterExpr expr) =>
        AstWalk.DescendantsAndSelf(expr).Any(n => n is SymbolRef s && scope.Knows(s.Name));

    private CExpr Detached(FilterExpr expr)
    {
        try
        {
            return compiler.CompileDetached(expr);
        }
        catch (ConfigException e)
        {
            throw Unsupported(e.Message);
        }
    }

    /// <summary>
    /// Runs the closure of an expression the tree does not generate itself (methods, builtins,
    /// pairs over attributes, ...). It reads no locals; a function it calls may change static
    /// attributes, so our cached reads are dropped after it.
    /// </summary>
    private TExpr Embed(FilterExpr expr, CExpr closure)
    {
        Expression call = closure.Cond is { } cond
            ? Expression.Invoke(Expression.Constant(cond), Context)
            : Expression.Invoke(Expression.Constant(closure.Fn), Context);
        // The closure reads the route through the context: pending writes first.
        call = Expression.Block(call.Type, FlushWrites(), call);
        if (AstWalk.DescendantsAndSelf(expr).Any(n => n is FunctionCall))
        {
            var temp = Expression.Variable(call.Type, "embedded");
            variables.Add(temp);
            call = Expression.Block(call.Type, Expression.Assign(temp, call), Expression.Assign(staticsLoaded, Expression.Constant(0UL)),
                Expression.Assign(easLoaded, Expression.Constant(0UL)), temp);
        }
        return new TExpr { E = call, Pos = expr.Pos, Type = closure.Type };
    }

    private static TExpr Constant(SourcePos pos, Value v)
    {
        if (v.Type == FilterType.Bool) return new TExpr { E = Expression.Constant(v.AsBool), Pos = pos, Type = FilterType.Bool, IsConst = true, Const = v };
        return new TExpr
        {
            E = Expression.Constant(v),
            Pos = pos,
            Type = v.Type,
            IsConst = true,
            Const = v,
            RawInt = v.Type == FilterType.Int ? Expression.Constant(v.AsInt) : null,
        };
    }

    private TExpr CompileAttributeRead(AttributeRef a)
    {
        var (info, custom) = compiler.ResolveAttribute(a);
        if (info.IsStatic && custom is null)
        {
            // Fetched from the route on first use, kept in a local until a static attribute is assigned.
            if (!statics.TryGetValue(info.Id, out var cached))
            {
                cached = Expression.Variable(typeof(Value), "static_" + info.Name);
                variables.Add(cached);
                statics[info.Id] = cached;
            }
            var bit = Expression.Constant(1UL << (int)info.Id);
            var parts = info.Id == RouteAttribute.Net ? NetPartsVariables() : null;
            var ensure = Expression.IfThen(
                Expression.Equal(Expression.And(staticsLoaded, bit), Expression.Constant(0UL)),
                Expression.Block(
                    info.Id <= RouteAttribute.IfIndex
                        ? Expression.IfThenElse(HasEditor,
                            Expression.Call(StaticReaders.Of(info.Id), editor, cached),
                            RouteGetInto(info.Id, null, a.Pos, cached, noEditor: true))
                        : RouteGetInto(info.Id, null, a.Pos, cached),
                    parts is null ? Expression.Empty() : FillNetParts(parts, cached),
                    Expression.OrAssign(staticsLoaded, bit)));
            return new TExpr { E = Expression.Block(ensure, cached), Var = cached, Ensure = ensure, Pos = a.Pos, Type = info.Type, Net = parts };
        }
        Value? emptyList = info.Type switch
        {
            FilterType.Clist => Value.Clist([]),
            FilterType.EcList => Value.EcList([]),
            FilterType.LcList => Value.LcList([]),
            _ => null,
        };
        var read = RouteGet(info.Id, custom, a.Pos);
        var plainEa = custom is null ? RouteEditorRoute.PlainEaId(info.Id) : 0;
        if (plainEa != 0)
            read = Expression.Condition(HasEditor,
                Expression.Call(typeof(RouteEditorRoute).GetMethod(nameof(RouteEditorRoute.ReadStored), Internal)!, editor, Expression.Constant(plainEa)), read);
        ParameterExpression? var = null;
        Expression? ensureEa = null;
        if (EaSlot(info.Id, custom) is { } slot)
        {
            var bit = Expression.Constant(slot.Bit);
            // Read straight into the slot: no 32-byte temporary per read site in the frame.
            var fill = plainEa != 0
                ? Expression.IfThenElse(HasEditor,
                    Expression.Call(typeof(RouteEditorRoute).GetMethod(nameof(RouteEditorRoute.ReadStoredInto), Internal)!, editor, Expression.Constant(plainEa), slot.Var),
                    RouteGetInto(info.Id, custom, a.Pos, slot.Var, noEditor: true))
                : RouteGetInto(info.Id, custom, a.Pos, slot.Var);
            ensureEa = Expression.IfThen(
                Expression.Equal(Expression.And(easLoaded, bit), Expression.Constant(0UL)),
                Expression.Block(fill, Expression.OrAssign(easLoaded, bit)));
            var = slot.Var;
            read = Expression.Block(ensureEa, slot.Var);
        }
        if (compiler.ReadsAsInt(info))
            return new TExpr { E = Expression.Call(typeof(Compiler).GetMethod(nameof(Compiler.AsInt), Internal)!, read), Pos = a.Pos, Type = FilterType.Int };
        if (emptyList is { } empty)
            return new TExpr { E = Expression.Call(TreeRuntime.Method(nameof(TreeRuntime.OrEmpty)), read, Expression.Constant(empty)), Pos = a.Pos, Type = info.Type };
        return new TExpr { E = read, Var = var, Ensure = ensureEa, Pos = a.Pos, Type = info.Type };
    }

    private Expression HasEditor => Expression.NotEqual(editor, Expression.Constant(null, typeof(RouteEditor)));

    /// <summary>Reads an attribute through the route into a variable (a call returning a value would add a temporary to the frame).</summary>
    private Expression RouteGetInto(RouteAttribute id, string? custom, SourcePos pos, ParameterExpression into, bool noEditor = false) =>
        Expression.Block(noEditor ? Expression.Empty() : FlushWrites(), Expression.Call(TreeRuntime.Method(nameof(TreeRuntime.GetInto)), route, Expression.Constant(id), Expression.Constant(custom, typeof(string)), Expression.Constant(pos), into));

    private Expression RouteGet(RouteAttribute id, string? custom, SourcePos pos) =>
        Expression.Block(FlushWrites(), Expression.Call(TreeRuntime.Method(nameof(TreeRuntime.Get)), route, Expression.Constant(id), Expression.Constant(custom, typeof(string)), Expression.Constant(pos)));

    private TExpr CompileNot(UnaryExpr u)
    {
        var e = Expect(CompileExpr(u.Operand), FilterType.Bool);
        var pos = u.Pos;
        if (e.IsCond) return Condition(pos, Expression.Not(e.E));
        return Condition(pos, Expression.Call(TreeRuntime.Method(nameof(TreeRuntime.Not)), e.E, Expression.Constant(pos)));
    }

    private TExpr CompileDefined(DefinedExpr d)
    {
        if (d.Operand is AttributeRef a && compiler.ResolveAttribute(a).Info.AlwaysDefined)
            return Constant(d.Pos, Value.True);
        var e = CompileExpr(d.Operand);
        if (e.IsConst) return Constant(d.Pos, Value.Bool(!e.Const.IsVoid));
        if (e.IsCond) return Condition(d.Pos, Expression.Block(e.E, Expression.Constant(true)));
        return Condition(d.Pos, Expression.NotEqual(Expression.Field(e.E, TreeMembers.ValueType), Expression.Constant(FilterType.Void)));
    }

    private static TExpr Condition(SourcePos pos, Expression cond) => new() { E = cond, Pos = pos, Type = FilterType.Bool };

    /// <summary>A value form of any expression (conditions become <see cref="Value.Bool"/>).</summary>
    private static Expression AsValue(TExpr e)
    {
        if (e.IsCond) return Expression.Call(typeof(Value).GetMethod(nameof(Value.Bool))!, e.E);
        if (e.RawInt is { } raw && !e.IsConst) return Expression.Call(typeof(Value).GetMethod(nameof(Value.Int))!, raw);
        return e.E;
    }

    /// <summary>A condition form of any expression; a non-bool value is BIRD's run-time error.</summary>
    private static Expression Cond(TExpr e, SourcePos pos) =>
        e.IsCond ? e.E : Expression.Call(typeof(Compiler).GetMethod(nameof(Compiler.Bool), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!, e.E, Expression.Constant(pos));

    /// <summary>Static type checks the closure compiler turns into (1.6) run-time errors: we leave those filters to it.</summary>
    private static TExpr Expect(TExpr e, FilterType type)
    {
        if (e.Type is null || e.Type == type) return e;
        throw Unsupported($"type error at {e.Pos}");
    }

    private static Expression Coerce(TExpr e, FilterType want, string what)
    {
        if (e.Type == want) return AsValue(e);
        if (e.IsConst && Compiler.PromoteConst(CExpr.Constant(e.Pos, e.Const), want) is { } promoted) return Expression.Constant(promoted.Const);
        if (e.Type is { } have && have != FilterType.Void && !(want == FilterType.Quad && have == FilterType.Ip) && !(want == FilterType.PrefixSet && have == FilterType.Set))
            throw Unsupported($"type error at {e.Pos}");
        return Expression.Call(typeof(Compiler).GetMethod(nameof(Compiler.Convert), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!,
            AsValue(e), Expression.Constant(want), Expression.Constant(e.Pos), Expression.Constant(what));
    }
}
