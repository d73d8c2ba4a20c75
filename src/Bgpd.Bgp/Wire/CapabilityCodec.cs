using System.Buffers.Binary;

namespace Bgpd.Bgp.Wire;

/// <summary>Reads and writes the capability list carried in OPEN optional parameters (RFC 5492).</summary>
public static class CapabilityCodec
{
    /// <summary>
    /// Adds the capabilities in <paramref name="block"/> (code, length, value...) to <paramref name="into"/>.
    /// False when a capability overruns the block or has a length its code does not allow.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> block, BgpCapabilities into)
    {
        while (!block.IsEmpty)
        {
            if (block.Length < 2) return false;
            var code = block[0];
            int length = block[1];
            if (block.Length < 2 + length) return false;
            if (!TryDecodeOne(code, block.Slice(2, length), into)) return false;
            block = block[(2 + length)..];
        }
        return true;
    }

    private static bool TryDecodeOne(byte code, ReadOnlySpan<byte> value, BgpCapabilities into)
    {
        switch (code)
        {
            case CapabilityCode.Multiprotocol:
                if (value.Length != 4) return false;
                var family = ReadFamily(value[0], value[1], value[3]);
                if (!into.Multiprotocol.Contains(family)) into.Multiprotocol.Add(family);
                return true;
            case CapabilityCode.RouteRefresh:
            case CapabilityCode.RouteRefreshOld:
                into.RouteRefresh = true;
                return value.IsEmpty;
            case CapabilityCode.EnhancedRouteRefresh:
                into.EnhancedRouteRefresh = true;
                return value.IsEmpty;
            case CapabilityCode.ExtendedMessage:
                into.ExtendedMessages = true;
                return value.IsEmpty;
            case CapabilityCode.FourOctetAs:
                if (value.Length != 4) return false;
                into.FourOctetAs = BinaryPrimitives.ReadUInt32BigEndian(value);
                return true;
            case CapabilityCode.GracefulRestart:
                return TryDecodeGracefulRestart(value, into);
            case CapabilityCode.LongLivedGracefulRestart:
                return TryDecodeLongLived(value, into);
            case CapabilityCode.AddPath:
                if (value.Length % 4 != 0) return false;
                for (var i = 0; i < value.Length; i += 4)
                {
                    var mode = (AddPathMode)value[i + 3];
                    if (mode is < AddPathMode.Receive or > AddPathMode.Both) return false;
                    into.AddPath.Add(new AddPathFamily(ReadFamily(value[i], value[i + 1], value[i + 2]), mode));
                }
                return true;
            default:
                into.Unknown.Add(new RawCapability(code, value.ToArray()));
                return true;
        }
    }

    private static bool TryDecodeGracefulRestart(ReadOnlySpan<byte> value, BgpCapabilities into)
    {
        if (value.Length < 2 || (value.Length - 2) % 4 != 0) return false;
        var families = new List<GracefulRestartFamily>();
        for (var i = 2; i < value.Length; i += 4)
            families.Add(new GracefulRestartFamily(ReadFamily(value[i], value[i + 1], value[i + 2]), (value[i + 3] & 0x80) != 0));
        into.GracefulRestart = new GracefulRestartCapability(
            (value[0] & 0x80) != 0, (value[0] & 0x40) != 0, (ushort)((value[0] & 0x0F) << 8 | value[1]), families);
        return true;
    }

    private static bool TryDecodeLongLived(ReadOnlySpan<byte> value, BgpCapabilities into)
    {
        if (value.Length % 7 != 0) return false;
        var families = new List<LongLivedGracefulRestartFamily>();
        for (var i = 0; i < value.Length; i += 7)
            families.Add(new LongLivedGracefulRestartFamily(ReadFamily(value[i], value[i + 1], value[i + 2]),
                (value[i + 3] & 0x80) != 0, (uint)(value[i + 4] << 16 | value[i + 5] << 8 | value[i + 6])));
        into.LongLivedGracefulRestart = families;
        return true;
    }

    private static BgpFamily ReadFamily(byte afiHigh, byte afiLow, byte safi) => new((Afi)(afiHigh << 8 | afiLow), (Safi)safi);

    /// <summary>Encodes every capability as code, length, value, in a stable order.</summary>
    public static byte[] Encode(BgpCapabilities caps)
    {
        var output = new List<byte>(64);
        foreach (var family in caps.Multiprotocol)
            Add(output, CapabilityCode.Multiprotocol, [(byte)((ushort)family.Afi >> 8), (byte)family.Afi, 0, (byte)family.Safi]);
        if (caps.RouteRefresh) Add(output, CapabilityCode.RouteRefresh, []);
        if (caps.EnhancedRouteRefresh) Add(output, CapabilityCode.EnhancedRouteRefresh, []);
        if (caps.ExtendedMessages) Add(output, CapabilityCode.ExtendedMessage, []);
        if (caps.GracefulRestart is { } gr)
        {
            var value = new List<byte>
            {
                (byte)((gr.Restarting ? 0x80 : 0) | (gr.NotificationSupport ? 0x40 : 0) | (gr.RestartTime >> 8 & 0x0F)),
                (byte)gr.RestartTime,
            };
            foreach (var f in gr.Families)
                value.AddRange([(byte)((ushort)f.Family.Afi >> 8), (byte)f.Family.Afi, (byte)f.Family.Safi, (byte)(f.ForwardingPreserved ? 0x80 : 0)]);
            Add(output, CapabilityCode.GracefulRestart, value.ToArray());
        }
        if (caps.FourOctetAs is { } asn)
        {
            var value = new byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(value, asn);
            Add(output, CapabilityCode.FourOctetAs, value);
        }
        if (caps.AddPath.Count > 0)
        {
            var value = new List<byte>();
            foreach (var a in caps.AddPath)
                value.AddRange([(byte)((ushort)a.Family.Afi >> 8), (byte)a.Family.Afi, (byte)a.Family.Safi, (byte)a.Mode]);
            Add(output, CapabilityCode.AddPath, value.ToArray());
        }
        if (caps.LongLivedGracefulRestart is { } llgr)
        {
            var value = new List<byte>();
            foreach (var f in llgr)
                value.AddRange([(byte)((ushort)f.Family.Afi >> 8), (byte)f.Family.Afi, (byte)f.Family.Safi,
                    (byte)(f.ForwardingPreserved ? 0x80 : 0), (byte)(f.StaleTime >> 16), (byte)(f.StaleTime >> 8), (byte)f.StaleTime]);
            Add(output, CapabilityCode.LongLivedGracefulRestart, value.ToArray());
        }
        foreach (var raw in caps.Unknown) Add(output, raw.Code, raw.Value.ToArray());
        return output.ToArray();
    }

    private static void Add(List<byte> output, byte code, byte[] value)
    {
        if (value.Length > 255) throw new ArgumentException($"capability {code} value of {value.Length} bytes does not fit");
        output.Add(code);
        output.Add((byte)value.Length);
        output.AddRange(value);
    }
}
