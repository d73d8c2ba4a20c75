using System.Collections;
using System.Collections.Immutable;

namespace Bgpd.Rib.Attributes;

/// <summary>
/// An immutable extended-attribute list, sorted by <see cref="EaId"/> with unique ids (BIRD's normalized
/// ea_list). Value-equal; interned through <see cref="AttributeCache"/> so routes share one instance.
/// </summary>
public sealed class EaList : IEquatable<EaList>, IReadOnlyList<Ea>
{
    /// <summary>The list without attributes.</summary>
    public static readonly EaList Empty = new([]);

    private readonly Ea[] _items;
    // Computed on first use: a filter's edits build intermediate lists that are never hashed.
    private int _hash;
    private bool _hashed;

    private EaList(Ea[] sortedUnique) => _items = sortedUnique;

    private int Hash
    {
        get
        {
            if (Volatile.Read(ref _hashed)) return _hash;
            var hash = new HashCode();
            foreach (var item in _items) hash.Add(item);
            // Benign race: every thread computes the same value; the flag is published after the value.
            _hash = hash.ToHashCode();
            Volatile.Write(ref _hashed, true);
            return _hash;
        }
    }

    /// <summary>Builds a list from attributes in any order; when an id repeats, the last one wins.</summary>
    public static EaList Create(IEnumerable<Ea> attributes)
    {
        var items = attributes.ToArray();
        if (items.Length == 0) return Empty;
        // Insertion sort: stable (input order among equal ids, so "last wins" holds) and allocation-free;
        // a route has a handful of attributes (this runs for every BGP UPDATE received).
        for (var i = 1; i < items.Length; i++)
        {
            var ea = items[i];
            var j = i - 1;
            for (; j >= 0 && items[j].Id > ea.Id; j--) items[j + 1] = items[j];
            items[j + 1] = ea;
        }
        var count = 0;
        foreach (var ea in items)
        {
            if (count > 0 && items[count - 1].Id == ea.Id) items[count - 1] = ea;
            else items[count++] = ea;
        }
        return new EaList(count == items.Length ? items : items[..count]);
    }

    /// <summary>Builds a list from items already sorted by id with unique ids (checked).</summary>
    public static EaList FromSorted(ReadOnlySpan<Ea> sorted)
    {
        if (sorted.IsEmpty) return Empty;
        for (var i = 1; i < sorted.Length; i++)
            if (sorted[i - 1].Id >= sorted[i].Id) throw new ArgumentException("attributes must be sorted by id without duplicates", nameof(sorted));
        return new EaList(sorted.ToArray());
    }

    /// <summary>Number of attributes.</summary>
    public int Count => _items.Length;
    /// <summary>Attribute at <paramref name="index"/> in id order.</summary>
    public Ea this[int index] => _items[index];
    /// <summary>The attributes as a span, in id order.</summary>
    public ReadOnlySpan<Ea> AsSpan() => _items;

    /// <summary>Index of <paramref name="id"/>, or a negative number when absent (binary search).</summary>
    public int IndexOf(EaId id)
    {
        int lo = 0, hi = _items.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var c = ((ushort)_items[mid].Id).CompareTo((ushort)id);
            if (c == 0) return mid;
            if (c < 0) lo = mid + 1; else hi = mid - 1;
        }
        return ~lo;
    }

    /// <summary>Finds the value of <paramref name="id"/>.</summary>
    public bool TryGet(EaId id, out EaValue value)
    {
        var i = IndexOf(id);
        value = i >= 0 ? _items[i].Value : default;
        return i >= 0;
    }

    /// <summary>Finds the attribute <paramref name="id"/>, or null.</summary>
    public Ea? Find(EaId id)
    {
        var i = IndexOf(id);
        return i >= 0 ? _items[i] : null;
    }

    /// <summary>True when <paramref name="id"/> is present.</summary>
    public bool Contains(EaId id) => IndexOf(id) >= 0;

    /// <summary>A list with <paramref name="attribute"/> added or replaced.</summary>
    public EaList With(Ea attribute)
    {
        var i = IndexOf(attribute.Id);
        if (i >= 0)
        {
            if (_items[i] == attribute) return this;
            var copy = (Ea[])_items.Clone();
            copy[i] = attribute;
            return new EaList(copy);
        }
        i = ~i;
        var grown = new Ea[_items.Length + 1];
        _items.AsSpan(0, i).CopyTo(grown);
        grown[i] = attribute;
        _items.AsSpan(i).CopyTo(grown.AsSpan(i + 1));
        return new EaList(grown);
    }

    /// <summary>
    /// A list with every attribute of <paramref name="attributes"/> (unique ids, any order) added or replacing
    /// the one with its id: one new list for a filter's edits instead of one per edit.
    /// </summary>
    public EaList WithAll(ReadOnlySpan<Ea> attributes)
    {
        if (attributes.Length == 1) return With(attributes[0]);
        var count = _items.Length;
        foreach (var ea in attributes)
            if (IndexOf(ea.Id) < 0) count++;
        var merged = new Ea[count];
        _items.CopyTo(merged, 0);
        var length = _items.Length;
        foreach (var ea in attributes)
        {
            // Insertion into the sorted prefix built so far (a handful of attributes).
            var i = length - 1;
            while (i >= 0 && merged[i].Id > ea.Id) i--;
            if (i >= 0 && merged[i].Id == ea.Id)
            {
                merged[i] = ea;
                continue;
            }
            Array.Copy(merged, i + 1, merged, i + 2, length - i - 1);
            merged[i + 1] = ea;
            length++;
        }
        return new EaList(merged);
    }

    /// <summary>A list with <paramref name="id"/> set to <paramref name="value"/>.</summary>
    public EaList With(EaId id, EaValue value, byte flags = 0) => With(new Ea(id, value, flags));

    /// <summary>A list without <paramref name="id"/>.</summary>
    public EaList Without(EaId id)
    {
        var i = IndexOf(id);
        if (i < 0) return this;
        if (_items.Length == 1) return Empty;
        var shrunk = new Ea[_items.Length - 1];
        _items.AsSpan(0, i).CopyTo(shrunk);
        _items.AsSpan(i + 1).CopyTo(shrunk.AsSpan(i));
        return new EaList(shrunk);
    }

    public bool Equals(EaList? other)
    {
        if (ReferenceEquals(this, other)) return true;
        return other is not null && other.Hash == Hash && _items.AsSpan().SequenceEqual(other._items);
    }

    public override bool Equals(object? obj) => Equals(obj as EaList);
    public override int GetHashCode() => Hash;

    public IEnumerator<Ea> GetEnumerator() => ((IEnumerable<Ea>)_items).GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Debug form: the `show route all` lines joined by "; ".</summary>
    public override string ToString() => string.Join("; ", _items.Select(EaFormatter.Format));
}
