using Bgpd.Bgp.Wire;
using static Bgpd.Bgp.Tests.Wire.Bytes;

namespace Bgpd.Bgp.Tests.Wire;

public class OpenMessageTests
{
    private static BgpCapabilities AllCapabilities() => new()
    {
        Multiprotocol = [BgpFamily.IPv4Unicast, BgpFamily.IPv6Unicast],
        RouteRefresh = true,
        EnhancedRouteRefresh = true,
        ExtendedMessages = true,
        FourOctetAs = 4200000001,
        GracefulRestart = new GracefulRestartCapability(true, true, 120, [new(BgpFamily.IPv4Unicast, true), new(BgpFamily.IPv6Unicast, false)]),
        LongLivedGracefulRestart = [new(BgpFamily.IPv4Unicast, true, 3600), new(BgpFamily.IPv6Unicast, false, 0xABCDEF)],
        AddPath = [new(BgpFamily.IPv4Unicast, AddPathMode.Both), new(BgpFamily.IPv6Unicast, AddPathMode.Receive)],
        Unknown = [new RawCapability(73, new byte[] { 1, 2, 3 })],
    };

    private static OpenMessage RoundTrip(OpenMessage open)
    {
        var bytes = open.Encode();
        Assert.That(bytes[16] << 8 | bytes[17], Is.EqualTo(bytes.Length));
        var decoded = OpenMessage.Decode(Body(bytes), out var error);
        Assert.That(error, Is.Null);
        return decoded!;
    }

    private static void AssertSameCapabilities(BgpCapabilities actual, BgpCapabilities expected)
    {
        Assert.That(actual.Multiprotocol, Is.EqualTo(expected.Multiprotocol));
        Assert.That(actual.RouteRefresh, Is.EqualTo(expected.RouteRefresh));
        Assert.That(actual.EnhancedRouteRefresh, Is.EqualTo(expected.EnhancedRouteRefresh));
        Assert.That(actual.ExtendedMessages, Is.EqualTo(expected.ExtendedMessages));
        Assert.That(actual.FourOctetAs, Is.EqualTo(expected.FourOctetAs));
        Assert.That(actual.GracefulRestart, Is.EqualTo(expected.GracefulRestart));
        Assert.That(actual.LongLivedGracefulRestart, Is.EqualTo(expected.LongLivedGracefulRestart));
        Assert.That(actual.AddPath, Is.EqualTo(expected.AddPath));
        Assert.That(actual.Unknown, Is.EqualTo(expected.Unknown));
    }

    [Test]
    public void Open_with_every_capability_round_trips()
    {
        var open = new OpenMessage { MyAs = BgpWire.AsTrans, HoldTime = 240, BgpId = 0x0A630001, Capabilities = AllCapabilities() };
        var decoded = RoundTrip(open);
        Assert.That(decoded.MyAs, Is.EqualTo(BgpWire.AsTrans));
        Assert.That(decoded.HoldTime, Is.EqualTo(240));
        Assert.That(decoded.BgpId, Is.EqualTo(0x0A630001));
        Assert.That(decoded.PeerAs, Is.EqualTo(4200000001));
        Assert.That(decoded.HasCapabilities, Is.True);
        AssertSameCapabilities(decoded.Capabilities, open.Capabilities);
    }

    [Test]
    public void Open_without_capabilities_round_trips_and_defaults_to_ipv4_unicast()
    {
        var decoded = RoundTrip(new OpenMessage { MyAs = 64512, HoldTime = 0, BgpId = 1 });
        Assert.That(decoded.HasCapabilities, Is.False);
        Assert.That(decoded.PeerAs, Is.EqualTo(64512));
        Assert.That(decoded.Capabilities.EffectiveFamilies, Is.EqualTo(new[] { BgpFamily.IPv4Unicast }));
    }

    [Test]
    public void Capabilities_longer_than_255_bytes_use_rfc9072_extended_parameters()
    {
        var caps = AllCapabilities();
        for (byte code = 200; code < 230; code++) caps.Unknown.Add(new RawCapability(code, new byte[8]));
        var bytes = new OpenMessage { MyAs = 65000, HoldTime = 90, BgpId = 7, Capabilities = caps }.Encode();
        Assert.That(bytes[28], Is.EqualTo(255));
        Assert.That(bytes[29], Is.EqualTo(255));
        var decoded = OpenMessage.Decode(Body(bytes), out var error);
        Assert.That(error, Is.Null);
        AssertSameCapabilities(decoded!.Capabilities, caps);
    }

    [Test]
    public void Capabilities_split_over_several_parameters_are_all_read()
    {
        var body = Cat([4], U16(65001), U16(180), U32(9), [12], [2, 6, 65, 4], U32(65001), [2, 2, 2, 0]);
        var open = OpenMessage.Decode(body, out var error);
        Assert.That(error, Is.Null);
        Assert.That(open!.Capabilities.FourOctetAs, Is.EqualTo(65001));
        Assert.That(open.Capabilities.RouteRefresh, Is.True);
    }

    [Test]
    public void Cisco_route_refresh_code_counts_as_route_refresh()
    {
        var body = Cat([4], U16(65001), U16(180), U32(9), [4], [2, 2, 128, 0]);
        Assert.That(OpenMessage.Decode(body, out _)!.Capabilities.RouteRefresh, Is.True);
    }

    private static BgpError? DecodeError(byte[] body)
    {
        var open = OpenMessage.Decode(body, out var error);
        Assert.That(open is null, Is.EqualTo(error is not null));
        return error;
    }

