using Bgpd.Net;
using Bgpd.Rib.Tables;

namespace Bgpd.Rib.Tests.Support;

/// <summary>A loop with a fake clock and an IPv4 master table.</summary>
public sealed class TestRib
{
    public FakeTimeProvider Time { get; } = new();
    public RoutingLoop Loop { get; }
    public RoutingTable Master { get; }
    public List<(RibLogLevel Level, string Message)> Log { get; } = [];

    public TestRib()
    {
        Loop = new RoutingLoop(Time);
        Loop.LogMessage += (level, message) => Log.Add((level, message));
        Master = new RoutingTable("master", TableFamily.Ipv4, Loop);
    }

    public TestProtocol Protocol(string name, string className = "Test", int preference = 100, Bgpd.Rib.Protocols.ChannelOptions? options = null, RoutingTable? table = null)
    {
        var protocol = new TestProtocol(name, Loop, table ?? Master, className, preference, options);
        protocol.Start();
        return protocol;
    }

    public static Prefix P(string text) => Prefix.Parse(text);
    public static IpAddress Ip(string text) => IpAddress.Parse(text);
}
