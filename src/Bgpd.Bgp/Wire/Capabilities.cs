namespace Bgpd.Bgp.Wire;

/// <summary>Capability codes (IANA) that bgpd understands.</summary>
public static class CapabilityCode
{
    public const byte Multiprotocol = 1;
    public const byte RouteRefresh = 2;
    public const byte ExtendedMessage = 6;
    public const byte GracefulRestart = 64;
    public const byte FourOctetAs = 65;
    public const byte AddPath = 69;
    public const byte EnhancedRouteRefresh = 70;
    public const byte LongLivedGracefulRestart = 71;
    /// <summary>The pre-standard Cisco route refresh code, treated as route refresh.</summary>
    public const byte RouteRefreshOld = 128;
}

/// <summary>ADD-PATH direction per family (RFC 7911): what the sender of the capability can do.</summary>
[Flags]
public enum AddPathMode : byte
{
    None = 0,
    Receive = 1,
    Send = 2,
    Both = 3,
}

public readonly record struct AddPathFamily(BgpFamily Family, AddPathMode Mode);

/// <summary>Per-family part of graceful restart (RFC 4724): whether forwarding state was kept.</summary>
public readonly record struct GracefulRestartFamily(BgpFamily Family, bool ForwardingPreserved);

/// <summary>Graceful restart capability: restart flags, restart time (12 bits), families.</summary>
public sealed record GracefulRestartCapability(bool Restarting, bool NotificationSupport, ushort RestartTime, IReadOnlyList<GracefulRestartFamily> Families)
{
    public bool Equals(GracefulRestartCapability? other) =>
        other is not null && Restarting == other.Restarting && NotificationSupport == other.NotificationSupport &&
        RestartTime == other.RestartTime && Families.SequenceEqual(other.Families);

    public override int GetHashCode() => HashCode.Combine(Restarting, RestartTime, Families.Count);
}

/// <summary>Per-family part of long-lived graceful restart (RFC 9494): flags and stale time (24 bits).</summary>
public readonly record struct LongLivedGracefulRestartFamily(BgpFamily Family, bool ForwardingPreserved, uint StaleTime);

/// <summary>A capability bgpd does not interpret, kept as code and value.</summary>
public sealed record RawCapability(byte Code, ReadOnlyMemory<byte> Value)
{
    public bool Equals(RawCapability? other) => other is not null && Code == other.Code && Value.Span.SequenceEqual(other.Value.Span);
    public override int GetHashCode() => HashCode.Combine(Code, Value.Length);
}

/// <summary>The capabilities one side advertised in its OPEN (RFC 5492), decoded.</summary>
public sealed class BgpCapabilities
{
    public List<BgpFamily> Multiprotocol { get; init; } = [];
    public bool RouteRefresh { get; set; }
    public bool EnhancedRouteRefresh { get; set; }
    public bool ExtendedMessages { get; set; }
    /// <summary>The 4-octet AS number when the 4-octet AS capability is present (RFC 6793).</summary>
    public uint? FourOctetAs { get; set; }
    public GracefulRestartCapability? GracefulRestart { get; set; }
    public List<LongLivedGracefulRestartFamily>? LongLivedGracefulRestart { get; set; }
    public List<AddPathFamily> AddPath { get; init; } = [];
    public List<RawCapability> Unknown { get; init; } = [];

    public AddPathMode AddPathFor(BgpFamily family)
    {
        foreach (var entry in AddPath)
            if (entry.Family == family) return entry.Mode;
        return AddPathMode.None;
    }

    /// <summary>The families this side can carry: the multiprotocol list, or IPv4 unicast when none was sent (RFC 4760).</summary>
    public IReadOnlyList<BgpFamily> EffectiveFamilies => Multiprotocol.Count > 0 ? Multiprotocol : [BgpFamily.IPv4Unicast];
}
