using Bgpd.Net;

namespace Bgpd.Config.Filters;

/// <summary>One element of a set literal or a <c>case</c> label.</summary>
public abstract record SetItem(SourcePos Pos) : FilterNode(Pos);

/// <summary>A single value: <c>5</c>, <c>(1,2)</c>, <c>10.0.0.1</c>, <c>(rt,1,2)</c>, or a constant name.</summary>
public sealed record SetValue(SourcePos Pos, FilterExpr Value) : SetItem(Pos);

/// <summary>An inclusive range <c>a..b</c>.</summary>
public sealed record SetRange(SourcePos Pos, FilterExpr From, FilterExpr To) : SetItem(Pos);

/// <summary>
/// A prefix pattern: <c>P</c> (exact: Low=High=len), <c>P+</c> (len..max), <c>P-</c> (0..len),
/// <c>P{a,b}</c>. <see cref="Low"/>/<see cref="High"/> are the matched prefix lengths.
/// </summary>
public sealed record SetPrefixPattern(SourcePos Pos, Prefix Prefix, PrefixPatternKind Kind, int Low, int High) : SetItem(Pos);

/// <summary>How a prefix pattern was written.</summary>
public enum PrefixPatternKind { Exact, Plus, Minus, Range }

/// <summary>Which tuple a pattern matches.</summary>
public enum TupleKind { Pair, Ec, Lc }

/// <summary>
/// A pair/ec/lc pattern with per-component ranges or wildcards: <c>(64512,*)</c>,
/// <c>(1, 2..5)</c>, <c>(rt, 10, *)</c>, <c>(1, *, 3)</c>. Also the range form <c>(1,2)..(1,5)</c>
/// is expressed as <see cref="SetRange"/> of two pairs.
/// </summary>
public sealed record SetTuplePattern(SourcePos Pos, TupleKind Kind, EcKind EcKind, ValueList<TupleComponent> Components) : SetItem(Pos);

/// <summary>One component of a tuple pattern: a value, a range <c>a..b</c> (To set), or <c>*</c> (both null).</summary>
public sealed record TupleComponent(SourcePos Pos, FilterExpr? From, FilterExpr? To) : FilterNode(Pos)
{
    public bool IsWildcard => From is null;
}

/// <summary>One element of an AS path mask.</summary>
public abstract record PathMaskItem(SourcePos Pos) : FilterNode(Pos);

/// <summary>A literal ASN or expression <c>(term)</c>/symbol yielding an int (or int set in 2.x).</summary>
public sealed record PathMaskValue(SourcePos Pos, FilterExpr Value) : PathMaskItem(Pos);

/// <summary>2.x ASN range <c>a..b</c>.</summary>
public sealed record PathMaskRange(SourcePos Pos, FilterExpr From, FilterExpr To) : PathMaskItem(Pos);

/// <summary><c>*</c>: any sequence of ASNs (possibly empty).</summary>
public sealed record PathMaskAnySequence(SourcePos Pos) : PathMaskItem(Pos);

/// <summary><c>?</c>: exactly one ASN.</summary>
public sealed record PathMaskAnyOne(SourcePos Pos) : PathMaskItem(Pos);

/// <summary>2.x <c>+</c> after an item: the preceding item may repeat (<c>[= 1 2+ 3 =]</c>).</summary>
public sealed record PathMaskRepeat(SourcePos Pos) : PathMaskItem(Pos);
