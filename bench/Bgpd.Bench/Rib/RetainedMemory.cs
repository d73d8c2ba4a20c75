using Bgpd.Net;
using Bgpd.Rib;
using Bgpd.Rib.Tables;

namespace Bgpd.Bench.Rib;

/// <summary>
/// Bytes a table keeps and allocates per route, outside BenchmarkDotNet: N sequential IPv4 /32s (one
/// peer, one shared attribute set) through the import path (<c>Channel.Update</c>) into a table with one
/// exporting peer, each update its own routing-loop work item as the BGP session posts them in batches.
/// GC.GetTotalMemory(true) before and after; the table stays reachable until the second reading.
/// Run: dotnet run -c Release --project bench/Bgpd.Bench -- --retained [N]
/// </summary>
public static class RetainedMemory
{
    public static void Run(int routes)
    {
        var prefixes = new Prefix[routes];
        for (var i = 0; i < routes; i++) prefixes[i] = new Prefix(IpAddress.V4(0x0A000000u + (uint)i), 32);
        var loop = new RoutingLoop();
        var table = new RoutingTable("master", TableFamily.Ipv4, loop);
        var peer = new BenchProtocol("peer1", loop, table, 100);
        var listener = new BenchProtocol("listener", loop, table, 100, export: true);
        peer.Start();
        listener.Start();
        loop.RunPending();
        var attributes = peer.PeerAttributes(IpAddress.V4(0x0A630002), med: 0);

        var before = GC.GetTotalMemory(forceFullCollection: true);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        const int batch = 1000;   // routes per work item, about what one read of a BGP session carries
        for (var start = 0; start < routes; start += batch)
        {
            var from = start;
            loop.Post(() =>
            {
                for (var i = from; i < Math.Min(from + batch, routes); i++) peer.Channel.Update(prefixes[i], attributes);
            });
            loop.RunPending();
        }
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var after = GC.GetTotalMemory(forceFullCollection: true);

        Console.WriteLine($"{routes} routes, {table.NetCount} networks, {listener.ExportCount} exports");
        Console.WriteLine($"retained  {(after - before) / (double)routes,6:F1} bytes per route ({(after - before) / 1048576.0:F1} MiB)");
        Console.WriteLine($"allocated {allocated / (double)routes,6:F1} bytes per route ({allocated / 1048576.0:F1} MiB)");
        GC.KeepAlive(table);
        GC.KeepAlive(prefixes);
    }
}
