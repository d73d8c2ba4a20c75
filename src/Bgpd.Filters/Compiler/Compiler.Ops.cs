using Bgpd.Config;
using Bgpd.Config.Filters;
using Bgpd.Filters.Runtime;
using Bgpd.Filters.Values;

namespace Bgpd.Filters.Compiler;

internal sealed partial class Compiler
{
    private CExpr CompileBinary(BinaryExpr b)
    {
        var left = CompileExpr(b.Left);
        var right = CompileExpr(b.Right);
        switch (b.Op)
        {
            case BinaryOp.Add or BinaryOp.Sub or BinaryOp.Mul or BinaryOp.Div:
                return Arithmetic(b.Op, b.Pos, left, right);
            case BinaryOp.And or BinaryOp.Or:
                return Logic(b.Op == BinaryOp.And, b.Pos, left, right);
            case BinaryOp.Eq or BinaryOp.Ne:
                (left, right) = Promote(left, right);
                return Equality(b.Op == BinaryOp.Eq, b.Pos, left, right);
            case BinaryOp.Match or BinaryOp.NotMatch:
                return Match(b.Op == BinaryOp.Match, b.Pos, left, right);
            default:
                (left, right) = Promote(left, right);
                return Ordering(b.Op, b.Pos, left, right);
        }
    }

    /// <summary>BIRD's constant promotion between operands: IPv4 constant to quad, <c>[]</c> to an empty prefix set.</summary>
    private static (CExpr, CExpr) Promote(CExpr a, CExpr b)
    {
        if (a.Type is { } ta && b.Type is { } tb && ta != tb)
        {
            b = PromoteConst(b, ta) ?? b;
            a = PromoteConst(a, tb) ?? a;
        }
        return (a, b);
    }

    internal static CExpr? PromoteConst(CExpr e, FilterType want)
    {
        if (!e.IsConst) return null;
        if (want == FilterType.Quad && e.Const.IsIp4) return CExpr.Constant(e.Pos, Value.Quad((uint)e.Const.Wide));
        if (want == FilterType.PrefixSet && e.Const.Type == FilterType.Set && e.Const.AsSet.IsEmpty)
            return CExpr.Constant(e.Pos, Value.PrefixSet(PrefixSet.Empty));
        return null;
    }

    private CExpr Arithmetic(BinaryOp op, SourcePos pos, CExpr left, CExpr right)
    {
        var sym = op switch { BinaryOp.Add => "+", BinaryOp.Sub => "-", BinaryOp.Mul => "*", _ => "/" };
        if ((left.Type is { } lt && lt != FilterType.Int) || (right.Type is { } rt && rt != FilterType.Int))
            return TypeError(pos, $"Incompatible types in operator {sym}: {left.Type?.Name()} and {right.Type?.Name()}");
        var (fl, fr) = (left.Fn, right.Fn);
        ExprFn fn = op switch
        {
            BinaryOp.Add => ctx => Value.Int(IntOf(fl(ctx), pos, "+") + IntOf(fr(ctx), pos, "+")),
            BinaryOp.Sub => ctx => Value.Int(IntOf(fl(ctx), pos, "-") - IntOf(fr(ctx), pos, "-")),
            BinaryOp.Mul => ctx => Value.Int(IntOf(fl(ctx), pos, "*") * IntOf(fr(ctx), pos, "*")),
            _ => ctx =>
            {
                var a = IntOf(fl(ctx), pos, "/");
                var d = IntOf(fr(ctx), pos, "/");
                if (d == 0) throw Runtime(pos, "Mother told me not to divide by 0");
                return Value.Int(a / d);
            }
            ,
        };
        return Derived(pos, FilterType.Int, fn, left, right);
    }

