using Bgpd.Config;
using Bgpd.Config.Filters;
using Bgpd.Filters.Runtime;
using Bgpd.Filters.Values;

namespace Bgpd.Filters.Compiler;

internal sealed partial class Compiler
{
    public CExpr CompileExpr(FilterExpr expr) => expr switch
    {
        IntLiteral i => IntConst(i),
        BoolLiteral b => CExpr.Constant(b.Pos, Value.Bool(b.Value)),
        StringLiteral s => CExpr.Constant(s.Pos, Value.Str(s.Value)),
        IpLiteral ip => CExpr.Constant(ip.Pos, Value.Ip(ip.Value)),
        PrefixLiteral p => CExpr.Constant(p.Pos, Value.Net(p.Value)),
        RdLiteral rd => CExpr.Constant(rd.Pos, Value.Rd(rd.Value)),
        EmptyLiteral e => CExpr.Constant(e.Pos, e.Kind switch
        {
            EmptyKind.Path => Value.Path(BgpPath.Empty),
            EmptyKind.Clist => Value.Clist([]),
            EmptyKind.Eclist => Value.EcList([]),
            _ => Value.LcList([]),
        }),
        EnumLiteral en => FilterEnums.TryGet(en.Name, dialect, out var ev)
            ? CExpr.Constant(en.Pos, ev)
            : throw Error(en.Pos, $"Unknown enum constant {en.Name}"),
        PairExpr p => CompilePair(p),
        EcExpr ec => CompileEc(ec),
        LcExpr lc => CompileLc(lc),
        SetLiteral set => CExpr.Constant(set.Pos, BuildSet(set.Items, set.Pos)),
        PathMaskLiteral m => CompileMask(m),
        SymbolRef s => CompileSymbol(s),
        AttributeRef a => CompileAttributeRead(a),
        UnaryExpr u => CompileNot(u),
        BinaryExpr b => CompileBinary(b),
        DefinedExpr d => CompileDefined(d),
        MethodCall m => CompileMethod(m),
        FunctionCall f => CompileCall(f),
        BuiltinCall b => CompileBuiltin(b),
        RoaLiteral r => CExpr.Constant(r.Pos, Value.Net(r.Prefix, new RoaInfo(r.MaxLength, (uint)r.Asn))),
        // Nets bgpd has no tables for: they parse, and evaluating them is a run-time error.
        FlowLiteral or VpnPrefixLiteral => new CExpr
        {
            Fn = _ => throw Runtime(expr.Pos, $"{(expr is FlowLiteral ? "flowspec" : "VPN")} nets are not supported"),
            Pos = expr.Pos,
            Type = FilterType.Prefix,
        },
        _ => throw Error(expr.Pos, $"Unsupported expression {expr.GetType().Name}"),
    };

    private static CExpr IntConst(IntLiteral i)
    {
        if (i.Value < 0 || i.Value > uint.MaxValue) throw Error(i.Pos, "Number out of range");
        return CExpr.Constant(i.Pos, Value.Int((uint)i.Value));
    }

    /// <summary>Builds an expression from children: folded to a constant when every child is one.</summary>
    private static CExpr Derived(SourcePos pos, FilterType? type, ExprFn fn, params CExpr[] children)
    {
        var pure = children.All(c => c.Pure);
        if (children.All(c => c.IsConst))
        {
            var ctx = new FilterContext();
            ctx.Reset(null, FilterOutput.Silent, 0);
            try
            {
                var v = fn(ctx);
                return new CExpr { Fn = _ => v, Pos = pos, Type = type ?? v.Type, IsConst = true, Const = v, Pure = true, Cond = CExpr.ConstCond(v) };
            }
            catch (FilterRuntimeException)
            {
                // Leave the error to run time (it may sit on a path that never runs).
            }
        }
        return new CExpr { Fn = fn, Pos = pos, Type = type, Pure = pure };
    }

    /// <summary>A bool-valued expression built from a condition: folded when every child is constant.</summary>
    private static CExpr Condition(SourcePos pos, CondFn cond, params CExpr[] children)
    {
        var e = Derived(pos, FilterType.Bool, ctx => Value.Bool(cond(ctx)), children);
        return e.IsConst ? e : new CExpr { Fn = e.Fn, Pos = pos, Type = FilterType.Bool, Pure = e.Pure, Cond = cond };
    }

