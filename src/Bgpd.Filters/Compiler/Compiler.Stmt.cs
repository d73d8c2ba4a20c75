using Bgpd.Config;
using Bgpd.Config.Filters;
using Bgpd.Filters.Runtime;
using Bgpd.Filters.Values;

namespace Bgpd.Filters.Compiler;

internal sealed partial class Compiler
{
    private StmtFn CompileBlock(BlockStmt block, bool newScope = true) => CompileStatements(block.Statements, newScope);

    private StmtFn CompileStatements(IReadOnlyList<FilterStmt> statements, bool newScope)
    {
        var savedScope = scope;
        var savedNext = frame.Next;
        if (newScope) scope = new Scope(scope);
        try
        {
            var stmts = statements.Select(CompileStmt).ToArray();
            return stmts.Length switch
            {
                0 => _ => Flow.Next,
                1 => stmts[0],
                2 => Two(stmts[0], stmts[1]),
                _ => ctx =>
                {
                    foreach (var s in stmts)
                    {
                        var flow = s(ctx);
                        if (flow != Flow.Next) return flow;
                    }
                    return Flow.Next;
                }
                ,
            };
        }
        finally
        {
            if (newScope)
            {
                scope = savedScope;
                frame.Next = savedNext;
            }
        }
    }

    private static StmtFn Two(StmtFn a, StmtFn b) => ctx =>
    {
        var flow = a(ctx);
        return flow != Flow.Next ? flow : b(ctx);
    };

    private StmtFn CompileStmt(FilterStmt stmt) => stmt switch
    {
        BlockStmt b => CompileBlock(b),
        IfStmt i => CompileIf(i),
        CaseStmt c => CompileCase(c),
        ForStmt f => CompileFor(f),
        ReturnStmt r => CompileReturn(r),
        BreakStmt b => CompileBreak(b),
        PrintStmt p => CompilePrint(p),
        AssignStmt a => CompileAssign(a.Pos, a.Target, CompileExpr(a.Value)),
        UnsetStmt u => CompileUnset(u),
        UpdateStmt u => CompileUpdate(u),
        CallStmt c => CompileCallStmt(c),
        DeclStmt d => CompileDecl(d),
        BtAssertStmt a => CompileAssert(a.Pos, CompileExpr(a.Condition)),
        BtCallStmt b => CompileBtCall(b),
        _ => throw Error(stmt.Pos, $"Unsupported statement {stmt.GetType().Name}"),
    };

    private StmtFn CompileIf(IfStmt s)
    {
        var cond = Expect(CompileExpr(s.Condition), FilterType.Bool, "If condition");
        var then = CompileStmt(s.Then);
        var otherwise = s.Else is null ? null : CompileStmt(s.Else);
        var c = CondOf(cond, s.Pos);
        if (otherwise is null)
            return ctx => c(ctx) ? then(ctx) : Flow.Next;
        return ctx => c(ctx) ? then(ctx) : otherwise(ctx);
    }

    private StmtFn CompileCase(CaseStmt s)
    {
        var subject = CompileExpr(s.Subject).Fn;
        var arms = s.Arms.Select(a =>
        {
            var set = BuildSet(a.Labels, a.Pos);
            return (Set: set, Body: CompileStatements(a.Body, newScope: true));
        }).ToArray();
        var otherwise = s.Else is null ? null : CompileStatements(s.Else, newScope: true);
        return ctx =>
        {
            var v = subject(ctx);
            foreach (var (set, body) in arms)
                if (ValueOps.Match(v, set) == true) return body(ctx);
            return otherwise is null ? Flow.Next : otherwise(ctx);
        };
    }

