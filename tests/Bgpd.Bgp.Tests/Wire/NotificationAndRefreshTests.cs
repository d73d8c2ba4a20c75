using Bgpd.Bgp.Wire;
using static Bgpd.Bgp.Tests.Wire.Bytes;

namespace Bgpd.Bgp.Tests.Wire;

public class NotificationAndRefreshTests
{
    [Test]
    public void Notification_round_trips_code_subcode_and_data()
    {
        var error = new BgpError(3, 11, new byte[] { 1, 2, 3 });
        var bytes = NotificationMessage.Encode(error);
        Assert.That(bytes.Length, Is.EqualTo(24));
        Assert.That(NotificationMessage.Decode(Body(bytes)), Is.EqualTo(error));
    }

    [TestCase(4, 0, "Hold timer expired")]
    [TestCase(6, 2, "Administrative shutdown")]
    [TestCase(6, 4, "Administrative reset")]
    [TestCase(2, 2, "Bad peer AS")]
    [TestCase(3, 1, "Malformed attribute list")]
    [TestCase(6, 7, "Connection collision resolution")]
    [TestCase(8, 0, "Send hold timer expired")]
    [TestCase(9, 9, "Unknown error")]
    public void Errors_are_described_as_bird_prints_them(int code, int subcode, string text)
    {
        Assert.That(new BgpError((byte)code, (byte)subcode).Description, Is.EqualTo(text));
    }

    [Test]
    public void Shutdown_communication_is_shown_in_quotes()
    {
        var error = new BgpError(6, 2, ShutdownCommunication.Encode("maintenance window"));
        Assert.That(BgpErrorText.Format(error), Is.EqualTo("Administrative shutdown: \"maintenance window\""));
        var decoded = NotificationMessage.Decode(Body(NotificationMessage.Encode(error)));
        Assert.That(BgpErrorText.Format(decoded), Is.EqualTo("Administrative shutdown: \"maintenance window\""));
    }

    [Test]
    public void Shutdown_communication_control_characters_become_spaces()
    {
        var error = new BgpError(6, 4, Cat([5], "a\nb\tc"u8.ToArray()));
        Assert.That(BgpErrorText.Format(error), Is.EqualTo("Administrative reset: \"a b c\""));
    }

    // BIRD CVE-2019-16159: the length octet claims more than the NOTIFICATION carries.
    [Test]
    public void Shutdown_communication_whose_length_lies_is_shown_as_hex_without_reading_past_the_end()
    {
        var error = new BgpError(6, 2, Cat([200], "hi"u8.ToArray()));
        Assert.That(ShutdownCommunication.TryRead(error, out _), Is.False);
        Assert.That(BgpErrorText.Format(error), Is.EqualTo("Administrative shutdown: c86869"));
    }

    [Test]
    public void Empty_shutdown_communication_shows_just_the_description()
    {
        Assert.That(BgpErrorText.Format(new BgpError(6, 2, new byte[] { 0 })), Is.EqualTo("Administrative shutdown"));
        Assert.That(BgpErrorText.Format(new BgpError(6, 2)), Is.EqualTo("Administrative shutdown"));
    }

    [Test]
    public void Long_shutdown_communication_is_truncated_to_255_bytes_on_a_character_boundary()
    {
        var data = ShutdownCommunication.Encode(new string('é', 200));
        Assert.That(data[0], Is.EqualTo(254));
        Assert.That(data.Length, Is.EqualTo(255));
        Assert.That(ShutdownCommunication.TryRead(new BgpError(6, 2, data), out var text), Is.True);
        Assert.That(text, Is.EqualTo(new string('é', 127)));
    }

    [Test]
    public void Bad_peer_as_shows_the_as_number()
    {
        Assert.That(BgpErrorText.Format(new BgpError(2, 2, U32(4200000000))), Is.EqualTo("Bad peer AS: 4200000000"));
        Assert.That(BgpErrorText.Format(new BgpError(2, 2, U16(65001))), Is.EqualTo("Bad peer AS: 65001"));
    }

    [Test]
    public void Other_data_is_shown_as_hex_of_at_most_16_bytes()
    {
        var error = new BgpError(3, 1, Enumerable.Range(0, 20).Select(i => (byte)i).ToArray());
        Assert.That(BgpErrorText.Format(error), Is.EqualTo("Malformed attribute list: 000102030405060708090a0b0c0d0e0f"));
    }

    [TestCase(RouteRefreshSubtype.Request)]
    [TestCase(RouteRefreshSubtype.BeginOfRouteRefresh)]
    [TestCase(RouteRefreshSubtype.EndOfRouteRefresh)]
    public void Route_refresh_round_trips_every_subtype(RouteRefreshSubtype subtype)
    {
        var refresh = new RouteRefreshMessage(BgpFamily.IPv6Unicast, subtype);
        Assert.That(RouteRefreshMessage.Decode(refresh.Encode(), out var decoded, out var error), Is.EqualTo(RouteRefreshMessage.DecodeStatus.Ok));
        Assert.That(error, Is.Null);
        Assert.That(decoded, Is.EqualTo(refresh));
    }

    [Test]
    public void Route_refresh_of_wrong_length_is_error_7_1_carrying_the_message()
    {
        var message = Message(MessageType.RouteRefresh, [0, 1, 0, 1, 0]);
        Assert.That(RouteRefreshMessage.Decode(message, out _, out var error), Is.EqualTo(RouteRefreshMessage.DecodeStatus.Error));
        Assert.That(error, Is.EqualTo(new BgpError(7, 1, message)));
        Assert.That(error!.Description, Is.EqualTo("Invalid ROUTE-REFRESH message length"));
    }

    [Test]
    public void Route_refresh_with_unknown_subtype_is_ignored()
    {
        var message = Message(MessageType.RouteRefresh, [0, 1, 7, 1]);
        Assert.That(RouteRefreshMessage.Decode(message, out _, out var error), Is.EqualTo(RouteRefreshMessage.DecodeStatus.Ignore));
        Assert.That(error, Is.Null);
    }
}
