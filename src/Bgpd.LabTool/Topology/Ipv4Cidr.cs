using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Bgpd.LabTool.Topology;

/// <summary>An IPv4 prefix such as 10.65.0.0/24, with containment tests.</summary>
public readonly record struct Ipv4Cidr(uint Network, int Length)
{
    public uint Mask => Length == 0 ? 0u : uint.MaxValue << (32 - Length);

    public bool Contains(IPAddress address) => (ToUInt(address) & Mask) == Network;

    public static bool TryParse(string text, out Ipv4Cidr cidr)
    {
        cidr = default;
        var slash = text.IndexOf('/');
        if (slash < 0
            || !IPAddress.TryParse(text[..slash], out var address)
            || address.AddressFamily != AddressFamily.InterNetwork
            || !int.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var length)
            || length > 32)
        {
            return false;
        }

        var candidate = new Ipv4Cidr(0, length);
        cidr = candidate with { Network = ToUInt(address) & candidate.Mask };
        return true;
    }

    public static uint ToUInt(IPAddress address) => BinaryPrimitives.ReadUInt32BigEndian(address.GetAddressBytes());

    public static IPAddress FromUInt(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return new IPAddress(bytes);
    }

    public override string ToString() => $"{FromUInt(Network)}/{Length}";
}
