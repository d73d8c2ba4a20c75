using System.Collections;

namespace Bgpd.Config;

/// <summary>
/// An immutable list with element-wise equality, so records holding lists compare structurally
/// (the <c>configure</c> command keeps every protocol whose config is equal to the old one).
/// </summary>
public sealed class ValueList<T> : IReadOnlyList<T>, IEquatable<ValueList<T>>
{
    private readonly T[] items;

    public static readonly ValueList<T> Empty = new([]);

    public ValueList(IEnumerable<T> items) => this.items = items.ToArray();

    public T this[int index] => items[index];
    public int Count => items.Length;

    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)items).GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => items.GetEnumerator();

    public bool Equals(ValueList<T>? other) =>
        other is not null && items.AsSpan().SequenceEqual(other.items, EqualityComparer<T>.Default);

    public override bool Equals(object? obj) => obj is ValueList<T> other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in items) hash.Add(item);
        return hash.ToHashCode();
    }

    public override string ToString() => "[" + string.Join(", ", items) + "]";
}

/// <summary>Builders for <see cref="ValueList{T}"/>.</summary>
public static class ValueList
{
    public static ValueList<T> Of<T>(params T[] items) => new(items);
    public static ValueList<T> ToValueList<T>(this IEnumerable<T> items) => new(items);
}
