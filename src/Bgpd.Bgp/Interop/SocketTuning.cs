using System.Net.Sockets;
using System.Text;
using Bgpd.Net;

namespace Bgpd.Bgp.Interop;

/// <summary>Linux socket options BGP needs: TTL / GTSM (RFC 5082) and TCP MD5 signatures (RFC 2385).</summary>
public static class SocketTuning
{
    private const int IpProtoIp = 0;
    private const int IpProtoTcp = 6;
    private const int IpProtoIpv6 = 41;
    private const int IpTtl = 2;
    private const int IpMinTtl = 21;
    private const int Ipv6UnicastHops = 16;
    private const int Ipv6MinHopCount = 73;
    private const int TcpMd5Sig = 14;
    private const int TcpMd5SigMaxKeyLength = 80;
    private const int SockaddrStorageSize = 128;

    /// <summary>
    /// Sets the outgoing TTL: 1 for direct sessions, N for `multihop N`; with `ttl security` 255 out and
    /// a minimum of 256 - hops in (GTSM).
    /// </summary>
    public static void SetTtl(Socket socket, bool v6, int multihop, bool ttlSecurity)
    {
        var hops = multihop == 0 ? 1 : multihop;
        var ttl = ttlSecurity ? 255 : hops;
        SetInt(socket, v6 ? IpProtoIpv6 : IpProtoIp, v6 ? Ipv6UnicastHops : IpTtl, ttl);
        if (ttlSecurity) SetInt(socket, v6 ? IpProtoIpv6 : IpProtoIp, v6 ? Ipv6MinHopCount : IpMinTtl, 256 - hops);
    }

    /// <summary>Installs (or with a null key removes) the TCP MD5 key for <paramref name="peer"/> on the socket.</summary>
    public static void SetMd5Key(Socket socket, IpAddress peer, string? key)
    {
        var keyBytes = key is null ? [] : Encoding.UTF8.GetBytes(key);
        if (keyBytes.Length > TcpMd5SigMaxKeyLength) throw new ArgumentException("TCP MD5 key longer than 80 bytes");
        // struct tcp_md5sig { sockaddr_storage addr; u8 flags; u8 prefixlen; u16 keylen; u32 ifindex; u8 key[80]; }
        var option = new byte[SockaddrStorageSize + 8 + TcpMd5SigMaxKeyLength];
        var v6Socket = socket.AddressFamily == AddressFamily.InterNetworkV6;
        if (v6Socket)
        {
            // AF_INET6 = 10; IPv4 peers on a dual-stack socket are v4-mapped.
            BitConverter.TryWriteBytes(option.AsSpan(0, 2), (ushort)10);
            var address = peer.IsV6 ? peer : IpAddress.V6(((UInt128)0xFFFF << 32) | peer.Bits);
            address.WriteBytes(option.AsSpan(8, 16));
        }
        else
        {
            BitConverter.TryWriteBytes(option.AsSpan(0, 2), (ushort)2);
            peer.WriteBytes(option.AsSpan(4, 4));
        }
        BitConverter.TryWriteBytes(option.AsSpan(SockaddrStorageSize + 2, 2), (ushort)keyBytes.Length);
        keyBytes.CopyTo(option.AsSpan(SockaddrStorageSize + 8));
        socket.SetRawSocketOption(IpProtoTcp, TcpMd5Sig, option);
    }

    private static void SetInt(Socket socket, int level, int name, int value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BitConverter.TryWriteBytes(bytes, value);
        socket.SetRawSocketOption(level, name, bytes);
    }
}
