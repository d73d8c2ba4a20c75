namespace Bgpd.Rib.Attributes;

/// <summary>A BGP large community (RFC 8092): global administrator and two local data parts.</summary>
public readonly record struct LargeCommunity(uint Global, uint Local1, uint Local2) : IComparable<LargeCommunity>
{
    public int CompareTo(LargeCommunity other)
    {
        var c = Global.CompareTo(other.Global);
        if (c != 0) return c;
        c = Local1.CompareTo(other.Local1);
        return c != 0 ? c : Local2.CompareTo(other.Local2);
    }

    /// <summary>BIRD's rendering: "(64512, 1, 1)".</summary>
    public override string ToString() => $"({Global}, {Local1}, {Local2})";
}
