using BenchmarkDotNet.Attributes;
using Bgpd.Net;
using Bgpd.Netlink.Kernel;
using Bgpd.Netlink.Netlink;
using Bgpd.Netlink.Rtnetlink;

namespace Bgpd.Bench.Netlink;

/// <summary>
/// Parsing a 100k-route RTM_GETROUTE dump as the kernel delivers it (datagrams of ~32 KiB, Felix-style
/// /32 host routes with RTA_TABLE, RTA_DST, RTA_PRIORITY, RTA_OIF), then what a scan does with it:
/// classify and feed the learned-route table; and encoding 100k route installs.
/// </summary>
[MemoryDiagnoser]
public class RouteDumpBenchmarks
{
    private const int Routes = 100_000;
    private readonly List<byte[]> _datagrams = [];
    private RouteMessage[] _routes = [];

    [GlobalSetup]
    public void Setup()
    {
        _routes = new RouteMessage[Routes];
        for (var i = 0; i < Routes; i++)
        {
            _routes[i] = new RouteMessage
            {
                Destination = Prefix.Host(IpAddress.V4(0x0A400000u + (uint)i)),
                Table = RouteTable.Main,
                Protocol = RouteProtocol.Boot,
                Scope = RouteScope.Link,
                Type = RouteType.Unicast,
                OutputInterface = 4 + i % 64,
                Priority = 1024,
            };
        }
        var writer = new NetlinkWriter(40 * 1024);
        foreach (var route in _routes)
        {
            RouteCodec.Encode(writer, Rtm.NewRoute, NetlinkConstants.FlagMulti, 1, route);
            if (writer.Length > 32 * 1024 - 128)
            {
                _datagrams.Add(writer.Written.ToArray());
                writer.Clear();
            }
        }
        var done = writer.BeginMessage(NetlinkConstants.Done, NetlinkConstants.FlagMulti, 1);
        writer.Reserve(4);
        writer.EndMessage(done);
        _datagrams.Add(writer.Written.ToArray());
    }

    /// <summary>Decode every message of the dump (no per-route allocation expected).</summary>
    [Benchmark]
    public int ParseDump()
    {
        var count = 0;
        foreach (var datagram in _datagrams)
        {
            var reader = new NetlinkMessageReader(datagram);
            foreach (var message in reader)
                if (message.Type == Rtm.NewRoute && RouteCodec.TryDecode(message.Payload, out var route) &&
                    KernelRouteClassifier.Classify(route, RouteTable.Main) == KernelRouteClass.Alien)
                    count++;
        }
        return count;
    }

    /// <summary>A learn scan: parse, classify and reconcile into the learned-route table (already populated, so
    /// nothing changes — the steady-state cost of every <c>scan time</c>).</summary>
    [Benchmark]
    public int ScanIntoLearnedTable()
    {
        _learned ??= Populated();
        _learned.BeginScan();
        foreach (var datagram in _datagrams)
        {
            var reader = new NetlinkMessageReader(datagram);
            foreach (var message in reader)
                if (message.Type == Rtm.NewRoute && RouteCodec.TryDecode(message.Payload, out var route))
                    _learned.Scanned(route);
        }
        var changes = new List<LearnedChange>();
        _learned.EndScan(changes);
        return changes.Count;
    }

    private LearnedRoutes? _learned;

    private LearnedRoutes Populated()
    {
        var learned = new LearnedRoutes();
        var changes = new List<LearnedChange>();
        foreach (var route in _routes)
            learned.Apply(route, false, changes);
        return learned;
    }

    /// <summary>An own-route scan: the same dump read as our 100k <c>proto bird</c> routes, reconciled against
    /// 100k exported routes that are all installed (the steady state: nothing to write).</summary>
    [Benchmark]
    public int ScanIntoOwnTable()
    {
        _own ??= PopulatedOwn();
        _own.BeginScan();
        foreach (var datagram in _datagrams)
        {
            var reader = new NetlinkMessageReader(datagram);
            foreach (var message in reader)
                if (message.Type == Rtm.NewRoute && RouteCodec.TryDecode(message.Payload, out var route))
                    _own.Scanned(route with { Protocol = RouteProtocol.Bird });
        }
        var operations = new List<KernelOperation>();
        _own.EndScan(operations);
        return operations.Count;
    }

    private OwnRouteSync? _own;

    private OwnRouteSync PopulatedOwn()
    {
        var own = new OwnRouteSync { Ready = true };
        var operations = new List<KernelOperation>();
        foreach (var route in _routes)
            own.SetDesired(route.Destination, route with { Protocol = RouteProtocol.Bird }, operations);
        own.BeginScan();
        own.EndScan(operations);
        return own;
    }

    /// <summary>Encode 100k RTM_NEWROUTE requests (what installing an exported table writes).</summary>
    [Benchmark]
    public int EncodeInstalls()
    {
        var writer = new NetlinkWriter(64 * 1024);
        var total = 0;
        foreach (var route in _routes)
        {
            RouteCodec.Encode(writer, Rtm.NewRoute, NetlinkConstants.FlagRequest | NetlinkConstants.FlagAck | NetlinkConstants.FlagCreate | NetlinkConstants.FlagExcl, 1, route with { Protocol = RouteProtocol.Bird });
            if (writer.Length > 60 * 1024)
            {
                total += writer.Length;
                writer.Clear();
            }
        }
        return total + writer.Length;
    }
}