    /// <summary>An expression used as a condition; a non-bool value is BIRD's run-time error at <paramref name="pos"/>.</summary>
    private static CondFn CondOf(CExpr e, SourcePos pos)
    {
        if (e.Cond is { } c) return c;
        var f = e.Fn;
        return ctx => Bool(f(ctx), pos);
    }

    internal static FilterRuntimeException Runtime(SourcePos pos, string message) => new(pos, message);

    internal static uint IntOf(in Value v, SourcePos pos, string what)
    {
        if (v.Type != FilterType.Int) throw Runtime(pos, $"{what}: int expected, got {v.Type.Name()}");
        return v.AsInt;
    }

    private CExpr Expect(CExpr e, FilterType type, string what)
    {
        if (e.Type is null || e.Type == type) return e;
        return TypeError(e.Pos, $"{what} must be of type {type.Name()}, got {e.Type.Value.Name()}");
    }

    private CExpr CompilePair(PairExpr p)
    {
        var a = Expect(CompileExpr(p.First), FilterType.Int, "Pair component");
        var b = Expect(CompileExpr(p.Second), FilterType.Int, "Pair component");
        var fa = a.Fn;
        var fb = b.Fn;
        var pos = p.Pos;
        return Derived(pos, FilterType.Pair, ctx =>
        {
            var x = IntOf(fa(ctx), pos, "Pair");
            var y = IntOf(fb(ctx), pos, "Pair");
            if (x > 0xFFFF || y > 0xFFFF) throw Runtime(pos, "Can't operate with value out of bounds in pair constructor");
            return Value.Pair(x, y);
        }, a, b);
    }

    /// <summary>Packs an extended community as BIRD does: 2-byte AS, IPv4 or 4-byte AS by the key's size and type.</summary>
    internal static ulong PackEc(EcKind kind, long unknownType, in Value key, uint val, SourcePos pos)
    {
        if (kind == EcKind.Generic)
        {
            var k = key.Type == FilterType.Ip ? (uint)key.Wide : (uint)key.Word;
            return ((ulong)k << 32) | val;
        }
        var sub = kind switch { EcKind.Rt => 2UL, EcKind.Ro => 3UL, _ => (ulong)unknownType };
        if (key.Type == FilterType.Ip || key.Type == FilterType.Quad)
        {
            if (val > 0xFFFF) throw Runtime(pos, "Can't operate with value out of bounds in EC constructor");
            var ip = key.Type == FilterType.Ip ? (uint)key.Wide : (uint)key.Word;
            return ((sub | 0x0100) << 48) | ((ulong)ip << 16) | val;
        }
        var asn = (uint)key.Word;
        if (asn < 65536) return (sub << 48) | ((ulong)asn << 32) | val;
        if (val > 0xFFFF) throw Runtime(pos, "Can't operate with value out of bounds in EC constructor");
        return ((sub | 0x0200) << 48) | ((ulong)asn << 16) | val;
    }

    private CExpr CompileEc(EcExpr ec)
    {
        var key = CompileExpr(ec.Asn);
        var val = Expect(CompileExpr(ec.Value), FilterType.Int, "EC value");
        var fk = key.Fn;
        var fv = val.Fn;
        var pos = ec.Pos;
        var kind = ec.Kind;
        var unknown = ec.UnknownType;
        return Derived(pos, FilterType.Ec, ctx => Value.Ec(PackEc(kind, unknown, fk(ctx), IntOf(fv(ctx), pos, "EC"), pos)), key, val);
    }

    private CExpr CompileLc(LcExpr lc)
    {
        var a = Expect(CompileExpr(lc.Global), FilterType.Int, "LC component");
        var b = Expect(CompileExpr(lc.Data1), FilterType.Int, "LC component");
        var c = Expect(CompileExpr(lc.Data2), FilterType.Int, "LC component");
        var (fa, fb, fc) = (a.Fn, b.Fn, c.Fn);
        var pos = lc.Pos;
        return Derived(pos, FilterType.Lc,
            ctx => Value.Lc(new Lc(IntOf(fa(ctx), pos, "LC"), IntOf(fb(ctx), pos, "LC"), IntOf(fc(ctx), pos, "LC"))), a, b, c);
    }

