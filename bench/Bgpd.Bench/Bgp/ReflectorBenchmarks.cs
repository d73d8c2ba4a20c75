using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using Bgpd.Bgp.Protocol;
using Bgpd.Bgp.Session;
using Bgpd.Bgp.Wire;
using Bgpd.Config.Model;
using Bgpd.Config;
using Bgpd.Filters;
using Bgpd.Net;
using Bgpd.Rib;
using Bgpd.Rib.Attributes;
using Bgpd.Rib.Protocols;
using Bgpd.Rib.Tables;
using Bgpd.Runtime;

namespace Bgpd.Bench.Bgp;

/// <summary>
/// The lab's route reflector (docs/lab.md, convergence) without sockets: the controller's generated
/// config (two `rr client` sessions, `export where source = RTS_BGP`), sessions established by injected
/// messages, a device route for the link so next hops resolve. One operation = one VM route's UPDATE
/// from compute1 decoded, imported, reflected, encoded and handed to compute2's connection; then its
/// withdrawal. What the pair bench's reflector hop costs in CPU and allocation, per route.
/// </summary>
[MemoryDiagnoser]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public class ReflectorBenchmarks
{
    private const string Config = """
        router id 2.1.1.10;
        protocol device { scan time 2; }
        protocol bgp compute1 {
          local as 99; neighbor 2.1.1.1 as 99; multihop; rr client; graceful restart;
          import all; export where source = RTS_BGP;
        }
        protocol bgp compute2 {
          local as 99; neighbor 2.1.1.2 as 99; multihop; rr client; graceful restart;
          import all; export where source = RTS_BGP;
        }
        """;

    private RoutingLoop _loop = null!;
    private BgpProtocol? _from;
    private byte[][] _announces = [];
    private byte[][] _withdrawals = [];
    private int _next;
    private long _sentBytes;

    [GlobalSetup]
    public void Setup()
    {
        var config = ConfigParser.ParseText(Config, "reflector.conf");
        var program = FilterCompiler.Compile(config);
        _loop = new RoutingLoop();
        var table = new RoutingTable("master", TableFamily.Ipv4, _loop);
        var link = new LinkRoutes(_loop, table);
        link.Start();
        link.Announce(Prefix.Parse("2.1.1.0/24"));
        foreach (var bgp in config.Protocols.OfType<BgpConfig>())
        {
            var protocol = BgpProtocol.Create(bgp.Name, _loop, table, ChannelMapping.Options(bgp.MainChannel!, program),
                BgpProtocolOptions.FromConfig(bgp, 0x0201010A, ipv6: false), listener: null);
            protocol.LocalAddress = IpAddress.Parse("2.1.1.10");
            protocol.ConnectOverride = () => { };
            protocol.SendObserver = (_, bytes) => _sentBytes += bytes.Length;
            protocol.Start();
            _loop.RunPending();
            protocol.InjectIncoming();
            Receive(protocol, new OpenMessage
            {
                MyAs = 99,
                HoldTime = 240,
                BgpId = bgp.NeighborAddress!.Value.V4Value,
                Capabilities = SessionOptions.DefaultCapabilities([BgpFamily.IPv4Unicast], 99),
            }.Encode());
            Receive(protocol, BgpWire.Keepalive());
            _from ??= protocol;
        }
        var attributes = new PathAttributes { Origin = Origin.Igp, AsPath = Bgpd.Bgp.Wire.AsPath.Empty, NextHop = IpAddress.Parse("2.1.1.1"), LocalPref = 2147482623 };
        var encode = new UpdateEncodeOptions();
        _announces = new byte[1024][];
        _withdrawals = new byte[1024][];
        for (var i = 0; i < _announces.Length; i++)
        {
            NlriEntry[] entry = [new NlriEntry(Prefix.Host(IpAddress.V4(0x0A500000u + (uint)i)))];
            _announces[i] = UpdateEncoder.Announce(BgpFamily.IPv4Unicast, attributes, entry, encode).Single();
            _withdrawals[i] = UpdateEncoder.Withdraw(BgpFamily.IPv4Unicast, entry, encode).Single();
        }
        // Past the first routes' compilation and the tables' growth.
        for (var i = 0; i < 2000; i++) AddAndRemove();
    }

    /// <summary>One VM route in and out: announce reflected, withdrawal reflected.</summary>
    [Benchmark]
    public long AddAndRemove()
    {
        var i = _next++ & (_announces.Length - 1);
        Receive(_from!, _announces[i]);
        Receive(_from!, _withdrawals[i]);
        return _sentBytes;
    }

    private void Receive(BgpProtocol protocol, byte[] message)
    {
        protocol.Inject(new SessionEvent.MessageReceived(ConnectionSide.Incoming, message));
        _loop.RunPending();
    }

    /// <summary>The link's subnet route, as the controller's kernel protocol learns it.</summary>
    private sealed class LinkRoutes : Bgpd.Rib.Protocols.Protocol
    {
        public LinkRoutes(RoutingLoop loop, RoutingTable table) : base("link", loop) => AddChannel(table, new ChannelOptions());

        public override string ClassName => "Kernel";
        public override int DefaultPreference => 10;

        public void Announce(Prefix prefix) => MainChannel!.Update(prefix,
            new RouteAttributes(this, RouteSource.Inherit, RouteDest.Device, ImmutableArray.Create(new NextHop(default, "vxlan21", 2))));
    }
}
