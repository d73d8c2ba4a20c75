namespace Bgpd.Rib.Attributes;

/// <summary>One extended attribute: id, protocol flags (BGP attribute flags for unknown attributes) and value.</summary>
public readonly record struct Ea(EaId Id, EaValue Value, byte Flags = 0)
{
    /// <summary>BGP attribute flag bits (wire values).</summary>
    public const byte FlagOptional = 0x80, FlagTransitive = 0x40, FlagPartial = 0x20;

    /// <summary>Display name and value as `show route all` prints it, e.g. "BGP.origin: IGP".</summary>
    public override string ToString() => EaFormatter.Format(this);
}