    private CExpr CompileSymbol(SymbolRef s)
    {
        if (scope.TryFind(s.Name, out var local))
        {
            var slot = local.Slot;
            return new CExpr { Fn = ctx => ctx.Stack[ctx.Fp + slot], Pos = s.Pos, Type = local.Type, Pure = false };
        }
        if (defines.ContainsKey(s.Name)) return CExpr.Constant(s.Pos, DefineValue(s.Name, s.Pos));
        if (RouteAttributes.Find(s.Name) != null || customAttributes.ContainsKey(s.Name))
            return CompileAttributeRead(new AttributeRef(s.Pos, s.Name, AttributeKind.Custom));
        if (FilterEnums.TryGet(s.Name, dialect, out var ev)) return CExpr.Constant(s.Pos, ev);
        throw Error(s.Pos, $"Symbol {s.Name} is not a variable or constant");
    }

    internal (AttributeInfo Info, string? Custom) ResolveAttribute(AttributeRef a)
    {
        if (customAttributes.TryGetValue(a.Name, out var def))
            return (new AttributeInfo(a.Name, RouteAttribute.Custom, TypeOf(def.Type)), a.Name);
        var info = RouteAttributes.Find(a.Name) ?? throw Error(a.Pos, $"Unknown attribute {a.Name}");
        return (info, null);
    }

    private CExpr CompileAttributeRead(AttributeRef a)
    {
        var (info, custom) = ResolveAttribute(a);
        var id = info.Id;
        var pos = a.Pos;
        if (info.IsStatic && custom is null)
            return new CExpr { Fn = ctx => ctx.Static(id, pos), Pos = pos, Type = info.Type, Pure = false, StaticRead = id };
        if (ReadsAsInt(info))
        {
            return new CExpr
            {
                Fn = ctx => AsInt((ctx.Route ?? throw Runtime(pos, "No route to read attributes from")).Get(id, custom)),
                Pos = pos,
                Type = FilterType.Int,
                Pure = false,
            };
        }
        // BIRD reads a missing community-list attribute as an empty list, so ".add" works on it.
        Value? emptyList = info.Type switch
        {
            FilterType.Clist => Value.Clist([]),
            FilterType.EcList => Value.EcList([]),
            FilterType.LcList => Value.LcList([]),
            _ => null,
        };
        if (emptyList is { } empty)
        {
            return new CExpr
            {
                Fn = ctx =>
                {
                    var v = (ctx.Route ?? throw Runtime(pos, "No route to read attributes from")).Get(id, custom);
                    return v.IsVoid ? empty : v;
                },
                Pos = pos,
                Type = info.Type,
                Pure = false,
            };
        }
        return new CExpr
        {
            Fn = ctx => (ctx.Route ?? throw Runtime(pos, "No route to read attributes from")).Get(id, custom),
            Pos = pos,
            Type = info.Type,
            Pure = false,
        };
    }

    /// <summary>
    /// BIRD 1.6 reads an integer extended attribute as a plain int even when it is declared with an
    /// enum type: <c>bgp_origin</c> prints as <c>1</c>, not <c>(enum 31)1</c>, and never equals
    /// <c>ORIGIN_EGP</c> (checked against BIRD 1.6.8). BIRD 2 reads it as the enum.
    /// </summary>
    internal bool ReadsAsInt(AttributeInfo info) => dialect != Bgpd.Config.Model.Dialect.Bird2 && !info.IsStatic && info.Type == FilterType.EnumOrigin;

    internal static Value AsInt(in Value v) => v.Type == FilterType.EnumOrigin ? Value.Int((uint)v.Word) : v;

    private CExpr CompileNot(UnaryExpr u)
    {
        var e = Expect(CompileExpr(u.Operand), FilterType.Bool, "Operand of !");
        var pos = u.Pos;
        if (e.Cond is { } c) return Condition(pos, ctx => !c(ctx), e);
        var f = e.Fn;
        return Condition(pos, ctx =>
        {
            var v = f(ctx);
            if (v.Type != FilterType.Bool) throw Runtime(pos, "! applied to non-bool");
            return !v.AsBool;
        }, e);
    }

    private CExpr CompileDefined(DefinedExpr d)
    {
        var e = CompileExpr(d.Operand);
        if (e.IsConst) return CExpr.Constant(d.Pos, Value.Bool(!e.Const.IsVoid));
        if (d.Operand is AttributeRef or SymbolRef && e.Type != null)
        {
            if (d.Operand is AttributeRef a && ResolveAttribute(a).Info.AlwaysDefined) return CExpr.Constant(d.Pos, Value.True);
        }
        var f = e.Fn;
        CondFn cond = ctx => f(ctx).Type != FilterType.Void;
        return new CExpr { Fn = ctx => Value.Bool(cond(ctx)), Pos = d.Pos, Type = FilterType.Bool, Pure = e.Pure, Cond = cond };
    }
}
