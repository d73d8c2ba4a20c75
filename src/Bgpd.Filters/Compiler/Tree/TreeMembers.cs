using System.Reflection;
using Bgpd.Filters.Runtime;
using Bgpd.Filters.Values;

namespace Bgpd.Filters.Compiler.Tree;

/// <summary>
/// The members the trees read or call, looked up once by constant name on their declaring type. The
/// trimmer sees these look-ups and keeps the members (a member named only inside an expression tree,
/// as <c>Expression.Field(e, "Type")</c> does, is invisible to it); the daemon's publish is trimmed.
/// </summary>
internal static class TreeMembers
{
    public static readonly FieldInfo ValueType = typeof(Value).GetField(nameof(Value.Type))!;
    public static readonly FieldInfo ValueV6 = typeof(Value).GetField(nameof(Value.V6))!;
    public static readonly FieldInfo ValueLen = typeof(Value).GetField(nameof(Value.Len))!;
    public static readonly PropertyInfo ValueRef = typeof(Value).GetProperty(nameof(Value.Ref))!;
    public static readonly FieldInfo ReturnValue = typeof(FilterContext).GetField(nameof(FilterContext.ReturnValue))!;
    public static readonly MethodInfo FlushPrint = typeof(FilterContext).GetMethod(nameof(FilterContext.FlushPrint), Type.EmptyTypes)!;
}
