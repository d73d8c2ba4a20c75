using System.Linq.Expressions;
using Bgpd.Config;
using Bgpd.Config.Filters;
using Bgpd.Filters.Values;

namespace Bgpd.Filters.Compiler.Tree;

internal sealed partial class TreeCompiler
{
    private static readonly System.Reflection.BindingFlags Internal = System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static;

    private TExpr CompileBinary(BinaryExpr b)
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

    private static (TExpr, TExpr) Promote(TExpr a, TExpr b)
    {
        if (a.Type is { } ta && b.Type is { } tb && ta != tb)
        {
            b = PromoteConst(b, ta) ?? b;
            a = PromoteConst(a, tb) ?? a;
        }
        return (a, b);
    }

    private static TExpr? PromoteConst(TExpr e, FilterType want) =>
        e.IsConst && Compiler.PromoteConst(CExpr.Constant(e.Pos, e.Const), want) is { } p ? Constant(e.Pos, p.Const) : null;

    /// <summary>Evaluates <paramref name="e"/> once into a variable and builds a test on it.</summary>
    private Expression OnValue(TExpr e, Func<Expression, Expression> test)
    {
        if (e.Var is { } v) return e.Ensure is null ? test(v) : Expression.Block(e.Ensure, test(v));
        var temp = Expression.Variable(typeof(Value), "operand");
        variables.Add(temp);
        return Expression.Block(Expression.Assign(temp, AsValue(e)), test(temp));
    }

    /// <summary>The <c>uint</c> of an operand of arithmetic (BIRD's "int expected" error otherwise).</summary>
    private Expression IntOf(TExpr e, SourcePos pos, string sym)
    {
        if (e.RawInt is { } raw) return raw;
        return OnValue(e, v => Expression.Condition(
            Expression.Equal(Expression.Field(v, TreeMembers.ValueType), Expression.Constant(FilterType.Int)),
            Expression.Convert(Word(v), typeof(uint)),
            Expression.Call(TreeRuntime.Method(nameof(TreeRuntime.IntFail)), v, Expression.Constant(pos), Expression.Constant(sym))));
    }

    private TExpr Arithmetic(BinaryOp op, SourcePos pos, TExpr left, TExpr right)
    {
        if ((left.Type is { } lt && lt != FilterType.Int) || (right.Type is { } rt && rt != FilterType.Int))
            throw Unsupported($"type error at {pos}");
        var sym = op switch { BinaryOp.Add => "+", BinaryOp.Sub => "-", BinaryOp.Mul => "*", _ => "/" };
        var (a, b) = (IntOf(left, pos, sym), IntOf(right, pos, sym));
        Expression raw = op switch
        {
            BinaryOp.Add => Expression.Add(a, b),
            BinaryOp.Sub => Expression.Subtract(a, b),
            BinaryOp.Mul => Expression.Multiply(a, b),
            _ => Expression.Call(TreeRuntime.Method(nameof(TreeRuntime.Divide)), a, b, Expression.Constant(pos)),
        };
        return new TExpr { E = Expression.Call(typeof(Value).GetMethod(nameof(Value.Int))!, raw), RawInt = raw, Pos = pos, Type = FilterType.Int };
    }

    private TExpr Logic(bool and, SourcePos pos, TExpr left, TExpr right)
    {
        left = Expect(left, FilterType.Bool);
        right = Expect(right, FilterType.Bool);
        if (left.IsConst && left.Const.Type == FilterType.Bool && left.Const.AsBool != and) return Constant(pos, Value.Bool(!and));
        var (l, r) = (Cond(left, pos), Cond(right, pos));
        return Condition(pos, and ? Expression.AndAlso(l, r) : Expression.OrElse(l, r));
    }

    private TExpr Equality(bool eq, SourcePos pos, TExpr left, TExpr right)
    {
        Expression test;
        if (right.IsConst && !left.IsConst && right.Const.Type.IsWordScalar() && right.Const.Type != FilterType.Quad)
        {
            var (type, word) = (right.Const.Type, right.Const.Word);
            test = left.IsCond && type == FilterType.Bool
                ? Expression.Equal(left.E, Expression.Constant(word != 0))
                : OnValue(left, v => Expression.AndAlso(IsType(v, type), Expression.Equal(Word(v), Expression.Constant(word))));
        }
        else if (right.IsConst && !left.IsConst && right.Const.Type == FilterType.Prefix && left.Net is { } parts)
        {
            test = NetEquals(left, parts, right.Const);
        }
        else if (right.IsConst && !left.IsConst && right.Const.Type == FilterType.Prefix)
        {
            var c = right.Const;
            test = OnValue(left, v => Expression.Call(TreeRuntime.Method(nameof(TreeRuntime.PrefixEquals)), v,
                Expression.Constant(c.V6), Expression.Constant(c.Len), Expression.Constant((ulong)(c.Wide >> 64)), Expression.Constant((ulong)c.Wide)));
        }
        else
        {
            test = Expression.Call(typeof(Compiler).GetMethod(nameof(Compiler.Equal), Internal)!, AsValue(left), AsValue(right));
        }
        return Condition(pos, eq ? test : Expression.Not(test));
    }

