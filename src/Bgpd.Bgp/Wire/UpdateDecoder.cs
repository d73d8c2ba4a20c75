using System.Buffers.Binary;
using Bgpd.Net;

namespace Bgpd.Bgp.Wire;

/// <summary>
/// Decodes an UPDATE body with RFC 7606 error handling: each malformation is classified as
/// attribute discard, treat-as-withdraw or session reset, and the most severe one wins.
/// </summary>
internal struct UpdateDecoder
{
    private readonly ReadOnlyMemory<byte> _body;
    private readonly UpdateDecodeOptions _options;
    private readonly UpdateDecodeCache? _cache;
    // Made when the attributes are parsed (a cached decode shares the cache's instead).
    private PathAttributes _attributes = null!;
    private UpdateErrorAction _action;
    private BgpError? _error;
    private List<string>? _problems;
    private MpReachNlri? _mpReach;
    private ReadOnlyMemory<byte> _rawAttributes;
    private MpUnreachNlri? _mpUnreach;
    private AsPath? _as4Path;
    private Aggregator? _as4Aggregator;
    private int _attributeCount;

    private UpdateDecoder(ReadOnlyMemory<byte> body, UpdateDecodeOptions options, UpdateDecodeCache? cache)
    {
        _body = body;
        _options = options;
        _cache = cache;
    }

    public static UpdateMessage Decode(ReadOnlyMemory<byte> body, in UpdateDecodeOptions options, UpdateDecodeCache? cache = null) =>
        new UpdateDecoder(body, options, cache).Run();

    private UpdateMessage Run()
    {
        var span = _body.Span;
        if (span.Length < 4) return Reset(BgpError.UpdateError(1), "UPDATE shorter than its length fields");
        int withdrawnLength = BinaryPrimitives.ReadUInt16BigEndian(span);
        if (2 + withdrawnLength + 2 > span.Length) return Reset(BgpError.UpdateError(1), "withdrawn routes length overruns the message");
        int attributesLength = BinaryPrimitives.ReadUInt16BigEndian(span[(2 + withdrawnLength)..]);
        var attributesStart = 4 + withdrawnLength;
        if (attributesStart + attributesLength > span.Length) return Reset(BgpError.UpdateError(1), "total path attribute length overruns the message");

        var withdrawn = _body.Slice(2, withdrawnLength);
        var announced = _body[(attributesStart + attributesLength)..];
        if (!NlriCodec.Validate(withdrawn.Span, false, _options.AddPathIPv4, out _))
            return Reset(BgpError.UpdateError(10), "malformed withdrawn routes");
        if (!NlriCodec.Validate(announced.Span, false, _options.AddPathIPv4, out _))
            return Reset(BgpError.UpdateError(10), "malformed NLRI");

        _rawAttributes = _body.Slice(attributesStart, attributesLength);
        if (_cache is not null && _cache.TryGet(_rawAttributes.Span, _options, out var known, out var knownCount))
        {
            _attributes = known;
            _attributeCount = knownCount;
            return Build(withdrawn, announced);
        }
        _attributes = (_rawAttributes.IsEmpty ? _cache?.NoAttributes() : null) ?? new PathAttributes();
        ParseAttributes(_rawAttributes);
        if (_action == UpdateErrorAction.SessionReset) return Build(withdrawn, announced);

        MergeAs4();
        CheckMandatory(announced.Length > 0);
        // Only an announcement passed the mandatory-attribute check; MP attributes carry prefixes in the blob.
        if (_cache is not null && _action == UpdateErrorAction.None && _problems is null && announced.Length > 0 && _mpReach is null && _mpUnreach is null)
            _cache.Remember(_rawAttributes.Span, _options, _attributes, _attributeCount);
        return Build(withdrawn, announced);
    }

    private UpdateMessage Build(ReadOnlyMemory<byte> withdrawn, ReadOnlyMemory<byte> announced) =>
        _cache?.Reused is { } reused
            ? reused.Assign(_attributes ?? _cache.NoAttributes()!, withdrawn, announced, _rawAttributes, _mpReach, _mpUnreach, _options, _attributeCount, _action, _error,
                (IReadOnlyList<string>?)_problems ?? [])
            : New(withdrawn, announced);

    private UpdateMessage New(ReadOnlyMemory<byte> withdrawn, ReadOnlyMemory<byte> announced) => new()
    {
        Attributes = _attributes ?? new PathAttributes(),
        RawAttributes = _rawAttributes,
        WithdrawnIPv4 = withdrawn,
        AnnouncedIPv4 = announced,
        MpReach = _mpReach,
        MpUnreach = _mpUnreach,
        Options = _options,
        AttributeCount = _attributeCount,
        Action = _action,
        Error = _error,
        Problems = (IReadOnlyList<string>?)_problems ?? [],
    };

