using System.Collections;
using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;

namespace Bgpd.Config.Filters;

/// <summary>Generic traversal of the filter AST (children found from each record's properties).</summary>
public static class AstWalk
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> ChildProperties = new();

    /// <summary>The direct child nodes of <paramref name="node"/>, in declaration order.</summary>
    public static IEnumerable<FilterNode> Children(FilterNode node)
    {
        var type = node.GetType();
        // Not GetOrAdd(type, FindChildProperties): a delegate would hide the type's annotation from the trimmer.
        if (!ChildProperties.TryGetValue(type, out var properties))
            ChildProperties[type] = properties = FindChildProperties(type);
        foreach (var property in properties)
        {
            switch (property.GetValue(node))
            {
                case FilterNode child:
                    yield return child;
                    break;
                case IEnumerable list and not string:
                    foreach (var item in list)
                        if (item is FilterNode element) yield return element;
                    break;
            }
        }
    }

    /// <summary><paramref name="node"/> and all nodes below it, depth first.</summary>
    public static IEnumerable<FilterNode> DescendantsAndSelf(FilterNode node)
    {
        var stack = new Stack<FilterNode>();
        stack.Push(node);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            yield return current;
            foreach (var child in Children(current).Reverse()) stack.Push(child);
        }
    }

    private static PropertyInfo[] FindChildProperties([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 &&
                        (typeof(FilterNode).IsAssignableFrom(p.PropertyType) ||
                         (p.PropertyType != typeof(string) && typeof(IEnumerable).IsAssignableFrom(p.PropertyType))))
            .ToArray();
}
