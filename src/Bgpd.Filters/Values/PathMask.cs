using System.Text;

namespace Bgpd.Filters.Values;

/// <summary>Kinds of AS path mask element.</summary>
public enum MaskItemKind : byte
{
    /// <summary>One ASN in [Low, High] (a single ASN has Low == High).</summary>
    Asn,
    /// <summary>One ASN that is a member of <see cref="MaskItem.Set"/>.</summary>
    Set,
    /// <summary><c>?</c>: any one ASN.</summary>
    AnyOne,
    /// <summary><c>*</c>: any sequence, possibly empty.</summary>
    AnySequence,
    /// <summary><c>+</c> after an item: the previous item may repeat.</summary>
    Repeat,
}

/// <summary>One resolved path mask element.</summary>
/// <remarks>
/// <see cref="Origin"/> is set for items computed from an expression in the BIRD 1.6 dialect: 1.6
/// keeps such items as code and compares masks by code identity, so two separately written
/// <c>[= 1 (1+2) =]</c> are not equal there.
/// </remarks>
public readonly record struct MaskItem(MaskItemKind Kind, uint Low = 0, uint High = 0, ValueSet? Set = null, bool IsRange = false, object? Origin = null)
{
    public bool Matches(uint asn) => Kind switch
    {
        MaskItemKind.Asn => asn >= Low && asn <= High,
        MaskItemKind.Set => Set!.ContainsWord(asn),
        MaskItemKind.AnyOne => true,
        _ => false,
    };
}

/// <summary>
/// An AS path mask (<c>bgpmask</c>, <c>[= 64512 * ? 1..5 [1,2] 3+ =]</c>) and its matcher: a
/// small NFA over mask positions, run with stack memory, so matching does not allocate.
/// </summary>
public sealed class PathMask : IEquatable<PathMask>
{
    private readonly MaskItem[] items;
    // Steps: non-Repeat items; repeatable[i] marks steps followed by a '+'.
    private readonly MaskItem[] steps;
    private readonly bool[] repeatable;

    public PathMask(MaskItem[] items)
    {
        this.items = items;
        var s = new List<MaskItem>();
        var r = new List<bool>();
        foreach (var item in items)
        {
            if (item.Kind == MaskItemKind.Repeat)
            {
                if (s.Count > 0) r[^1] = true;
                continue;
            }
            s.Add(item);
            r.Add(false);
        }
        steps = s.ToArray();
        repeatable = r.ToArray();
    }

    public IReadOnlyList<MaskItem> Items => items;

    public bool Matches(BgpPath path)
    {
        var n = steps.Length;
        // state 2i: before step i; state 2i+1: step i matched at least once and may repeat.
        var size = 2 * (n + 1);
        Span<bool> cur = size <= 256 ? stackalloc bool[size] : new bool[size];
        Span<bool> next = size <= 256 ? stackalloc bool[size] : new bool[size];
        cur.Clear();
        cur[0] = true;
        Close(cur);
        foreach (var seg in path.Segments)
        {
            if (seg.IsSet)
            {
                if (!Step(cur, next, seg.Asns)) return false;
                next.CopyTo(cur);
            }
            else
            {
                foreach (var asn in seg.Asns)
                {
                    if (!Step(cur, next, asn)) return false;
                    next.CopyTo(cur);
                }
            }
        }
        return cur[2 * n];
    }

    private bool Step(Span<bool> cur, Span<bool> next, uint asn)
    {
        next.Clear();
        var any = false;
        for (var i = 0; i < steps.Length; i++)
        {
            var st = steps[i];
            if (cur[2 * i])
            {
                if (st.Kind == MaskItemKind.AnySequence) { next[2 * i] = true; any = true; }
                else if (st.Matches(asn)) { next[repeatable[i] ? 2 * i + 1 : 2 * i + 2] = true; any = true; }
            }
            if (cur[2 * i + 1] && st.Matches(asn)) { next[2 * i + 1] = true; any = true; }
        }
        if (any) Close(next);
        return any;
    }

    private bool Step(Span<bool> cur, Span<bool> next, uint[] set)
    {
        // An AS_SET occupies one position; it matches an item when any member does.
        next.Clear();
        var any = false;
        for (var i = 0; i < steps.Length; i++)
        {
            var st = steps[i];
            var hit = st.Kind == MaskItemKind.AnyOne || set.Any(st.Matches);
            if (cur[2 * i])
            {
                if (st.Kind == MaskItemKind.AnySequence) { next[2 * i] = true; any = true; }
                else if (hit) { next[repeatable[i] ? 2 * i + 1 : 2 * i + 2] = true; any = true; }
            }
            if (cur[2 * i + 1] && hit) { next[2 * i + 1] = true; any = true; }
        }
        if (any) Close(next);
        return any;
    }

    /// <summary>Epsilon closure: '*' may match nothing; a repeating step may stop repeating.</summary>
    private void Close(Span<bool> states)
    {
        for (var i = 0; i < steps.Length; i++)
        {
            if (states[2 * i + 1]) states[2 * i + 2] = true;
            if (states[2 * i] && steps[i].Kind == MaskItemKind.AnySequence) states[2 * i + 2] = true;
        }
    }

    public bool Equals(PathMask? other)
    {
        if (other is null || other.items.Length != items.Length) return false;
        for (var i = 0; i < items.Length; i++)
        {
            var a = items[i];
            var b = other.items[i];
            if (a.Kind != b.Kind || a.Low != b.Low || a.High != b.High || !ReferenceEquals(a.Origin, b.Origin)) return false;
            if (a.Kind == MaskItemKind.Set && !ValueOps.Same(Value.Set(a.Set!), Value.Set(b.Set!))) return false;
        }
        return true;
    }

    public override bool Equals(object? obj) => obj is PathMask m && Equals(m);
    public override int GetHashCode() => items.Length;

    public string Format()
    {
        var sb = new StringBuilder("[=");
        foreach (var item in items)
        {
            sb.Append(' ');
            switch (item.Kind)
            {
                case MaskItemKind.Asn:
                    sb.Append(item.Low);
                    if (item.IsRange) sb.Append("..").Append(item.High);
                    break;
                case MaskItemKind.Set: sb.Append(ValuePrinter.Format(Value.Set(item.Set!))); break;
                case MaskItemKind.AnyOne: sb.Append('?'); break;
                case MaskItemKind.AnySequence: sb.Append('*'); break;
                case MaskItemKind.Repeat: sb.Append('+'); break;
            }
        }
        return sb.Append(" =]").ToString();
    }
}