    private UpdateMessage Reset(BgpError error, string problem)
    {
        Raise(UpdateErrorAction.SessionReset, problem, error);
        return Build(default, default);
    }

    private void Raise(UpdateErrorAction action, string problem, BgpError? error = null)
    {
        (_problems ??= []).Add(problem);
        if (action <= _action) return;
        _action = action;
        if (action == UpdateErrorAction.SessionReset) _error = error;
    }

    private void ParseAttributes(ReadOnlyMemory<byte> attributes)
    {
        Span<bool> seen = stackalloc bool[256];
        var offset = 0;
        var span = attributes.Span;
        while (offset < span.Length)
        {
            var remaining = span.Length - offset;
            if (remaining < 3 || ((span[offset] & AttributeFlags.ExtendedLength) != 0 && remaining < 4))
            {
                Raise(UpdateErrorAction.TreatAsWithdraw, "truncated attribute header");
                return;
            }
            var flags = span[offset];
            var type = span[offset + 1];
            var extended = (flags & AttributeFlags.ExtendedLength) != 0;
            int length = extended ? BinaryPrimitives.ReadUInt16BigEndian(span[(offset + 2)..]) : span[offset + 2];
            var headerLength = extended ? 4 : 3;
            var whole = attributes.Slice(offset, Math.Min(remaining, headerLength + length));
            if (headerLength + length > remaining)
            {
                // RFC 7606 4: the attribute overruns; we cannot trust anything after it.
                if (type is AttributeType.MpReachNlri or AttributeType.MpUnreachNlri)
                    Raise(UpdateErrorAction.SessionReset, $"attribute {type} overruns the attribute list", BgpError.UpdateError(5, whole.ToArray()));
                else
                    Raise(UpdateErrorAction.TreatAsWithdraw, $"attribute {type} overruns the attribute list");
                return;
            }
            _attributeCount++;
            var value = attributes.Slice(offset + headerLength, length);
            offset += headerLength + length;
            if (seen[type])
            {
                if (type is AttributeType.MpReachNlri or AttributeType.MpUnreachNlri)
                {
                    Raise(UpdateErrorAction.SessionReset, $"attribute {type} appears twice", BgpError.UpdateError(1));
                    return;
                }
                (_problems ??= []).Add($"duplicate attribute {type} discarded");
                continue;
            }
            seen[type] = true;
            ParseAttribute(flags, type, value, whole);
            if (_action == UpdateErrorAction.SessionReset) return;
        }
    }

    private void ParseAttribute(byte flags, byte type, ReadOnlyMemory<byte> value, ReadOnlyMemory<byte> whole)
    {
        var expected = ExpectedFlags(type);
        if (expected is null)
        {
            ParseUnknown(flags, type, value, whole);
            return;
        }
        var v = value.Span;
        if ((flags & AttributeFlags.OptionalTransitive) != expected)
        {
            FlagsError(type, whole);
            return;
        }
        switch (type)
        {
            case AttributeType.Origin:
                if (v.Length != 1 || v[0] > 2) Withdraw("malformed ORIGIN");
                else _attributes.Origin = (Origin)v[0];
                break;
            case AttributeType.AsPath:
                if (AsPathCodec.TryDecode(v, _options.FourOctetAs, out var path)) _attributes.AsPath = path;
                else Withdraw("malformed AS_PATH");
                break;
            case AttributeType.NextHop:
                ParseNextHop(v);
                break;
            case AttributeType.MultiExitDisc:
                if (v.Length != 4) Withdraw("malformed MULTI_EXIT_DISC");
                else _attributes.Med = BinaryPrimitives.ReadUInt32BigEndian(v);
                break;
            case AttributeType.LocalPref:
                if (v.Length != 4) Withdraw("malformed LOCAL_PREF");
                else if (!_options.IsInternal) (_problems ??= []).Add("LOCAL_PREF from an external peer discarded");
                else _attributes.LocalPref = BinaryPrimitives.ReadUInt32BigEndian(v);
                break;
            case AttributeType.AtomicAggregate:
                if (v.Length != 0) Discard("malformed ATOMIC_AGGREGATE");
                else _attributes.AtomicAggregate = true;
                break;
            case AttributeType.Aggregator:
                if (v.Length != (_options.FourOctetAs ? 8 : 6)) Discard("malformed AGGREGATOR");
                else _attributes.Aggregator = AttributeValueReader.ReadAggregator(v);
                break;
            case AttributeType.Communities:
                if (v.Length == 0 || v.Length % 4 != 0) Withdraw("malformed COMMUNITIES");
                else _attributes.Communities = AttributeValueReader.ReadUInts(v);
                break;
            case AttributeType.OriginatorId:
                if (v.Length != 4) Withdraw("malformed ORIGINATOR_ID");
                else _attributes.OriginatorId = BinaryPrimitives.ReadUInt32BigEndian(v);
                break;
            case AttributeType.ClusterList:
                if (v.Length == 0 || v.Length % 4 != 0) Withdraw("malformed CLUSTER_LIST");
                else _attributes.ClusterList = AttributeValueReader.ReadUInts(v);
                break;
            case AttributeType.MpReachNlri:
                ParseMpReach(value, whole);
                break;
            case AttributeType.MpUnreachNlri:
                ParseMpUnreach(value, whole);
                break;
            case AttributeType.ExtendedCommunities:
                if (v.Length == 0 || v.Length % 8 != 0) Withdraw("malformed EXTENDED_COMMUNITIES");
                else _attributes.ExtendedCommunities = AttributeValueReader.ReadULongs(v);
                break;
            case AttributeType.As4Path:
                if (_options.FourOctetAs) (_problems ??= []).Add("AS4_PATH from a 4-octet AS peer ignored");
                else if (AsPathCodec.TryDecode(v, true, out var as4) && !as4.Segments.Any(s => s.IsConfed)) _as4Path = as4;
                else Discard("malformed AS4_PATH");
                break;
            case AttributeType.As4Aggregator:
                if (_options.FourOctetAs) (_problems ??= []).Add("AS4_AGGREGATOR from a 4-octet AS peer ignored");
                else if (v.Length != 8) Discard("malformed AS4_AGGREGATOR");
                else _as4Aggregator = AttributeValueReader.ReadAggregator(v);
                break;
            case AttributeType.LargeCommunities:
                if (v.Length == 0 || v.Length % 12 != 0) Withdraw("malformed LARGE_COMMUNITY");
                else _attributes.LargeCommunities = AttributeValueReader.ReadLarge(v);
                break;
            case AttributeType.OnlyToCustomer:
                if (v.Length != 4) Withdraw("malformed OTC");
                else _attributes.OnlyToCustomer = BinaryPrimitives.ReadUInt32BigEndian(v);
                break;
        }
    }

