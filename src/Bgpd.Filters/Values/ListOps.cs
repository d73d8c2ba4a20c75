namespace Bgpd.Filters.Values;

/// <summary>
/// <c>add</c>, <c>delete</c> and <c>filter</c> on community lists and paths. Lists are immutable
/// arrays: an operation that changes nothing returns the same array, so unchanged attributes
/// stay shared.
/// </summary>
public static class ListOps
{
    public static T[] Add<T>(T[] list, T item) where T : IEquatable<T>
    {
        if (Array.IndexOf(list, item) >= 0) return list;
        var result = new T[list.Length + 1];
        list.CopyTo(result, 0);
        result[^1] = item;
        return result;
    }

    public static T[] Union<T>(T[] list, T[] other) where T : IEquatable<T>
    {
        var extra = other.Where(o => Array.IndexOf(list, o) < 0).Distinct().ToArray();
        return extra.Length == 0 ? list : [.. list, .. extra];
    }

    public static T[] Where<T>(T[] list, Func<T, bool> keep)
    {
        var count = 0;
        foreach (var x in list) if (keep(x)) count++;
        if (count == list.Length) return list;
        var result = new T[count];
        var i = 0;
        foreach (var x in list) if (keep(x)) result[i++] = x;
        return result;
    }

    public static T Min<T>(T[] list) where T : IComparable<T> => list.Length == 0 ? default! : list.Min()!;
    public static T Max<T>(T[] list) where T : IComparable<T> => list.Length == 0 ? default! : list.Max()!;
}