    private CExpr Logic(bool and, SourcePos pos, CExpr left, CExpr right)
    {
        left = Expect(left, FilterType.Bool, and ? "Operand of &&" : "Operand of ||");
        right = Expect(right, FilterType.Bool, and ? "Operand of &&" : "Operand of ||");
        // Short-circuit: a constant left side decides without evaluating (or folding) the right.
        if (left.IsConst && left.Const.Type == FilterType.Bool && left.Const.AsBool != and)
            return CExpr.Constant(pos, Value.Bool(!and));
        var (cl, cr) = (CondOf(left, pos), CondOf(right, pos));
        CondFn cond = and ? ctx => cl(ctx) && cr(ctx) : ctx => cl(ctx) || cr(ctx);
        return Condition(pos, cond, left, right);
    }

    internal static bool Bool(in Value v, SourcePos pos) =>
        v.Type == FilterType.Bool ? v.AsBool : throw Runtime(pos, $"Boolean expected, got {v.Type.Name()}");

    private static CExpr Equality(bool eq, SourcePos pos, CExpr left, CExpr right)
    {
        var (fl, fr) = (left.Fn, right.Fn);
        CondFn cond;
        if (right.IsConst && !left.IsConst && right.Const.Type.IsWordScalar() && right.Const.Type != FilterType.Quad)
        {
            // `source = RTS_BGP`, `bgp_local_pref = 100`: values of another type are never equal.
            var (type, word) = (right.Const.Type, right.Const.Word);
            cond = ctx =>
            {
                var v = fl(ctx);
                return (v.Type == type && v.Word == word) == eq;
            };
        }
        else if (right.IsConst && !left.IsConst && right.Const.Type == FilterType.Prefix)
        {
            // `net = 10.0.0.0/30`
            var (v6, len, bits) = (right.Const.V6, right.Const.Len, right.Const.Wide);
            if (left.StaticRead is { } attribute)
            {
                var at = left.Pos;
                cond = ctx =>
                {
                    ref readonly var v = ref ctx.StaticRef(attribute, at);
                    return (v.Type == FilterType.Prefix && v.V6 == v6 && v.Len == len && v.Wide == bits) == eq;
                };
            }
            else
            {
                cond = ctx =>
                {
                    var v = fl(ctx);
                    return (v.Type == FilterType.Prefix && v.V6 == v6 && v.Len == len && v.Wide == bits) == eq;
                };
            }
        }
        else
        {
            cond = eq ? ctx => Equal(fl(ctx), fr(ctx)) : ctx => !Equal(fl(ctx), fr(ctx));
        }
        return Condition(pos, cond, left, right);
    }

    internal static bool Equal(in Value a, in Value b) =>
        a.Type == b.Type && a.Type.IsWordScalar() ? a.Word == b.Word : ValueOps.Same(a, b);

    private CExpr Ordering(BinaryOp op, SourcePos pos, CExpr left, CExpr right)
    {
        if (left.Type is { } lt && right.Type is { } rt && lt != rt && !(lt == FilterType.Quad && rt == FilterType.Ip) && !(lt == FilterType.Ip && rt == FilterType.Quad))
            return TypeError(pos, $"Incompatible types in comparison: {lt.Name()} and {rt.Name()}");
        var (fl, fr) = (left.Fn, right.Fn);
        CondFn cond;
        if (right.IsConst && !left.IsConst && right.Const.Type == FilterType.Int)
        {
            // `krt_metric < 1024`: ints compare directly, anything else as BIRD's val_compare.
            var (c, cv) = (right.Const.Word, right.Const);
            cond = op switch
            {
                BinaryOp.Lt => ctx => { var v = fl(ctx); return v.Type == FilterType.Int ? v.Word < c : Compare(v, cv, pos) < 0; },
                BinaryOp.Le => ctx => { var v = fl(ctx); return v.Type == FilterType.Int ? v.Word <= c : Compare(v, cv, pos) <= 0; },
                BinaryOp.Gt => ctx => { var v = fl(ctx); return v.Type == FilterType.Int ? v.Word > c : Compare(v, cv, pos) > 0; },
                _ => ctx => { var v = fl(ctx); return v.Type == FilterType.Int ? v.Word >= c : Compare(v, cv, pos) >= 0; },
            };
        }
        else
        {
            cond = op switch
            {
                BinaryOp.Lt => ctx => Compare(fl(ctx), fr(ctx), pos) < 0,
                BinaryOp.Le => ctx => Compare(fl(ctx), fr(ctx), pos) <= 0,
                BinaryOp.Gt => ctx => Compare(fl(ctx), fr(ctx), pos) > 0,
                _ => ctx => Compare(fl(ctx), fr(ctx), pos) >= 0,
            };
        }
        return Condition(pos, cond, left, right);
    }

