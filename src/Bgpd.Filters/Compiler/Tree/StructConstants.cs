using System.Linq.Expressions;
using System.Reflection;

namespace Bgpd.Filters.Compiler.Tree;

/// <summary>
/// Moves struct constants (<c>Value</c>, <c>SourcePos</c>, ...) of a finished tree into boxes read
/// by field. System.Linq.Expressions keeps such a constant boxed and unboxes it at each use, and the
/// JIT gives every unboxed copy its own stack slot, which (holding references) is zeroed on every
/// run: Calico's peer export had ~1 KB of them, nearly all on paths that never run. A field of a
/// box is passed by reference where the callee takes <c>in</c>, with no copy at all.
/// </summary>
internal sealed class StructConstants : ExpressionVisitor
{
    public static Expression Hoist(Expression tree) => new StructConstants().Visit(tree);

    /// <summary>What every box is: the field a tree reads its value from.</summary>
    private abstract class Box
    {
        public abstract FieldInfo ValueField { get; }
    }

    /// <summary>The holder: a mutable field, because LINQ copies a read-only one before taking its address.</summary>
    private sealed class Box<T>(T value) : Box
    {
        // Looked up on the box's own type by constant name, which the trimmer follows (a trimmed publish keeps it).
        public override FieldInfo ValueField => typeof(Box<T>).GetField(nameof(Value))!;

        public T Value = value;
    }

    protected override Expression VisitConstant(ConstantExpression node)
    {
        var type = node.Type;
        if (!type.IsValueType || type.IsPrimitive || type.IsEnum || node.Value is null || Nullable.GetUnderlyingType(type) != null) return node;
        var box = (Box)Activator.CreateInstance(typeof(Box<>).MakeGenericType(type), node.Value)!;
        return Expression.Field(Expression.Constant(box), box.ValueField);
    }
}
