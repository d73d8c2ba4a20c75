using Bgpd.Netlink.Netlink;
using Bgpd.Netlink.Tests.Fixtures;

namespace Bgpd.Netlink.Tests.Netlink;

public class MessageReaderTests
{
    [Test]
    public void Captured_dump_ends_with_done_and_every_message_is_multipart()
    {
        var types = new List<ushort>();
        foreach (var datagram in HexFixture.Datagrams("routes4"))
        {
            var reader = new NetlinkMessageReader(datagram);
            foreach (var message in reader)
            {
                types.Add(message.Type);
                Assert.That(message.Flags & NetlinkConstants.FlagMulti, Is.Not.Zero);
                Assert.That(message.Sequence, Is.EqualTo(1u));
            }
        }
        Assert.That(types[^1], Is.EqualTo(NetlinkConstants.Done));
        Assert.That(types.Count(t => t == NetlinkConstants.Done), Is.EqualTo(1));
    }

    [Test]
    public void Header_claiming_more_bytes_than_present_marks_the_datagram_malformed()
    {
        var datagram = HexFixture.Datagrams("routes4")[0].AsSpan(0, 40).ToArray();
        var reader = new NetlinkMessageReader(datagram);
        var count = 0;
        while (reader.MoveNext())
            count++;
        Assert.That(reader.Malformed, Is.True);
        Assert.That(count, Is.EqualTo(0));
    }

    [Test]
    public void Error_message_reports_the_positive_errno()
    {
        var writer = new NetlinkWriter();
        var start = writer.BeginMessage(NetlinkConstants.Error, 0, 5);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(writer.Reserve(4), -17);
        writer.EndMessage(start);
        var reader = new NetlinkMessageReader(writer.Written);
        Assert.That(reader.MoveNext(), Is.True);
        Assert.That(reader.Current.IsError, Is.True);
        Assert.That(reader.Current.ErrorCode, Is.EqualTo(17));
    }

    [Test]
    public void Nested_attributes_round_trip_through_writer_and_reader()
    {
        var writer = new NetlinkWriter();
        var nested = writer.BeginNested(8);
        writer.AddUInt32(2, 1400);
        writer.AddString(3, "tunl0");
        writer.EndNested(nested);
        var outer = new AttributeReader(writer.Written);
        Assert.That(outer.MoveNext(), Is.True);
        var inner = new AttributeReader(outer.Current.Value);
        Assert.That(inner.MoveNext(), Is.True);
        Assert.That(inner.Current.AsUInt32(), Is.EqualTo(1400u));
        Assert.That(inner.MoveNext(), Is.True);
        Assert.That(System.Text.Encoding.ASCII.GetString(inner.Current.AsCString()), Is.EqualTo("tunl0"));
        Assert.That(inner.MoveNext(), Is.False);
    }
}
