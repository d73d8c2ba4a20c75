using System.Buffers;
using Bgpd.Bgp.Session;
using Bgpd.Bgp.Tests.Session;
using Bgpd.Bgp.Wire;
using Bgpd.Net;

namespace Bgpd.Bgp.Tests.Wire;

/// <summary>
/// Seeded mutation of valid messages: whatever the bytes, the decoders and the session classify them
/// (an action or an error) and never throw. Deterministic: the same seed gives the same inputs.
/// </summary>
public class FuzzTests
{
    private static byte[] Mutate(Random random, byte[] original)
    {
        var bytes = original.ToArray();
        switch (random.Next(4))
        {
            case 0:
                for (var i = random.Next(1, 6); i > 0; i--) bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                break;
            case 1:
                bytes = bytes[..random.Next(bytes.Length + 1)];
                break;
            case 2:
                var at = random.Next(bytes.Length);
                bytes = [.. bytes[..at], .. Enumerable.Range(0, random.Next(1, 8)).Select(_ => (byte)random.Next(256)), .. bytes[at..]];
                break;
            default:
                bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                break;
        }
        return bytes;
    }

    private static byte[] RichUpdateBody()
    {
        var attributes = new PathAttributes
        {
            Origin = Origin.Igp,
            AsPath = new AsPath([new AsPathSegment(AsPathSegmentType.Sequence, [65001, 4200000001]), new AsPathSegment(AsPathSegmentType.Set, [1, 2])]),
            NextHop = IpAddress.Parse("10.0.0.1"),
            Med = 5,
            LocalPref = 100,
            AtomicAggregate = true,
            Aggregator = new Aggregator(4200000002, IpAddress.Parse("10.0.0.9")),
            Communities = [1, 2],
            OriginatorId = 9,
            ClusterList = [1],
            ExtendedCommunities = [7],
            LargeCommunities = [new LargeCommunity(1, 2, 3)],
            OnlyToCustomer = 5,
            Unknown = [new RawAttribute(0xE0, 99, new byte[] { 1, 2 })],
        };
        NlriEntry[] prefixes = [new(Prefix.Parse("10.1.0.0/16"), 3), new(Prefix.Parse("10.2.3.0/24"), 4)];
        var message = UpdateEncoder.Announce(BgpFamily.IPv4Unicast, attributes, prefixes, new UpdateEncodeOptions(TwoOctetAs: true, AddPathIPv4: true)).Single();
        var v6 = UpdateEncoder.Announce(BgpFamily.IPv6Unicast, attributes, [new(Prefix.Parse("2001:db8::/32"))], new UpdateEncodeOptions(), IpAddress.Parse("2001:db8::1"), IpAddress.Parse("fe80::1")).Single();
        var withdraw = UpdateEncoder.Withdraw(BgpFamily.IPv6Unicast, [new(Prefix.Parse("2001:db8:1::/48"))], new UpdateEncodeOptions()).Single();
        // One body with classic NLRI plus the IPv6 message's attributes (duplicates and MP_REACH) and an MP_UNREACH.
        var body = message[19..];
        var withdrawnLength = body[0] << 8 | body[1];
        var start = 4 + withdrawnLength;
        var attributesLength = body[start - 2] << 8 | body[start - 1];
        return Bytes.UpdateBody(body[2..(2 + withdrawnLength)], [.. body[start..(start + attributesLength)], .. v6[23..], .. withdraw[23..]], body[(start + attributesLength)..]);
    }

