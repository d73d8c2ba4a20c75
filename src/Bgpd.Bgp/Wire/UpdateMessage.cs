using Bgpd.Net;

namespace Bgpd.Bgp.Wire;

/// <summary>How an UPDATE's errors must be handled (RFC 7606 2), from mildest to most severe.</summary>
public enum UpdateErrorAction
{
    None = 0,
    /// <summary>A malformed attribute was dropped; the routes stand.</summary>
    AttributeDiscard = 1,
    /// <summary>Every prefix the UPDATE announces is to be withdrawn; the session stays up.</summary>
    TreatAsWithdraw = 2,
    /// <summary>Send the NOTIFICATION in <see cref="UpdateMessage.Error"/> and close the session.</summary>
    SessionReset = 3,
}

/// <summary>What the session negotiated that changes how an UPDATE is read.</summary>
/// <remarks>default(UpdateDecodeOptions) is a 4-octet AS, external, no ADD-PATH session.</remarks>
public readonly record struct UpdateDecodeOptions(bool TwoOctetAs = false, bool IsInternal = false, bool AddPathIPv4 = false, bool AddPathIPv6 = false)
{
    public bool FourOctetAs => !TwoOctetAs;

    public bool AddPathFor(BgpFamily family) => family.IsV6 ? AddPathIPv6 : AddPathIPv4;
}

/// <summary>MP_REACH_NLRI (RFC 4760) for a supported family: next hop(s) and the NLRI bytes.</summary>
public sealed record MpReachNlri(BgpFamily Family, IpAddress NextHop, IpAddress? LinkLocalNextHop, ReadOnlyMemory<byte> Nlri);

/// <summary>MP_UNREACH_NLRI (RFC 4760) for a supported family.</summary>
public sealed record MpUnreachNlri(BgpFamily Family, ReadOnlyMemory<byte> Nlri);

/// <summary>
/// A decoded UPDATE. Prefixes stay in the message bytes and are enumerated on demand with
/// <see cref="Announced"/> and <see cref="Withdrawn"/>, so decoding allocates nothing per prefix.
/// </summary>
public sealed class UpdateMessage
{
    public required PathAttributes Attributes { get; init; }
    public ReadOnlyMemory<byte> WithdrawnIPv4 { get; init; }
    public ReadOnlyMemory<byte> AnnouncedIPv4 { get; init; }
    /// <summary>The path attribute bytes as received (equal bytes decode to equal attributes).</summary>
    public ReadOnlyMemory<byte> RawAttributes { get; init; }
    public MpReachNlri? MpReach { get; init; }
    public MpUnreachNlri? MpUnreach { get; init; }
    public UpdateDecodeOptions Options { get; init; }
    /// <summary>Number of path attributes present in the message (before dropping duplicates or malformed ones).</summary>
    public int AttributeCount { get; init; }
    public UpdateErrorAction Action { get; init; }
    /// <summary>The NOTIFICATION to send when <see cref="Action"/> is SessionReset.</summary>
    public BgpError? Error { get; init; }
    /// <summary>Readable descriptions of each problem found (for the log); empty when clean.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>Decodes an UPDATE body; with <paramref name="cache"/>, attribute bytes equal to a recent clean announcement's are not parsed again.</summary>
    public static UpdateMessage Decode(ReadOnlyMemory<byte> body, in UpdateDecodeOptions options, UpdateDecodeCache? cache = null) =>
        UpdateDecoder.Decode(body, options, cache);

    /// <summary>Prefixes announced for <paramref name="family"/>; none when the update is treated as withdraw.</summary>
    public NlriReader Announced(BgpFamily family)
    {
        if (Action >= UpdateErrorAction.TreatAsWithdraw) return default;
        return new NlriReader(family.IsV6, Options.AddPathFor(family), ClassicAnnounced(family), ReachBytes(family));
    }

    /// <summary>Prefixes withdrawn for <paramref name="family"/>, plus the announced ones when treated as withdraw.</summary>
    public NlriReader Withdrawn(BgpFamily family)
    {
        if (Action == UpdateErrorAction.SessionReset) return default;
        var classic = family == BgpFamily.IPv4Unicast ? WithdrawnIPv4.Span : default;
        var unreach = MpUnreach is { } u && u.Family == family ? u.Nlri.Span : default;
        return Action == UpdateErrorAction.TreatAsWithdraw
            ? new NlriReader(family.IsV6, Options.AddPathFor(family), classic, unreach, ClassicAnnounced(family), ReachBytes(family))
            : new NlriReader(family.IsV6, Options.AddPathFor(family), classic, unreach);
    }

    private ReadOnlySpan<byte> ClassicAnnounced(BgpFamily family) => family == BgpFamily.IPv4Unicast ? AnnouncedIPv4.Span : default;

    private ReadOnlySpan<byte> ReachBytes(BgpFamily family) => MpReach is { } reach && reach.Family == family ? reach.Nlri.Span : default;

    /// <summary>
    /// End-of-RIB (RFC 4724 2): an empty UPDATE for IPv4 unicast, or one holding nothing but an empty MP_UNREACH.
    /// </summary>
    public bool IsEndOfRib(out BgpFamily family)
    {
        family = BgpFamily.IPv4Unicast;
        if (Action == UpdateErrorAction.SessionReset || !WithdrawnIPv4.IsEmpty || !AnnouncedIPv4.IsEmpty) return false;
        if (AttributeCount == 0) return true;
        if (AttributeCount == 1 && MpUnreach is { } unreach && unreach.Nlri.IsEmpty)
        {
            family = unreach.Family;
            return true;
        }
        return false;
    }

    /// <summary>The next hop for routes of <paramref name="family"/>: NEXT_HOP for IPv4 when present, else MP_REACH's.</summary>
    public IpAddress? NextHopFor(BgpFamily family)
    {
        if (family == BgpFamily.IPv4Unicast && Attributes.NextHop is { } nextHop) return nextHop;
        return MpReach is { } reach && reach.Family == family ? reach.NextHop : null;
    }
}
