using System.Diagnostics.CodeAnalysis;

namespace Bgpd.Config.Filters;

/// <summary>
/// Root of the filter-language syntax tree. Every node carries the position of its first token;
/// equality is structural and ignores positions (see <see cref="SourcePos"/>). <see cref="AstWalk"/> finds a
/// node's children through its public properties, which the annotation keeps in a trimmed publish.
/// </summary>
[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)]
public abstract record FilterNode(SourcePos Pos)
{
    public virtual bool Equals(FilterNode? other) =>
        other is not null && EqualityContract == other.EqualityContract;

    public override int GetHashCode() => EqualityContract.GetHashCode();
}

/// <summary>Base types of the filter language (BIRD's <c>type</c> rule).</summary>
public enum FilterBaseType
{
    Int, Bool, Ip, Prefix, Pair, Quad, Ec, Lc, Rd, String, BgpMask, BgpPath, Clist, Eclist, Lclist,
}

/// <summary>A declared type: a base type, or a set of it (<c>int set</c>, <c>prefix set</c>...).</summary>
public sealed record TypeSpec(FilterBaseType Base, bool IsSet)
{
    public override string ToString() => IsSet ? $"{Keyword(Base)} set" : Keyword(Base);

    /// <summary>The keyword BIRD uses for the base type.</summary>
    public static string Keyword(FilterBaseType type) => type.ToString().ToLowerInvariant();
}

/// <summary>A typed name: a function parameter, a 1.6 local (<c>int x;</c>) or a 2.x declaration.</summary>
public sealed record VarDecl(SourcePos Pos, TypeSpec Type, string Name) : FilterNode(Pos);