    private TExpr Ordering(BinaryOp op, SourcePos pos, TExpr left, TExpr right)
    {
        if (left.Type is { } lt && right.Type is { } rt && lt != rt && !(lt == FilterType.Quad && rt == FilterType.Ip) && !(lt == FilterType.Ip && rt == FilterType.Quad))
            throw Unsupported($"type error at {pos}");
        Func<Expression, Expression, Expression> cmp = op switch
        {
            BinaryOp.Lt => Expression.LessThan,
            BinaryOp.Le => Expression.LessThanOrEqual,
            BinaryOp.Gt => Expression.GreaterThan,
            _ => Expression.GreaterThanOrEqual,
        };
        var compare = typeof(Compiler).GetMethod(nameof(Compiler.Compare), Internal)!;
        if (right.IsConst && !left.IsConst && right.Const.Type == FilterType.Int)
        {
            // `krt_metric < 1024`: ints compare directly, anything else as BIRD's val_compare.
            var c = right.Const;
            if (left.RawInt is { } raw) return Condition(pos, cmp(raw, Expression.Constant(c.AsInt)));
            return Condition(pos, OnValue(left, v => Expression.Condition(
                Expression.Equal(Expression.Field(v, TreeMembers.ValueType), Expression.Constant(FilterType.Int)),
                cmp(Word(v), Expression.Constant(c.Word)),
                cmp(Expression.Call(compare, v, Expression.Constant(c), Expression.Constant(pos)), Expression.Constant(0)))));
        }
        return Condition(pos, cmp(Expression.Call(compare, AsValue(left), AsValue(right), Expression.Constant(pos)), Expression.Constant(0)));
    }

    private TExpr Match(bool positive, SourcePos pos, TExpr left, TExpr right)
    {
        var generic = typeof(Compiler).GetMethod(nameof(Compiler.GenericMatch), Internal)!;
        Expression test;
        if (right.IsConst && right.Const.Type is FilterType.PrefixSet or FilterType.Prefix && left.Net is { } parts)
        {
            test = right.Const.Type == FilterType.PrefixSet ? NetInSet(left, parts, right.Const, pos) : NetWithin(left, parts, right.Const, pos);
        }
        else if (right.IsConst && right.Const.Type == FilterType.PrefixSet && left.Type == FilterType.Prefix)
        {
            var set = right.Const;
            test = OnValue(left, v => Expression.Condition(IsType(v, FilterType.Prefix),
                Expression.Call(TreeRuntime.Method(nameof(TreeRuntime.InPrefixSet)), v, Expression.Constant(set.AsPrefixSet)),
                Expression.Call(generic, v, Expression.Constant(set), Expression.Constant(pos))));
        }
        else if (right.IsConst && right.Const.Type == FilterType.String && left.Type == FilterType.String)
        {
            // `ifname ~ "tap*"` is a StartsWith, `"*.cali"` an EndsWith; other shapes run BIRD's patmatch.
            var pattern = GlobPattern.Compile(right.Const.AsString);
            var c = right.Const;
            test = OnValue(left, v =>
            {
                var text = Expression.Convert(Expression.Property(v, TreeMembers.ValueRef), typeof(string));
                Expression matches =
                    pattern.StartsWithPart is { } prefix ? Expression.Call(text, typeof(string).GetMethod(nameof(string.StartsWith), [typeof(string), typeof(StringComparison)])!, Expression.Constant(prefix), Expression.Constant(StringComparison.Ordinal))
                    : pattern.EndsWithPart is { } suffix ? Expression.Call(text, typeof(string).GetMethod(nameof(string.EndsWith), [typeof(string), typeof(StringComparison)])!, Expression.Constant(suffix), Expression.Constant(StringComparison.Ordinal))
                    : pattern.ExactPart is { } exact ? Expression.Call(typeof(string).GetMethod(nameof(string.Equals), [typeof(string), typeof(string), typeof(StringComparison)])!, text, Expression.Constant(exact), Expression.Constant(StringComparison.Ordinal))
                    : Expression.Call(Expression.Constant(pattern), typeof(GlobPattern).GetMethod(nameof(GlobPattern.Matches))!, text);
                return Expression.Condition(IsType(v, FilterType.String), matches, Expression.Call(generic, v, Expression.Constant(c), Expression.Constant(pos)));
            });
        }
        else if (right.IsConst && right.Const.Type == FilterType.Prefix && left.Type == FilterType.Prefix)
        {
            var net = right.Const.AsPrefix;
            var (v6, len, bits) = (net.IsV6, (byte)net.Length, net.Address.Bits);
            var mask = len == 0 ? UInt128.Zero : UInt128.MaxValue << ((v6 ? 128 : 32) - len);
            if (!v6) mask &= uint.MaxValue;
            var c = right.Const;
            test = OnValue(left, v => Expression.Condition(IsType(v, FilterType.Prefix),
                Expression.Call(TreeRuntime.Method(nameof(TreeRuntime.PrefixWithin)), v, Expression.Constant(v6), Expression.Constant(len),
                    Expression.Constant((ulong)(mask >> 64)), Expression.Constant((ulong)mask), Expression.Constant((ulong)(bits >> 64)), Expression.Constant((ulong)bits)),
                Expression.Call(generic, v, Expression.Constant(c), Expression.Constant(pos))));
        }
        else
        {
            test = Expression.Call(generic, AsValue(left), AsValue(right), Expression.Constant(pos));
        }
        return Condition(pos, positive ? test : Expression.Not(test));
    }

    private static Expression IsType(Expression v, FilterType type) =>
        Expression.Equal(Expression.Field(v, TreeMembers.ValueType), Expression.Constant(type));
}
