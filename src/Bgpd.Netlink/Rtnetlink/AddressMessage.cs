using System.Buffers.Binary;
using Bgpd.Net;
using Bgpd.Netlink.Netlink;

namespace Bgpd.Netlink.Rtnetlink;

/// <summary>A decoded RTM_NEWADDR/RTM_DELADDR. <see cref="Address"/> is the interface's own address
/// (IFA_LOCAL, or IFA_ADDRESS when there is no IFA_LOCAL); <see cref="Peer"/> is the far end of a
/// point-to-point link (IFA_ADDRESS when it differs from IFA_LOCAL).</summary>
public readonly record struct AddressMessage(int InterfaceIndex, IpAddress Address, byte PrefixLength, uint Flags, byte Scope, IpAddress? Peer, IpAddress? Broadcast)
{
    public Prefix Prefix => new(Address.Masked(PrefixLength), PrefixLength);
    public bool IsSecondary => (Flags & AddrAttr.FlagSecondary) != 0;
    public bool IsTentative => (Flags & AddrAttr.FlagTentative) != 0;
}

/// <summary>Decodes and encodes address messages (struct ifaddrmsg + IFA_* attributes).</summary>
public static class AddressCodec
{
    public const int HeaderLength = 8;

    public static bool TryDecode(ReadOnlySpan<byte> payload, out AddressMessage address)
    {
        address = default;
        if (payload.Length < HeaderLength)
            return false;
        var family = payload[0];
        if (family != Rtm.FamilyInet && family != Rtm.FamilyInet6)
            return false;
        var prefixLength = payload[1];
        uint flags = payload[2];
        var scope = payload[3];
        var index = BinaryPrimitives.ReadInt32LittleEndian(payload[4..]);
        IpAddress? local = null, ifaAddress = null, broadcast = null;
        var reader = new AttributeReader(payload[HeaderLength..]);
        foreach (var attr in reader)
        {
            switch (attr.Type)
            {
                case AddrAttr.Address: ifaAddress = ReadAddress(family, attr.Value); break;
                case AddrAttr.Local: local = ReadAddress(family, attr.Value); break;
                case AddrAttr.Broadcast: broadcast = ReadAddress(family, attr.Value); break;
                case AddrAttr.Flags: flags = attr.AsUInt32(); break;
            }
        }
        var own = local ?? ifaAddress;
        if (own is null || prefixLength > own.Value.MaxPrefixLength)
            return false;
        var peer = local is not null && ifaAddress is not null && ifaAddress != local ? ifaAddress : null;
        address = new AddressMessage(index, own.Value, prefixLength, flags, scope, peer, broadcast);
        return true;
    }

    public static void Encode(NetlinkWriter writer, ushort type, ushort flags, uint sequence, in AddressMessage address)
    {
        var start = writer.BeginMessage(type, flags, sequence);
        var header = writer.Reserve(HeaderLength);
        header[0] = address.Address.IsV6 ? Rtm.FamilyInet6 : Rtm.FamilyInet;
        header[1] = address.PrefixLength;
        header[2] = (byte)address.Flags;
        header[3] = address.Scope;
        BinaryPrimitives.WriteInt32LittleEndian(header[4..], address.InterfaceIndex);
        Span<byte> bytes = stackalloc byte[16];
        if (address.Address.IsV6)
        {
            WriteAddress(writer, AddrAttr.Address, address.Peer ?? address.Address, bytes);
            if (address.Peer is not null)
                WriteAddress(writer, AddrAttr.Local, address.Address, bytes);
        }
        else
        {
            WriteAddress(writer, AddrAttr.Address, address.Peer ?? address.Address, bytes);
            WriteAddress(writer, AddrAttr.Local, address.Address, bytes);
            if (address.Broadcast is { } b)
                WriteAddress(writer, AddrAttr.Broadcast, b, bytes);
        }
        if (address.Flags > 0xFF)
            writer.AddUInt32(AddrAttr.Flags, address.Flags);
        writer.EndMessage(start);
    }

    public static void EncodeDumpRequest(NetlinkWriter writer, uint sequence, byte family = Rtm.FamilyUnspec)
    {
        var start = writer.BeginMessage(Rtm.GetAddr, NetlinkConstants.FlagRequest | NetlinkConstants.FlagDump, sequence);
        writer.Reserve(HeaderLength)[0] = family;
        writer.EndMessage(start);
    }

    internal static IpAddress? ReadAddress(byte family, ReadOnlySpan<byte> value) =>
        family == Rtm.FamilyInet && value.Length == 4 ? IpAddress.FromBytes(value)
        : family == Rtm.FamilyInet6 && value.Length == 16 ? IpAddress.FromBytes(value)
        : null;

    private static void WriteAddress(NetlinkWriter writer, ushort type, IpAddress address, Span<byte> scratch)
    {
        var n = address.WriteBytes(scratch);
        writer.AddAttribute(type, scratch[..n]);
    }
}