    [Test]
    public void Mutated_updates_are_classified_and_never_throw()
    {
        var random = new Random(4271);
        var seed = RichUpdateBody();
        var options = new[]
        {
            new UpdateDecodeOptions(),
            new UpdateDecodeOptions(TwoOctetAs: true, IsInternal: true, AddPathIPv4: true),
            new UpdateDecodeOptions(AddPathIPv4: true, AddPathIPv6: true),
        };
        var clean = UpdateMessage.Decode(seed, options[1]);
        Assert.That(clean.Action, Is.EqualTo(UpdateErrorAction.None), string.Join("; ", clean.Problems));
        Assert.That(clean.MpReach, Is.Not.Null);
        Assert.That(clean.MpUnreach, Is.Not.Null);
        var counts = new int[4];
        for (var i = 0; i < 20_000; i++)
        {
            var body = Mutate(random, seed);
            var update = UpdateMessage.Decode(body, options[i % options.Length]);
            counts[(int)update.Action]++;
            foreach (var family in new[] { BgpFamily.IPv4Unicast, BgpFamily.IPv6Unicast })
            {
                foreach (var entry in update.Announced(family)) Assert.That(entry.Prefix.Length, Is.LessThanOrEqualTo(family.MaxPrefixLength));
                foreach (var entry in update.Withdrawn(family)) Assert.That(entry.Prefix.Length, Is.LessThanOrEqualTo(family.MaxPrefixLength));
            }
            Assert.That(update.Action == UpdateErrorAction.SessionReset, Is.EqualTo(update.Error is not null));
            update.IsEndOfRib(out _);
        }
        Assert.That(counts, Has.All.GreaterThan(0), "every action class was reached: " + string.Join(",", counts));
    }

    [Test]
    public void Mutated_opens_notifications_and_refreshes_never_throw()
    {
        var random = new Random(7606);
        var open = new OpenMessage { MyAs = 64512, HoldTime = 90, BgpId = 1, Capabilities = SessionOptions.DefaultCapabilities([BgpFamily.IPv4Unicast, BgpFamily.IPv6Unicast], 4200000001, AddPathMode.Both) }.Encode();
        var notification = NotificationMessage.Encode(new BgpError(6, 2, ShutdownCommunication.Encode("bye")));
        var refresh = new RouteRefreshMessage(BgpFamily.IPv4Unicast, RouteRefreshSubtype.Request).Encode();
        for (var i = 0; i < 20_000; i++)
        {
            var o = Mutate(random, open);
            MessageFramer.TryReadMessage(new ReadOnlySequence<byte>(o), BgpWire.MaxMessageLength, out _, out _, out _);
            if (o.Length >= 19)
            {
                var decoded = OpenMessage.Decode(o.AsSpan(19), out var error);
                Assert.That(decoded is null, Is.EqualTo(error is not null));
            }
            var n = Mutate(random, notification);
            if (n.Length >= 21) BgpErrorText.Format(NotificationMessage.Decode(n.AsSpan(19)));
            var r = Mutate(random, refresh);
            if (r.Length >= 19) RouteRefreshMessage.Decode(r, out _, out _);
        }
    }

    [Test]
    public void Established_session_survives_mutated_messages_by_answering_or_resetting()
    {
        var random = new Random(9687);
        var seeds = new[] { Bytes.Message(MessageType.Update, RichUpdateBody()), BgpWire.Keepalive(), new RouteRefreshMessage(BgpFamily.IPv4Unicast, RouteRefreshSubtype.Request).Encode() };
        for (var i = 0; i < 300; i++)
        {
            var h = new SessionHarness();
            h.Establish();
            var message = Mutate(random, seeds[i % seeds.Length]);
            var status = MessageFramer.TryReadMessage(new ReadOnlySequence<byte>(message), BgpWire.MaxMessageLength, out var framed, out _, out var error);
            if (status == FrameStatus.Error) h.Do(new SessionEvent.FramingError(ConnectionSide.Outgoing, error!));
            else if (status == FrameStatus.Message) h.Receive(framed.ToArray());
            Assert.That(h.Session.State is BgpState.Established or BgpState.Active or BgpState.Idle, Is.True);
            if (h.Session.State != BgpState.Established) Assert.That(h.Sent().Last().Type, Is.EqualTo(MessageType.Notification));
        }
    }
}