    internal static int Compare(in Value a, in Value b, SourcePos pos)
    {
        if (a.Type == b.Type && a.Type == FilterType.Int) return a.Word.CompareTo(b.Word);
        if (!ValueOps.TryCompare(a, b, out var c)) throw Runtime(pos, "Can't compare values of incompatible types");
        return c;
    }

    private CExpr Match(bool positive, SourcePos pos, CExpr left, CExpr right)
    {
        var (fl, fr) = (left.Fn, right.Fn);
        CondFn cond;
        if (right.IsConst && right.Const.Type == FilterType.PrefixSet && left.Type == FilterType.Prefix)
        {
            var set = right.Const.AsPrefixSet;
            cond = ctx =>
            {
                var v = fl(ctx);
                if (v.Type != FilterType.Prefix) return GenericMatch(v, Value.PrefixSet(set), pos) == positive;
                return set.Matches(v.V6, v.Wide, v.Len) == positive;
            };
        }
        else if (right.IsConst && right.Const.Type == FilterType.String && left.Type == FilterType.String)
        {
            var pattern = GlobPattern.Compile(right.Const.AsString);
            var (attribute, at) = (left.StaticRead, left.Pos);
            cond = ctx =>
            {
                var v = attribute is { } a ? ctx.StaticRef(a, at) : fl(ctx);
                if (v.Type != FilterType.String) return GenericMatch(v, Value.Str(pattern.Text), pos) == positive;
                return pattern.Matches(v.AsString) == positive;
            };
        }
        else if (right.IsConst && right.Const.Type == FilterType.Prefix && left.Type == FilterType.Prefix)
        {
            // `net ~ 10.0.0.0/16`: same family, at least as long, same leading bits.
            var net = right.Const.AsPrefix;
            var (v6, len, bits) = (net.IsV6, net.Length, net.Address.Bits);
            var mask = len == 0 ? UInt128.Zero : UInt128.MaxValue << ((v6 ? 128 : 32) - len);
            if (!v6) mask &= uint.MaxValue;
            if (left.StaticRead is { } attribute)
            {
                var at = left.Pos;
                cond = ctx =>
                {
                    ref readonly var v = ref ctx.StaticRef(attribute, at);
                    if (v.Type != FilterType.Prefix) return GenericMatch(v, Value.Net(net), pos) == positive;
                    return (v.V6 == v6 && v.Len >= len && (v.Wide & mask) == bits) == positive;
                };
            }
            else
            {
                cond = ctx =>
                {
                    var v = fl(ctx);
                    if (v.Type != FilterType.Prefix) return GenericMatch(v, Value.Net(net), pos) == positive;
                    return (v.V6 == v6 && v.Len >= len && (v.Wide & mask) == bits) == positive;
                };
            }
        }
        else
        {
            cond = ctx => GenericMatch(fl(ctx), fr(ctx), pos) == positive;
        }
        return Condition(pos, cond, left, right);
    }

    internal static bool GenericMatch(in Value a, in Value b, SourcePos pos) =>
        ValueOps.Match(a, b) ?? throw Runtime(pos, $"~ applied on unknown type pair ({a.Type.Name()}, {b.Type.Name()})");
}