    private static byte[] Header(int version = 4, int asn = 65001, int hold = 90, uint id = 0x01020304) =>
        Cat([(byte)version], U16(asn), U16(hold), U32(id));

    [Test]
    public void Version_other_than_4_is_unsupported_version_with_4_as_data()
    {
        var error = DecodeError(Cat(Header(version: 3), [0]));
        Assert.That(error, Is.EqualTo(new BgpError(2, 1, new byte[] { 0, 4 })));
    }

    [TestCase(1)]
    [TestCase(2)]
    public void Hold_time_of_one_or_two_seconds_is_unacceptable(int hold)
    {
        Assert.That(DecodeError(Cat(Header(hold: hold), [0])), Is.EqualTo(new BgpError(2, 6)));
    }

    [TestCase(0)]
    [TestCase(3)]
    public void Hold_time_zero_or_three_is_accepted(int hold)
    {
        Assert.That(DecodeError(Cat(Header(hold: hold), [0])), Is.Null);
    }

    [Test]
    public void As_zero_is_bad_peer_as()
    {
        Assert.That(DecodeError(Cat(Header(asn: 0), [0]))!.Subcode, Is.EqualTo(2));
        Assert.That(DecodeError(Cat(Header(asn: 23456), [8, 2, 6, 65, 4], U32(0)))!.Subcode, Is.EqualTo(2));
    }

    [Test]
    public void Bgp_identifier_zero_is_bad_bgp_identifier()
    {
        Assert.That(DecodeError(Cat(Header(id: 0), [0])), Is.EqualTo(new BgpError(2, 3)));
    }

    // CVE-2022-43681 shape: the message ends right after the optional parameters length octet, which claims more.
    [Test]
    public void Optional_parameter_length_claiming_more_than_the_message_holds_is_an_open_error()
    {
        Assert.That(DecodeError(Cat(Header(), [10])), Is.EqualTo(new BgpError(2, 0)));
        Assert.That(DecodeError(Cat(Header(), [10, 2])), Is.EqualTo(new BgpError(2, 0)));
        Assert.That(DecodeError(Cat(Header(), [10, 2, 6])), Is.EqualTo(new BgpError(2, 0)));
    }

    [Test]
    public void Optional_parameter_length_shorter_than_the_parameters_present_is_an_open_error()
    {
        Assert.That(DecodeError(Cat(Header(), [2, 2, 2, 2, 0])), Is.EqualTo(new BgpError(2, 0)));
    }

    // CVE-2022-40302 shape: extended parameters announced (255, 255) with too few octets after them.
    [Test]
    public void Extended_parameters_truncated_after_the_marker_are_an_open_error()
    {
        Assert.That(DecodeError(Cat(Header(), [255, 255])), Is.EqualTo(new BgpError(2, 0)));
        Assert.That(DecodeError(Cat(Header(), [255, 255, 0])), Is.EqualTo(new BgpError(2, 0)));
    }

    // CVE-2022-40318 shape: an extended parameter whose 2-octet length overruns what is there.
    [Test]
    public void Extended_parameter_whose_length_overruns_is_an_open_error()
    {
        Assert.That(DecodeError(Cat(Header(), [255, 255], U16(5), [2], U16(40), [2, 0])), Is.EqualTo(new BgpError(2, 0)));
        Assert.That(DecodeError(Cat(Header(), [255, 255], U16(40), [2], U16(2), [2, 0])), Is.EqualTo(new BgpError(2, 0)));
        Assert.That(DecodeError(Cat(Header(), [255, 255], U16(2), [2, 0])), Is.EqualTo(new BgpError(2, 0)));
    }

    [Test]
    public void Capability_overrunning_its_parameter_is_an_open_error()
    {
        Assert.That(DecodeError(Cat(Header(), [4, 2, 2, 65, 4])), Is.EqualTo(new BgpError(2, 0)));
        Assert.That(DecodeError(Cat(Header(), [3, 2, 1, 65])), Is.EqualTo(new BgpError(2, 0)));
    }

    [TestCase(new byte[] { 1, 3, 0, 1, 0 })]
    [TestCase(new byte[] { 65, 2, 0, 1 })]
    [TestCase(new byte[] { 2, 1, 0 })]
    [TestCase(new byte[] { 69, 4, 0, 1, 1, 7 })]
    [TestCase(new byte[] { 64, 1, 0 })]
    [TestCase(new byte[] { 64, 5, 0, 120, 0, 1, 1 })]
    [TestCase(new byte[] { 71, 6, 0, 1, 1, 0, 0, 0 })]
    public void Capability_with_a_length_its_code_does_not_allow_is_an_open_error(byte[] capability)
    {
        Assert.That(DecodeError(Cat(Header(), [(byte)(capability.Length + 2), 2, (byte)capability.Length], capability)), Is.EqualTo(new BgpError(2, 0)));
    }

    [Test]
    public void Unknown_optional_parameter_type_is_unsupported_optional_parameter()
    {
        Assert.That(DecodeError(Cat(Header(), [3, 1, 1, 0])), Is.EqualTo(new BgpError(2, 4)));
    }

    [Test]
    public void Open_body_shorter_than_its_fixed_fields_is_bad_length()
    {
        Assert.That(DecodeError(Header()[..8])!.Code, Is.EqualTo(1));
    }

    [Test]
    public void Wide_as_is_sent_as_as_trans_in_the_two_octet_field()
    {
        Assert.That(OpenMessage.TwoOctetAs(4200000000), Is.EqualTo(BgpWire.AsTrans));
        Assert.That(OpenMessage.TwoOctetAs(64512), Is.EqualTo(64512));
    }
}
