using System.Linq.Expressions;
using Bgpd.Filters.Rib;
using Bgpd.Filters.Runtime;
using Bgpd.Filters.Values;
using Bgpd.Rib.Attributes;

namespace Bgpd.Filters.Compiler.Tree;

/// <summary>
/// Deferred attribute writes: on the RIB's editor, an int or string written to a plain extended
/// attribute (`krt_metric = 1024`, `krt_tunnel = "tunl0"`) only goes into the attribute's cache
/// variable and is marked dirty; the editor gets it when something could look at the route other
/// than through the cache: when the filter ends (normally, by accept/reject, or by an exception),
/// and before any call that goes through the route or runs an embedded closure. So a value
/// overwritten before then (Calico's calico_kernel_programming writes krt_metric twice) is a dead
/// store that never reaches the editor, and a written attribute read back costs nothing.
/// </summary>
internal sealed partial class TreeCompiler
{
    private readonly ParameterExpression easDirty = Expression.Variable(typeof(ulong), "easDirty");
    private readonly List<(ParameterExpression Var, ulong Bit, EaId Ea, bool IsInt)> deferredSlots = [];

    /// <summary>
    /// Writes <paramref name="value"/> (an int or string <see cref="Value"/>) to the cache of
    /// attribute <paramref name="id"/> when the route is the editor; null when the attribute has no cache slot.
    /// </summary>
    private Expression? DeferredWrite(RouteAttribute id, EaId ea, bool isInt, Expression value, Expression otherwise)
    {
        if (EaSlot(id, null) is not { } slot) return null;
        // An attribute has one type: its deferred writes are all ints or all strings.
        if (!deferredSlots.Any(d => d.Bit == slot.Bit)) deferredSlots.Add((slot.Var, slot.Bit, ea, isInt));
        var bit = Expression.Constant(slot.Bit);
        return Expression.IfThenElse(HasEditor,
            Expression.Block(Expression.Assign(slot.Var, value), Expression.OrAssign(easLoaded, bit), Expression.OrAssign(easDirty, bit)),
            Expression.Block(otherwise, ForgetEa(id, null)));
    }

    /// <summary>An int or string for a cache slot, built in place (a call returning a value would copy it through a temporary).</summary>
    private static Expression NewValue(FilterType type, Expression word) =>
        Expression.New(typeof(Value).GetConstructor([typeof(FilterType), typeof(ulong)])!, Expression.Constant(type), Expression.Convert(word, typeof(ulong)));

    /// <summary>Hands the pending writes to the editor (a sync point: the route is about to be seen some other way).</summary>
    private Expression FlushWrites() => new FlushPoint(this);

    /// <summary>The flush itself, built once the whole filter is compiled and every deferred slot is known.</summary>
    private Expression BuildFlush()
    {
        if (deferredSlots.Count == 0) return Expression.Empty();
        var writeInt = typeof(RouteEditorRoute).GetMethod(nameof(RouteEditorRoute.WriteInt), Internal)!;
        var writeString = typeof(RouteEditorRoute).GetMethod(nameof(RouteEditorRoute.WriteString), Internal)!;
        var writes = deferredSlots.Select(d => (Expression)Expression.IfThen(
            Expression.NotEqual(Expression.And(easDirty, Expression.Constant(d.Bit)), Expression.Constant(0UL)),
            d.IsInt
                ? Expression.Call(writeInt, editor, Expression.Constant(d.Ea), Expression.Convert(Word(d.Var), typeof(uint)))
                : Expression.Call(writeString, editor, Expression.Constant(d.Ea), Expression.Convert(Expression.Property(d.Var, TreeMembers.ValueRef), typeof(string)))));
        return Expression.IfThen(Expression.NotEqual(easDirty, Expression.Constant(0UL)),
            Expression.Block(writes.Append(Expression.Assign(easDirty, Expression.Constant(0UL)))));
    }

    /// <summary>
    /// The filter's body with the pending writes flushed however it ends: after it returns, and by a
    /// fault handler when it throws (a run-time error, or accept/reject unwinding from a function
    /// inside an expression): BIRD shows an erroring route as the filter left it.
    /// </summary>
    private Expression WithWriteBack(Expression body)
    {
        if (deferredSlots.Count == 0) return body;
        variables.Add(easDirty);
        var flow = Expression.Variable(body.Type, "flow");
        return Expression.Block(body.Type, [flow],
            Expression.Assign(easDirty, Expression.Constant(0UL)),
            Expression.Assign(flow, Expression.TryFault(body, FlushWrites())),
            FlushWrites(),
            flow);
    }

    /// <summary>A flush whose content is only known at the end of compilation; reduced when the tree is finished.</summary>
    private sealed class FlushPoint(TreeCompiler compiler) : Expression
    {
        public override ExpressionType NodeType => ExpressionType.Extension;
        public override Type Type => typeof(void);
        public override bool CanReduce => true;
        public override Expression Reduce() => compiler.BuildFlush();
    }
}
