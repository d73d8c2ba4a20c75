using BenchmarkDotNet.Attributes;
using Bgpd.Bgp.Protocol;
using Bgpd.Bgp.Session;
using Bgpd.Bgp.Wire;
using Bgpd.Config;
using Bgpd.Config.Model;
using Bgpd.Filters;
using Bgpd.Net;
using Bgpd.Rib;
using Bgpd.Rib.Tables;
using Bgpd.Runtime;

namespace Bgpd.Bench.Bgp;

/// <summary>
/// The 1M-route throughput run's reflector (bench/throughput/run.sh: two `rr client` peers, `import all;
/// export all`) without sockets, in its burst shape: one UPDATE packs 800 /32 prefixes, as the injector
/// sends them, and is handed to the routing loop as one work item, as a connection does. One operation =
/// one of those UPDATEs decoded, imported, reflected and encoded, then its 800 withdrawals in one UPDATE;
/// figures are per route (OperationsPerInvoke = 800).
/// </summary>
[MemoryDiagnoser]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public class ReflectorBurstBenchmarks
{
    private const int PrefixesPerUpdate = 800;
    private const string Config = """
        router id 10.99.0.1;
        protocol device { }
        template bgp reflected { local 10.99.0.1 as 65000; rr client; import all; export all; }
        protocol bgp injector from reflected { neighbor 10.99.0.2 as 65000; }
        protocol bgp monitor from reflected { neighbor 10.99.0.3 as 65000; }
        """;

    private RoutingLoop _loop = null!;
    private BgpProtocol _from = null!;
    private byte[][] _announces = [];
    private byte[][] _withdrawals = [];
    private int _next;
    private long _sentBytes;

    [GlobalSetup]
    public void Setup()
    {
        var config = ConfigParser.ParseText(Config, "burst.conf");
        var program = FilterCompiler.Compile(config);
        _loop = new RoutingLoop();
        var table = new RoutingTable("master", TableFamily.Ipv4, _loop);
        foreach (var bgp in config.Protocols.OfType<BgpConfig>())
        {
            var protocol = BgpProtocol.Create(bgp.Name, _loop, table, ChannelMapping.Options(bgp.MainChannel!, program),
                BgpProtocolOptions.FromConfig(bgp, 0x0A630001, ipv6: false), listener: null);
            protocol.LocalAddress = IpAddress.Parse("10.99.0.1");
            protocol.ConnectOverride = () => { };
            protocol.SendObserver = (_, bytes) => _sentBytes += bytes.Length;
            protocol.Start();
            _loop.RunPending();
            protocol.InjectIncoming();
            Receive(protocol, new OpenMessage
            {
                MyAs = 65000,
                HoldTime = 240,
                BgpId = bgp.NeighborAddress!.Value.V4Value,
                Capabilities = SessionOptions.DefaultCapabilities([BgpFamily.IPv4Unicast], 65000),
            }.Encode());
            Receive(protocol, BgpWire.Keepalive());
            _from ??= protocol;
        }
        // The injector's attributes (bench/throughput/Injector): its own next hop, an empty AS path.
        var attributes = new PathAttributes { Origin = Origin.Igp, AsPath = Bgpd.Bgp.Wire.AsPath.Empty, NextHop = IpAddress.Parse("10.99.0.2"), LocalPref = 100 };
        var encode = new UpdateEncodeOptions();
        _announces = new byte[64][];
        _withdrawals = new byte[64][];
        for (var i = 0; i < _announces.Length; i++)
        {
            var entries = Enumerable.Range(0, PrefixesPerUpdate)
                .Select(n => new NlriEntry(Prefix.Host(IpAddress.V4(0x0A000000u + (uint)(i * PrefixesPerUpdate + n))))).ToArray();
            _announces[i] = UpdateEncoder.Announce(BgpFamily.IPv4Unicast, attributes, entries, encode).Single();
            _withdrawals[i] = UpdateEncoder.Withdraw(BgpFamily.IPv4Unicast, entries, encode).Single();
        }
        // Past the first routes' compilation and the tables' growth.
        for (var i = 0; i < 200; i++) AnnounceAndWithdraw800();
    }

    /// <summary>800 routes in and out in one UPDATE each way; reported per route.</summary>
    [Benchmark(OperationsPerInvoke = PrefixesPerUpdate)]
    public long AnnounceAndWithdraw800()
    {
        var i = _next++ & (_announces.Length - 1);
        Receive(_from, _announces[i]);
        Receive(_from, _withdrawals[i]);
        return _sentBytes;
    }

    // As PeerConnection hands a message to the loop: one work item (the channel's per-item caches apply).
    private void Receive(BgpProtocol protocol, byte[] message)
    {
        _loop.Post(() => protocol.Inject(new SessionEvent.MessageReceived(ConnectionSide.Incoming, message)));
        _loop.RunPending();
    }
}
