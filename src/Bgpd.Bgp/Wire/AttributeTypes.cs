using Bgpd.Net;

namespace Bgpd.Bgp.Wire;

/// <summary>Path attribute type codes (IANA).</summary>
public static class AttributeType
{
    public const byte Origin = 1;
    public const byte AsPath = 2;
    public const byte NextHop = 3;
    public const byte MultiExitDisc = 4;
    public const byte LocalPref = 5;
    public const byte AtomicAggregate = 6;
    public const byte Aggregator = 7;
    public const byte Communities = 8;
    public const byte OriginatorId = 9;
    public const byte ClusterList = 10;
    public const byte MpReachNlri = 14;
    public const byte MpUnreachNlri = 15;
    public const byte ExtendedCommunities = 16;
    public const byte As4Path = 17;
    public const byte As4Aggregator = 18;
    public const byte LargeCommunities = 32;
    public const byte OnlyToCustomer = 35;
}

/// <summary>Attribute flag bits (RFC 4271 4.3).</summary>
public static class AttributeFlags
{
    public const byte Optional = 0x80;
    public const byte Transitive = 0x40;
    public const byte Partial = 0x20;
    public const byte ExtendedLength = 0x10;
    public const byte WellKnown = Transitive;
    public const byte OptionalTransitive = Optional | Transitive;
}

public enum Origin : byte
{
    Igp = 0,
    Egp = 1,
    Incomplete = 2,
}

/// <summary>AGGREGATOR: the AS and router that formed an aggregate.</summary>
public readonly record struct Aggregator(uint As, IpAddress Address);

/// <summary>A large community (RFC 8092).</summary>
public readonly record struct LargeCommunity(uint GlobalAdmin, uint LocalData1, uint LocalData2);

/// <summary>An attribute bgpd does not interpret, passed on as received (with the partial bit set when transitive).</summary>
public sealed record RawAttribute(byte Flags, byte Type, ReadOnlyMemory<byte> Value)
{
    public bool Equals(RawAttribute? other) =>
        other is not null && Flags == other.Flags && Type == other.Type && Value.Span.SequenceEqual(other.Value.Span);

    public override int GetHashCode() => HashCode.Combine(Flags, Type, Value.Length);
}
