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
/// <remarks>
/// Immutable to its users. A session whose driver consumes each UPDATE before the next one arrives
/// decodes into one reused instance (<see cref="UpdateDecodeCache.ReuseMessages"/>), hence the fields.
/// </remarks>
public sealed class UpdateMessage
{
    private PathAttributes _attributes = null!;
    private ReadOnlyMemory<byte> _withdrawnIPv4, _announcedIPv4, _rawAttributes;
    private MpReachNlri? _mpReach;
    private MpUnreachNlri? _mpUnreach;
    private UpdateDecodeOptions _options;
    private int _attributeCount;
    private UpdateErrorAction _action;
    private BgpError? _error;
    private IReadOnlyList<string> _problems = [];

    public required PathAttributes Attributes { get => _attributes; init => _attributes = value; }
    public ReadOnlyMemory<byte> WithdrawnIPv4 { get => _withdrawnIPv4; init => _withdrawnIPv4 = value; }
    public ReadOnlyMemory<byte> AnnouncedIPv4 { get => _announcedIPv4; init => _announcedIPv4 = value; }
    /// <summary>The path attribute bytes as received (equal bytes decode to equal attributes).</summary>
    public ReadOnlyMemory<byte> RawAttributes { get => _rawAttributes; init => _rawAttributes = value; }
    public MpReachNlri? MpReach { get => _mpReach; init => _mpReach = value; }
    public MpUnreachNlri? MpUnreach { get => _mpUnreach; init => _mpUnreach = value; }
    public UpdateDecodeOptions Options { get => _options; init => _options = value; }
    /// <summary>Number of path attributes present in the message (before dropping duplicates or malformed ones).</summary>
    public int AttributeCount { get => _attributeCount; init => _attributeCount = value; }
    public UpdateErrorAction Action { get => _action; init => _action = value; }
    /// <summary>The NOTIFICATION to send when <see cref="Action"/> is SessionReset.</summary>
    public BgpError? Error { get => _error; init => _error = value; }
    /// <summary>Readable descriptions of each problem found (for the log); empty when clean.</summary>
    public IReadOnlyList<string> Problems { get => _problems; init => _problems = value; }

    /// <summary>Overwrites every field: the decoder filling a reused instance.</summary>
    internal UpdateMessage Assign(PathAttributes attributes, ReadOnlyMemory<byte> withdrawn, ReadOnlyMemory<byte> announced, ReadOnlyMemory<byte> rawAttributes,
        MpReachNlri? mpReach, MpUnreachNlri? mpUnreach, in UpdateDecodeOptions options, int attributeCount, UpdateErrorAction action, BgpError? error,
        IReadOnlyList<string> problems)
    {
        _attributes = attributes;
        _withdrawnIPv4 = withdrawn;
        _announcedIPv4 = announced;
        _rawAttributes = rawAttributes;
        _mpReach = mpReach;
        _mpUnreach = mpUnreach;
        _options = options;
        _attributeCount = attributeCount;
        _action = action;
        _error = error;
        _problems = problems;
        return this;
    }

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
