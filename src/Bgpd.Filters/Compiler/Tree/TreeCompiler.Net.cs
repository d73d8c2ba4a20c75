using System.Linq.Expressions;
using System.Reflection;
using Bgpd.Config;
using Bgpd.Filters.Values;

namespace Bgpd.Filters.Compiler.Tree;

/// <summary>The parts of the cached `net` value as locals, filled whenever the cache is.</summary>
internal sealed record NetParts(ParameterExpression IsPrefix, ParameterExpression V6, ParameterExpression Len,
    ParameterExpression Lo, ParameterExpression Hi);

/// <summary>
/// `net` as plain locals: Calico's calico_aggr tests `net` against a constant ~15 times per route.
/// A compiled filter is one big method, and the JIT stops inlining into a big method early, so
/// these tests are generated as field reads and integer compares instead of helper calls.
/// </summary>
internal sealed partial class TreeCompiler
{
    private NetParts? netParts;

    private static readonly FieldInfo LoField = typeof(Value).GetField("lo", BindingFlags.NonPublic | BindingFlags.Instance)!;
    private static readonly FieldInfo HiField = typeof(Value).GetField("hi", BindingFlags.NonPublic | BindingFlags.Instance)!;

    /// <summary>The low word of a value (its int, enum, bool, ...), read as a field, not through a call.</summary>
    private static Expression Word(Expression v) => Expression.Field(v, LoField);

    private NetParts NetPartsVariables()
    {
        if (netParts is { } parts) return parts;
        parts = new NetParts(Expression.Variable(typeof(bool), "net_is_prefix"), Expression.Variable(typeof(bool), "net_v6"),
            Expression.Variable(typeof(int), "net_len"), Expression.Variable(typeof(ulong), "net_lo"), Expression.Variable(typeof(ulong), "net_hi"));
        variables.AddRange([parts.IsPrefix, parts.V6, parts.Len, parts.Lo, parts.Hi]);
        return netParts = parts;
    }

    /// <summary>Copies the cached `net` value into its parts (right after the cache is filled).</summary>
    private static Expression FillNetParts(NetParts p, ParameterExpression cached) => Expression.Block(
        Expression.Assign(p.IsPrefix, IsType(cached, FilterType.Prefix)),
        Expression.Assign(p.V6, Expression.Field(cached, TreeMembers.ValueV6)),
        Expression.Assign(p.Len, Expression.Convert(Expression.Field(cached, TreeMembers.ValueLen), typeof(int))),
        Expression.Assign(p.Lo, Expression.Field(cached, LoField)),
        Expression.Assign(p.Hi, Expression.Field(cached, HiField)));

    /// <summary>`net = C` on the parts (false for a non-prefix, as <see cref="TreeRuntime.PrefixEquals"/>).</summary>
    private static Expression NetEquals(TExpr net, NetParts p, in Value c) => Expression.Block(net.Ensure!,
        AllOf(p.IsPrefix, Expression.Equal(p.V6, Expression.Constant(c.V6)), Expression.Equal(p.Len, Expression.Constant((int)c.Len)),
            Expression.Equal(p.Lo, Expression.Constant((ulong)c.Wide)), Expression.Equal(p.Hi, Expression.Constant((ulong)(c.Wide >> 64)))));

    /// <summary>`net ~ C` on the parts: same family, at least as long, same leading bits; BIRD's generic match for a non-prefix.</summary>
    private static Expression NetWithin(TExpr net, NetParts p, in Value c, SourcePos pos)
    {
        var prefix = c.AsPrefix;
        var (v6, len, bits) = (prefix.IsV6, prefix.Length, prefix.Address.Bits);
        var mask = len == 0 ? UInt128.Zero : UInt128.MaxValue << ((v6 ? 128 : 32) - len);
        if (!v6) mask &= uint.MaxValue;
        var within = AllOf(Expression.Equal(p.V6, Expression.Constant(v6)), Expression.GreaterThanOrEqual(p.Len, Expression.Constant((int)len)),
            Masked(p.Lo, (ulong)mask, (ulong)bits), Masked(p.Hi, (ulong)(mask >> 64), (ulong)(bits >> 64)));
        return Expression.Block(net.Ensure!, Expression.Condition(p.IsPrefix, within, GenericMatch(net.Var!, c, pos)));
    }

    /// <summary>`net ~ [set]` on the parts.</summary>
    private static Expression NetInSet(TExpr net, NetParts p, in Value set, SourcePos pos)
    {
        var matches = Expression.Call(Expression.Constant(set.AsPrefixSet), typeof(PrefixSet).GetMethod(nameof(PrefixSet.Matches), [typeof(bool), typeof(UInt128), typeof(int)])!,
            p.V6, Expression.New(typeof(UInt128).GetConstructor([typeof(ulong), typeof(ulong)])!, p.Hi, p.Lo), p.Len);
        return Expression.Block(net.Ensure!, Expression.Condition(p.IsPrefix, matches, GenericMatch(net.Var!, set, pos)));
    }

    private static Expression GenericMatch(ParameterExpression v, in Value c, SourcePos pos) =>
        Expression.Call(typeof(Compiler).GetMethod(nameof(Compiler.GenericMatch), Internal)!, v, Expression.Constant(c), Expression.Constant(pos));

    /// <summary>(word &amp; mask) == bits; nothing at all when the mask is empty (the high word of an IPv4 prefix).</summary>
    private static Expression Masked(Expression word, ulong mask, ulong bits) =>
        mask == 0 ? Expression.Constant(bits == 0)
        : mask == ulong.MaxValue ? Expression.Equal(word, Expression.Constant(bits))
        : Expression.Equal(Expression.And(word, Expression.Constant(mask)), Expression.Constant(bits));

    private static Expression AllOf(params Expression[] tests) =>
        tests.Where(t => t is not ConstantExpression { Value: true }).Aggregate(Expression.AndAlso);
}