    /// <summary>The Optional and Transitive bits each known attribute must carry; null for unknown types.</summary>
    internal static byte? ExpectedFlags(byte type) => type switch
    {
        AttributeType.Origin or AttributeType.AsPath or AttributeType.NextHop or AttributeType.LocalPref or AttributeType.AtomicAggregate => AttributeFlags.WellKnown,
        AttributeType.MultiExitDisc or AttributeType.OriginatorId or AttributeType.ClusterList or AttributeType.MpReachNlri or AttributeType.MpUnreachNlri => AttributeFlags.Optional,
        AttributeType.Aggregator or AttributeType.Communities or AttributeType.ExtendedCommunities or AttributeType.As4Path or AttributeType.As4Aggregator
            or AttributeType.LargeCommunities or AttributeType.OnlyToCustomer => AttributeFlags.OptionalTransitive,
        _ => null,
    };

    // RFC 7606 3.c: flags that contradict the type make the attribute malformed, handled as that attribute's errors are.
    private void FlagsError(byte type, ReadOnlyMemory<byte> whole)
    {
        var problem = $"attribute {type} has flags that contradict its type";
        switch (type)
        {
            case AttributeType.MpReachNlri or AttributeType.MpUnreachNlri:
                Raise(UpdateErrorAction.SessionReset, problem, BgpError.UpdateError(4, whole.ToArray()));
                break;
            case AttributeType.AtomicAggregate or AttributeType.Aggregator or AttributeType.As4Path or AttributeType.As4Aggregator:
                Discard(problem);
                break;
            default:
                Withdraw(problem);
                break;
        }
    }

    private void ParseUnknown(byte flags, byte type, ReadOnlyMemory<byte> value, ReadOnlyMemory<byte> whole)
    {
        if ((flags & AttributeFlags.Optional) == 0)
        {
            Raise(UpdateErrorAction.SessionReset, $"unrecognized well-known attribute {type}", BgpError.UpdateError(2, whole.ToArray()));
            return;
        }
        if ((flags & AttributeFlags.Transitive) == 0) return;
        var passOn = (byte)((flags | AttributeFlags.Partial) & ~AttributeFlags.ExtendedLength);
        (_attributes.Unknown ??= []).Add(new RawAttribute(passOn, type, value.ToArray()));
    }

    private void ParseNextHop(ReadOnlySpan<byte> v)
    {
        if (v.Length != 4)
        {
            Withdraw("malformed NEXT_HOP");
            return;
        }
        var address = BinaryPrimitives.ReadUInt32BigEndian(v);
        // RFC 4271 6.3: a next hop that cannot be one (unspecified, multicast, class E, broadcast).
        if (address == 0 || address >= 0xE0000000u)
        {
            Withdraw($"invalid NEXT_HOP {IpAddress.V4(address)}");
            return;
        }
        _attributes.NextHop = IpAddress.V4(address);
    }

