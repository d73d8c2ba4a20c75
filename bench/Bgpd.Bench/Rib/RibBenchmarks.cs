using BenchmarkDotNet.Attributes;
using Bgpd.Net;
using Bgpd.Rib;
using Bgpd.Rib.Attributes;
using Bgpd.Rib.Protocols;
using Bgpd.Rib.Tables;

namespace Bgpd.Bench.Rib;

/// <summary>
/// RIB at full-table scale: 1M IPv4 routes into one table, and best-route selection with two
/// protocols announcing every prefix. Each operation builds its table from scratch.
/// Run: dotnet run -c Release --project bench/Bgpd.Bench -- --filter '*RibBenchmarks*' --job short
/// </summary>
[MemoryDiagnoser]
public class RibBenchmarks
{
    private Prefix[] _prefixes = [];

    /// <summary>Number of distinct IPv4 prefixes.</summary>
    [Params(1_000_000)]
    public int Routes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        // /24s spread over 1.0.0.0 - 254.x, like a full table's most common length.
        _prefixes = new Prefix[Routes];
        for (var i = 0; i < Routes; i++)
            _prefixes[i] = new Prefix(IpAddress.V4(0x01000000u + ((uint)i << 8)), 24);
    }

    /// <summary>1M announcements from one peer (one shared attribute set) into an empty table.</summary>
    [Benchmark]
    public int Insert_1M_routes() => BuildOnePeerTable().NetCount;

    /// <summary>
    /// Two peers of the same class announce every prefix; the second one wins by the protocol's
    /// comparison (lower MED), so every second announcement replaces the best route.
    /// </summary>
    [Benchmark]
    public int Best_route_selection_2_protocols_1M_prefixes()
    {
        var (table, second, _) = BuildTwoPeers(withListener: false);
        return second.Channel.Stats.PreferredRoutes == Routes ? table.RouteCount : -1;
    }

    /// <summary>The same with a third protocol whose export side is fed every best-route change (a BGP peer's adj-rib-out).</summary>
    [Benchmark]
    public int Best_route_selection_with_one_export_feed() => BuildTwoPeers(withListener: true).Listener!.ExportCount;

    /// <summary>Builds and returns the one-peer table (also for measuring retained memory outside BenchmarkDotNet).</summary>
    public RoutingTable BuildOnePeerTable()
    {
        var loop = new RoutingLoop();
        var table = new RoutingTable("master", TableFamily.Ipv4, loop);
        var peer = new BenchProtocol("peer1", loop, table, 100);
        peer.Start();
        var attributes = peer.PeerAttributes(IpAddress.V4(0x0A630002), med: 0);
        foreach (var prefix in _prefixes) peer.Channel.Update(prefix, attributes);
        return table;
    }

    /// <summary>Builds and returns the two-peer table (for measuring retained memory outside BenchmarkDotNet).</summary>
    public RoutingTable BuildTwoPeerTable() => BuildTwoPeers(withListener: false).Table;

    /// <summary>Two peers announce every prefix, the second with the better MED; optionally a listener takes every export.</summary>
    private (RoutingTable Table, BenchProtocol Second, BenchProtocol? Listener) BuildTwoPeers(bool withListener)
    {
        var loop = new RoutingLoop();
        var table = new RoutingTable("master", TableFamily.Ipv4, loop);
        var first = new BenchProtocol("peer1", loop, table, 100);
        var second = new BenchProtocol("peer2", loop, table, 100);
        var listener = withListener ? new BenchProtocol("listener", loop, table, 100, export: true) : null;
        listener?.Start();
        first.Start();
        second.Start();
        var worse = first.PeerAttributes(IpAddress.V4(0x0A630002), med: 50);
        var better = second.PeerAttributes(IpAddress.V4(0x0A630003), med: 10);
        foreach (var prefix in _prefixes) first.Channel.Update(prefix, worse);
        foreach (var prefix in _prefixes) second.Channel.Update(prefix, better);
        return (table, second, listener);
    }
}
