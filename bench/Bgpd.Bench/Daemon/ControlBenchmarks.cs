using System.Buffers;
using BenchmarkDotNet.Attributes;
using Bgpd.Control;
using Bgpd.Control.Renderers;
using Bgpd.Control.Views;
using Bgpd.Net;

namespace Bgpd.Bench.Daemon;

/// <summary>
/// The control socket's hot paths: rendering and framing a large <c>show route</c> reply (what a
/// full-table dump through birdc costs the daemon) and parsing commands.
/// </summary>
[MemoryDiagnoser]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public class ControlBenchmarks
{
    RouteListing _listing = null!;
    readonly ArrayBufferWriter<byte> _buffer = new(16 << 20);
    static readonly DateTimeOffset Now = new(2026, 11, 21, 4, 0, 0, TimeSpan.Zero);

    [Params(100_000)]
    public int Routes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var networks = new List<NetworkView>(Routes);
        for (var i = 0; i < Routes; i++)
        {
            var prefix = new Prefix(IpAddress.V4((uint)(0x0A000000 + (i << 8))), 24);
            var route = new RouteView
            {
                Network = prefix,
                Destination = "via 10.99.0.2 on eth0",
                ProtocolName = "Mesh_10_99_0_2",
                Since = Now,
                Primary = true,
                Info = " (100/0) [AS65003i]",
                TypeText = "BGP unicast univ",
                Attributes = ["BGP.origin: IGP", "BGP.as_path: 65003", "BGP.next_hop: 10.99.0.2", "BGP.local_pref: 100"],
            };
            networks.Add(new NetworkView(prefix, [route]));
        }
        _listing = new RouteListing(networks, Routes, Routes, Routes);
    }

    [Benchmark]
    public int ShowRoute()
    {
        _buffer.ResetWrittenCount();
        var reply = new FramedReply(new ReplyFramer(), _buffer);
        RouteRenderer.Render(_listing, false, false, false, false, TimeFormats.Default, Now, reply);
        return _buffer.WrittenCount;
    }

    [Benchmark]
    public int ShowRouteAll()
    {
        _buffer.ResetWrittenCount();
        var reply = new FramedReply(new ReplyFramer(), _buffer);
        RouteRenderer.Render(_listing, true, false, false, false, TimeFormats.Default, Now, reply);
        return _buffer.WrittenCount;
    }

    [Benchmark]
    public CliCommand ParseShowRoute() =>
        new CliParser(_ => CliSymbolKind.Protocol).Parse("show route for 10.0.0.1 protocol Mesh_10_99_0_2 all primary");
}