    private StmtFn CompileFor(ForStmt s)
    {
        var source = CompileExpr(s.Source);
        var savedScope = scope;
        var savedNext = frame.Next;
        scope = new Scope(scope);
        try
        {
            int slot;
            if (s.VarType is { } t)
            {
                slot = frame.Allocate();
                scope.Declare(s.Variable, slot, TypeOf(t));
            }
            else if (scope.TryFind(s.Variable, out var existing)) slot = existing.Slot;
            else throw Error(s.Pos, $"Symbol {s.Variable} is not a variable");
            var body = CompileStmt(s.Body);
            var src = source.Fn;
            var pos = s.Pos;
            return ctx =>
            {
                var list = src(ctx);
                switch (list.Type)
                {
                    case FilterType.Path:
                        foreach (var seg in list.AsPath.Segments)
                            foreach (var asn in seg.Asns)
                            {
                                ctx.Stack[ctx.Fp + slot] = Value.Int(asn);
                                var f = body(ctx);
                                if (f != Flow.Next) return f;
                            }
                        return Flow.Next;
                    case FilterType.Clist:
                        foreach (var c in list.AsClist)
                        {
                            ctx.Stack[ctx.Fp + slot] = Value.PairRaw(c);
                            var f = body(ctx);
                            if (f != Flow.Next) return f;
                        }
                        return Flow.Next;
                    case FilterType.EcList:
                        foreach (var e in list.AsEcList)
                        {
                            ctx.Stack[ctx.Fp + slot] = Value.Ec(e);
                            var f = body(ctx);
                            if (f != Flow.Next) return f;
                        }
                        return Flow.Next;
                    case FilterType.LcList:
                        foreach (var l in list.AsLcList)
                        {
                            ctx.Stack[ctx.Fp + slot] = Value.Lc(l);
                            var f = body(ctx);
                            if (f != Flow.Next) return f;
                        }
                        return Flow.Next;
                    default:
                        throw Runtime(pos, $"Can't iterate over {list.Type.Name()}");
                }
            };
        }
        finally
        {
            scope = savedScope;
            frame.Next = savedNext;
        }
    }

    private StmtFn CompileReturn(ReturnStmt r)
    {
        if (r.Value is null) return ctx => { ctx.ReturnValue = Value.Void; return Flow.Return; };
        var e = CompileExpr(r.Value).Fn;
        return ctx =>
        {
            ctx.ReturnValue = e(ctx);
            return Flow.Return;
        };
    }

    private Action<FilterContext> CompilePrintList(IReadOnlyList<FilterExpr> values)
    {
        var fns = values.Select(v => CompileExpr(v).Fn).ToArray();
        return ctx =>
        {
            foreach (var f in fns) ValuePrinter.Append(ctx.PrintBuffer, f(ctx));
        };
    }

    private StmtFn CompileBreak(BreakStmt b)
    {
        var print = b.Messages.Count > 0 ? CompilePrintList(b.Messages) : null;
        var pos = b.Pos;
        switch (b.Kind)
        {
            case BreakKind.Accept:
            case BreakKind.Reject:
            case BreakKind.Quitbird:
                var flow = b.Kind switch { BreakKind.Accept => Flow.Accept, BreakKind.Reject => Flow.Reject, _ => Flow.Quit };
                if (print is null) return _ => flow;
                return ctx =>
                {
                    print(ctx);
                    ctx.FlushPrint();
                    return flow;
                };
            default:
                return ctx =>
                {
                    print?.Invoke(ctx);
                    var message = ctx.PrintBuffer.ToString();
                    ctx.PrintBuffer.Clear();
                    throw Runtime(pos, message.Length > 0 ? message : "Error");
                };
        }
    }

    private StmtFn CompilePrint(PrintStmt p)
    {
        var print = CompilePrintList(p.Values);
        if (!p.NewLine) return ctx => { print(ctx); return Flow.Next; };
        return ctx =>
        {
            print(ctx);
            ctx.Output.Print?.Invoke(ctx.PrintBuffer.ToString());
            ctx.PrintBuffer.Clear();
            return Flow.Next;
        };
    }

