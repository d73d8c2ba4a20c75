using Bgpd.Netlink.Netlink;
using Bgpd.Netlink.Tests.Fixtures;

namespace Bgpd.Netlink.Tests.Rtnetlink;

/// <summary>A captured datagram split into its messages, each copied with its header (for byte comparisons).</summary>
internal sealed record CapturedMessage(ushort Type, ushort Flags, uint Sequence, byte[] Payload, byte[] Whole);

internal static class CapturedMessages
{
    public static List<CapturedMessage> Load(string fixture, ushort type)
    {
        var result = new List<CapturedMessage>();
        foreach (var datagram in HexFixture.Datagrams(fixture))
        {
            var offset = 0;
            var reader = new NetlinkMessageReader(datagram);
            foreach (var message in reader)
            {
                var length = message.Payload.Length + NetlinkConstants.HeaderLength;
                if (message.Type == type)
                    result.Add(new CapturedMessage(message.Type, message.Flags, message.Sequence, message.Payload.ToArray(), datagram.AsSpan(offset, length).ToArray()));
                offset += NetlinkConstants.Align(length);
            }
            Assert.That(reader.Malformed, Is.False, $"fixture {fixture} is malformed");
        }
        return result;
    }
}
