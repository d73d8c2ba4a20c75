using System.Buffers.Binary;
using System.Text;
using Bgpd.Netlink.Netlink;

namespace Bgpd.Netlink.Rtnetlink;

/// <summary>A decoded RTM_NEWLINK/RTM_DELLINK: the interface facts bgpd tracks.</summary>
public readonly record struct LinkMessage(int Index, string Name, uint Flags, ushort DeviceType, uint Mtu, int Master, byte OperState)
{
    public bool IsUp => (Flags & LinkAttr.FlagUp) != 0;
    public bool IsLowerUp => (Flags & LinkAttr.FlagLowerUp) != 0;
    public bool IsLoopback => (Flags & LinkAttr.FlagLoopback) != 0;
}

/// <summary>Decodes and encodes link messages (struct ifinfomsg + IFLA_* attributes).</summary>
public static class LinkCodec
{
    public const int HeaderLength = 16;

    public static bool TryDecode(ReadOnlySpan<byte> payload, out LinkMessage link)
    {
        link = default;
        if (payload.Length < HeaderLength)
            return false;
        var deviceType = BinaryPrimitives.ReadUInt16LittleEndian(payload[2..]);
        var index = BinaryPrimitives.ReadInt32LittleEndian(payload[4..]);
        var flags = BinaryPrimitives.ReadUInt32LittleEndian(payload[8..]);
        string name = "";
        uint mtu = 0;
        int master = 0;
        byte operState = 0;
        var reader = new AttributeReader(payload[HeaderLength..]);
        foreach (var attr in reader)
        {
            switch (attr.Type)
            {
                case LinkAttr.IfName: name = Encoding.UTF8.GetString(attr.AsCString()); break;
                case LinkAttr.Mtu: mtu = attr.AsUInt32(); break;
                case LinkAttr.Master: master = (int)attr.AsUInt32(); break;
                case LinkAttr.OperState: operState = attr.AsByte(); break;
            }
        }
        link = new LinkMessage(index, name, flags, deviceType, mtu, master, operState);
        return index > 0;
    }

    /// <summary>Writes a link message (used by tests and for RTM_GETLINK requests with a filter).</summary>
    public static void Encode(NetlinkWriter writer, ushort type, ushort flags, uint sequence, in LinkMessage link)
    {
        var start = writer.BeginMessage(type, flags, sequence);
        var header = writer.Reserve(HeaderLength);
        BinaryPrimitives.WriteUInt16LittleEndian(header[2..], link.DeviceType);
        BinaryPrimitives.WriteInt32LittleEndian(header[4..], link.Index);
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], link.Flags);
        if (link.Name.Length > 0)
            writer.AddString(LinkAttr.IfName, link.Name);
        if (link.Mtu != 0)
            writer.AddUInt32(LinkAttr.Mtu, link.Mtu);
        if (link.Master != 0)
            writer.AddUInt32(LinkAttr.Master, (uint)link.Master);
        writer.EndMessage(start);
    }

    /// <summary>A dump request for all links.</summary>
    public static void EncodeDumpRequest(NetlinkWriter writer, uint sequence)
    {
        var start = writer.BeginMessage(Rtm.GetLink, NetlinkConstants.FlagRequest | NetlinkConstants.FlagDump, sequence);
        writer.Reserve(HeaderLength);
        writer.EndMessage(start);
    }
}