    private StmtFn CompileAssign(SourcePos pos, FilterExpr target, CExpr value)
    {
        switch (target)
        {
            case SymbolRef s when scope.TryFind(s.Name, out var local):
                {
                    var f = Coerce(value, local.Type, $"Assigning to variable {s.Name}").Fn;
                    var slot = local.Slot;
                    return ctx =>
                    {
                        ctx.Stack[ctx.Fp + slot] = f(ctx);
                        return Flow.Next;
                    };
                }
            case SymbolRef s when RouteAttributes.Find(s.Name) != null || customAttributes.ContainsKey(s.Name):
                return CompileAssign(pos, new AttributeRef(s.Pos, s.Name, AttributeKind.Custom), value);
            case SymbolRef s:
                throw Error(s.Pos, defines.ContainsKey(s.Name) ? $"Constant {s.Name} can't be assigned to" : $"Symbol {s.Name} is not a variable");
            case AttributeRef a:
                {
                    var (info, custom) = ResolveAttribute(a);
                    if (info.ReadOnly) throw Error(a.Pos, $"Attribute {a.Name} is read-only");
                    var f = Coerce(value, info.Type, $"Setting attribute {a.Name}").Fn;
                    var id = info.Id;
                    if (info.IsStatic)
                    {
                        return ctx =>
                        {
                            var v = f(ctx);
                            (ctx.Route ?? throw Runtime(pos, "No route to set attributes on")).Set(id, v, custom);
                            ctx.StaticsChanged();
                            return Flow.Next;
                        };
                    }
                    return ctx =>
                    {
                        var v = f(ctx);
                        var route = ctx.Route ?? throw Runtime(pos, "No route to set attributes on");
                        route.Set(id, v, custom);
                        return Flow.Next;
                    };
                }
            default:
                throw Error(target.Pos, "Only variables and route attributes can be assigned to");
        }
    }

    private StmtFn CompileUnset(UnsetStmt u)
    {
        var (info, custom) = ResolveAttribute(u.Attribute);
        if (info.IsStatic) throw Error(u.Pos, $"Attribute {info.Name} can't be unset");
        var id = info.Id;
        var pos = u.Pos;
        return ctx =>
        {
            (ctx.Route ?? throw Runtime(pos, "No route to unset attributes on")).Unset(id, custom);
            return Flow.Next;
        };
    }

    private StmtFn CompileUpdate(UpdateStmt u)
    {
        var value = CompileExpr(new MethodCall(u.Pos, u.Target, u.Method, u.Args, u.Args.Count > 0));
        return CompileAssign(u.Pos, u.Target, value);
    }

    private StmtFn CompileCallStmt(CallStmt c)
    {
        var (run, _, _) = CompileInvocation(c.Call);
        return ctx =>
        {
            var flow = run(ctx);
            return flow is Flow.Accept or Flow.Reject or Flow.Quit ? flow : Flow.Next;
        };
    }

    private StmtFn CompileDecl(DeclStmt d)
    {
        // The initialiser sees the outer scope (BIRD: "int j = j + 1" reads the outer j).
        var init = d.Init is null ? null : CompileExpr(d.Init);
        var slot = frame.Allocate();
        var type = TypeOf(d.Variable.Type);
        scope.Declare(d.Variable.Name, slot, type);
        if (init is null) return ctx => { ctx.Stack[ctx.Fp + slot] = Value.Void; return Flow.Next; };
        var f = Coerce(init, type, $"Initialising variable {d.Variable.Name}").Fn;
        return ctx =>
        {
            ctx.Stack[ctx.Fp + slot] = f(ctx);
            return Flow.Next;
        };
    }

    private StmtFn CompileAssert(SourcePos pos, CExpr cond)
    {
        var c = cond.Fn;
        return ctx =>
        {
            var v = c(ctx);
            ctx.Output.Assert?.Invoke(new AssertResult(pos, v.Type == FilterType.Bool && v.AsBool));
            return Flow.Next;
        };
    }

    private StmtFn CompileBtCall(BtCallStmt b)
    {
        if (b.Name == "bt_check_assign" && b.Args.Count == 2)
        {
            var value = CompileExpr(b.Args[1]);
            var assign = CompileAssign(b.Pos, b.Args[0], value);
            var check = CompileAssert(b.Pos, CompileExpr(new BinaryExpr(b.Pos, BinaryOp.Eq, b.Args[0], b.Args[1])));
            return Two(assign, check);
        }
        throw Error(b.Pos, $"Unknown test helper {b.Name}");
    }
}
