using System.Buffers;
using Bgpd.Bgp.Wire;

namespace Bgpd.Bgp.Tests.Wire;

public class MessageFramerTests
{
    private static FrameStatus Frame(byte[] bytes, out MessageType type, out BgpError? error, int max = BgpWire.MaxMessageLength) =>
        MessageFramer.TryReadMessage(new ReadOnlySequence<byte>(bytes), max, out _, out type, out error);

    [Test]
    public void Keepalive_is_framed_as_one_message()
    {
        Assert.That(Frame(BgpWire.Keepalive(), out var type, out var error), Is.EqualTo(FrameStatus.Message));
        Assert.That(type, Is.EqualTo(MessageType.Keepalive));
        Assert.That(error, Is.Null);
    }

    [Test]
    public void Partial_header_and_partial_body_need_more_data()
    {
        var update = Bytes.Message(MessageType.Update, Bytes.UpdateBody([], [], []));
        Assert.That(Frame(update[..10], out _, out _), Is.EqualTo(FrameStatus.NeedMoreData));
        Assert.That(Frame(update[..20], out _, out _), Is.EqualTo(FrameStatus.NeedMoreData));
    }

    [Test]
    public void Message_split_across_segments_is_framed_and_sliced_to_its_length()
    {
        var keepalive = BgpWire.Keepalive();
        var two = Bytes.Cat(keepalive, keepalive);
        var first = new Segment(two[..7]);
        var last = first.Append(two[7..]);
        var sequence = new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
        Assert.That(MessageFramer.TryReadMessage(sequence, 4096, out var message, out _, out _), Is.EqualTo(FrameStatus.Message));
        Assert.That(message.Length, Is.EqualTo(19));
    }

    [Test]
    public void Bad_marker_is_connection_not_synchronized()
    {
        var message = BgpWire.Keepalive();
        message[3] = 0;
        Assert.That(Frame(message, out _, out var error), Is.EqualTo(FrameStatus.Error));
        Assert.That(error, Is.EqualTo(new BgpError(1, 1)));
        Assert.That(error!.Description, Is.EqualTo("Connection not synchronized"));
    }

    [TestCase(18)]
    [TestCase(4097)]
    [TestCase(0)]
    public void Length_outside_the_allowed_range_is_bad_message_length_with_the_length_as_data(int length)
    {
        var message = BgpWire.Keepalive();
        message[16] = (byte)(length >> 8);
        message[17] = (byte)length;
        Assert.That(Frame(message, out _, out var error), Is.EqualTo(FrameStatus.Error));
        Assert.That(error, Is.EqualTo(BgpError.BadMessageLength(length)));
        Assert.That(error!.Data.ToArray(), Is.EqualTo(new[] { (byte)(length >> 8), (byte)length }));
    }

    [Test]
    public void Extended_messages_allow_lengths_up_to_65535()
    {
        var body = Bytes.UpdateBody([], [], new byte[5000 - 23]);
        var message = Bytes.Message(MessageType.Update, body);
        Assert.That(Frame(message, out _, out _, BgpWire.MaxMessageLength), Is.EqualTo(FrameStatus.Error));
        Assert.That(Frame(message, out _, out _, BgpWire.MaxExtendedMessageLength), Is.EqualTo(FrameStatus.Message));
    }

    [Test]
    public void Unknown_type_is_bad_message_type_with_the_type_as_data()
    {
        var message = BgpWire.Keepalive();
        message[18] = 9;
        Assert.That(Frame(message, out _, out var error), Is.EqualTo(FrameStatus.Error));
        Assert.That(error, Is.EqualTo(new BgpError(1, 3, new byte[] { 9 })));
    }

    [TestCase(MessageType.Keepalive, 20)]
    [TestCase(MessageType.Open, 28)]
    [TestCase(MessageType.Update, 22)]
    [TestCase(MessageType.Notification, 20)]
    public void Length_too_short_for_the_type_is_bad_message_length(MessageType type, int length)
    {
        var message = new byte[length];
        BgpWire.WriteHeader(message, length, type);
        Assert.That(Frame(message, out _, out var error), Is.EqualTo(FrameStatus.Error));
        Assert.That(error!.Code, Is.EqualTo(1));
        Assert.That(error.Subcode, Is.EqualTo(2));
    }

    [Test]
    public void Open_longer_than_4096_is_refused_even_with_extended_messages()
    {
        var message = new byte[5000];
        BgpWire.WriteHeader(message, message.Length, MessageType.Open);
        Assert.That(Frame(message, out _, out var error, BgpWire.MaxExtendedMessageLength), Is.EqualTo(FrameStatus.Error));
        Assert.That(error, Is.EqualTo(BgpError.BadMessageLength(5000)));
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(byte[] data) => Memory = data;

        public Segment Append(byte[] data)
        {
            var next = new Segment(data) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }
}