    private void ParseMpReach(ReadOnlyMemory<byte> value, ReadOnlyMemory<byte> whole)
    {
        var v = value.Span;
        if (v.Length < 5 || 4 + v[3] + 1 > v.Length)
        {
            MpError("malformed MP_REACH_NLRI", whole);
            return;
        }
        var family = new BgpFamily((Afi)BinaryPrimitives.ReadUInt16BigEndian(v), (Safi)v[2]);
        int nextHopLength = v[3];
        if (!family.IsSupported)
        {
            (_problems ??= []).Add($"MP_REACH_NLRI for unsupported {family} ignored");
            return;
        }
        var nextHop = v.Slice(4, nextHopLength);
        IpAddress global;
        IpAddress? linkLocal = null;
        if (family.IsV6 && nextHopLength is 16 or 32)
        {
            global = IpAddress.FromBytes(nextHop[..16]);
            if (nextHopLength == 32) linkLocal = IpAddress.FromBytes(nextHop[16..]);
        }
        else if (!family.IsV6 && nextHopLength == 4)
        {
            global = IpAddress.FromBytes(nextHop);
        }
        else
        {
            MpError($"MP_REACH_NLRI next hop length {nextHopLength} is wrong for {family}", whole);
            return;
        }
        var nlri = value[(5 + nextHopLength)..];
        if (!NlriCodec.Validate(nlri.Span, family.IsV6, _options.AddPathFor(family), out _))
        {
            MpError("malformed NLRI in MP_REACH_NLRI", whole);
            return;
        }
        _mpReach = new MpReachNlri(family, global, linkLocal, nlri);
    }

    private void ParseMpUnreach(ReadOnlyMemory<byte> value, ReadOnlyMemory<byte> whole)
    {
        var v = value.Span;
        if (v.Length < 3)
        {
            MpError("malformed MP_UNREACH_NLRI", whole);
            return;
        }
        var family = new BgpFamily((Afi)BinaryPrimitives.ReadUInt16BigEndian(v), (Safi)v[2]);
        if (!family.IsSupported)
        {
            (_problems ??= []).Add($"MP_UNREACH_NLRI for unsupported {family} ignored");
            return;
        }
        var nlri = value[3..];
        if (!NlriCodec.Validate(nlri.Span, family.IsV6, _options.AddPathFor(family), out _))
        {
            MpError("malformed NLRI in MP_UNREACH_NLRI", whole);
            return;
        }
        _mpUnreach = new MpUnreachNlri(family, nlri);
    }

    // RFC 7606 7.11: the NLRI cannot be located reliably, so the session is reset.
    private void MpError(string problem, ReadOnlyMemory<byte> whole) =>
        Raise(UpdateErrorAction.SessionReset, problem, BgpError.UpdateError(9, whole.ToArray()));

    private void Withdraw(string problem) => Raise(UpdateErrorAction.TreatAsWithdraw, problem);

    private void Discard(string problem) => Raise(UpdateErrorAction.AttributeDiscard, problem);

    // RFC 6793 4.2.3: rebuild the true path and aggregator from a 2-octet peer's AS4_* attributes.
    private void MergeAs4()
    {
        if (_options.FourOctetAs) return;
        if (_as4Aggregator is { } as4Aggregator && _attributes.Aggregator is { } aggregator)
        {
            if (aggregator.As != BgpWire.AsTrans)
            {
                (_problems ??= []).Add("AS4_AGGREGATOR and AS4_PATH ignored: AGGREGATOR holds a 2-octet AS");
                return;
            }
            _attributes.Aggregator = as4Aggregator;
        }
        if (_as4Path is { } as4Path && _attributes.AsPath is { } asPath)
        {
            if (asPath.Length < as4Path.Length) (_problems ??= []).Add("AS4_PATH longer than AS_PATH ignored");
            else _attributes.AsPath = asPath.MergeAs4(as4Path);
        }
    }

    // RFC 7606 3.d: a missing well-known mandatory attribute makes the update treat-as-withdraw.
    private void CheckMandatory(bool hasClassicNlri)
    {
        var announces = hasClassicNlri || _mpReach is { Nlri.IsEmpty: false };
        if (!announces) return;
        if (_attributes.Origin is null && _action < UpdateErrorAction.TreatAsWithdraw) Withdraw("missing ORIGIN");
        if (_attributes.AsPath is null && _action < UpdateErrorAction.TreatAsWithdraw) Withdraw("missing AS_PATH");
        if (hasClassicNlri && _attributes.NextHop is null && _action < UpdateErrorAction.TreatAsWithdraw) Withdraw("missing NEXT_HOP");
    }
}
