using System.Net.Sockets;
using Bgpd.Bgp.Interop;

namespace Bgpd.Bgp.Tests.Protocol;

/// <summary>The TTL options a session socket gets, read back from the kernel (no traffic is sent).</summary>
public class SocketTuningTests
{
    private static int Get(Socket socket, int level, int name)
    {
        var value = new byte[4];
        socket.GetRawSocketOption(level, name, value);
        return BitConverter.ToInt32(value);
    }

    [TestCase(0, false, 1, 0)]
    [TestCase(64, false, 64, 0)]
    [TestCase(0, true, 255, 255)]
    [TestCase(3, true, 255, 253)]
    public void Ttl_follows_multihop_and_ttl_security(int multihop, bool ttlSecurity, int ttl, int minTtl)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        SocketTuning.SetTtl(socket, v6: false, multihop, ttlSecurity);
        Assert.That(Get(socket, 0, 2), Is.EqualTo(ttl));
        Assert.That(Get(socket, 0, 21), Is.EqualTo(minTtl));
    }

    [Test]
    public void Ipv6_sockets_get_hop_limits()
    {
        using var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
        SocketTuning.SetTtl(socket, v6: true, 0, ttlSecurity: true);
        Assert.That(Get(socket, 41, 16), Is.EqualTo(255));
        Assert.That(Get(socket, 41, 73), Is.EqualTo(255));
    }

    [Test]
    public void Md5_key_longer_than_80_bytes_is_refused()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        Assert.Throws<ArgumentException>(() => SocketTuning.SetMd5Key(socket, Bgpd.Net.IpAddress.Parse("10.0.0.1"), new string('k', 81)));
    }
}
