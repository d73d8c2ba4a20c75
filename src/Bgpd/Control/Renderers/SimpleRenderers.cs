using System.Globalization;
using Bgpd.Control.Views;

namespace Bgpd.Control.Renderers;

/// <summary>A memory figure as <c>show memory</c> prints it.</summary>
public sealed record MemoryView(long RoutingTables, long RouteAttributes, long RoaTables, long Protocols, long Total);

/// <summary>A named thing <c>show symbols</c> lists, with BIRD's class word.</summary>
public sealed record SymbolView(string Name, string Class);

/// <summary>The short listings: <c>show memory</c>, <c>show symbols</c>, <c>show static</c>, <c>show interfaces</c>.</summary>
public static class SimpleRenderers
{
    public static void Memory(MemoryView m, IReplySink reply)
    {
        reply.Line(1018, "BIRD memory usage");
        reply.Line(1018, "Routing tables:".PadRight(17) + Size(m.RoutingTables));
        reply.Line(1018, "Route attributes:".PadRight(17) + Size(m.RouteAttributes));
        reply.Line(1018, "ROA tables:".PadRight(17) + Size(m.RoaTables));
        reply.Line(1018, "Protocols:".PadRight(17) + Size(m.Protocols));
        reply.Line(1018, "Total:".PadRight(17) + Size(m.Total));
        reply.Final(0, "");
    }

    /// <summary>BIRD's <c>%5d kB</c> / <c>%5d  B</c> memory figure (MB above 1000 kB).</summary>
    public static string Size(long bytes)
    {
        if (bytes < 10240) return bytes.ToString(CultureInfo.InvariantCulture).PadLeft(5) + "  B";
        var kb = (bytes + 512) / 1024;
        if (kb < 10240) return kb.ToString(CultureInfo.InvariantCulture).PadLeft(5) + " kB";
        var mb = (kb + 512) / 1024;
        if (mb < 10240) return mb.ToString(CultureInfo.InvariantCulture).PadLeft(5) + " MB";
        return ((mb + 512) / 1024).ToString(CultureInfo.InvariantCulture).PadLeft(5) + " GB";
    }

    public static void Symbols(IReadOnlyList<SymbolView> symbols, IReplySink reply)
    {
        foreach (var s in symbols) reply.Line(1010, $"{s.Name,-8}\t{s.Class}");
        reply.Final(0, "");
    }

    /// <summary><c>show static</c>: the protocol's own lines (<c>10.0.0.0/24 blackhole</c>, <c>\tvia X weight N</c>).</summary>
    public static void Static(IReadOnlyList<string> lines, IReplySink reply)
    {
        foreach (var line in lines) reply.Line(1009, line);
        reply.Final(0, "");
    }

    public static void Interfaces(IReadOnlyList<InterfaceView> interfaces, IReplySink reply)
    {
        foreach (var i in interfaces)
        {
            var master = i.Master is null ? "" : " master=" + i.Master;
            reply.Line(1001, string.Create(CultureInfo.InvariantCulture, $"{i.Name} {(i.Up ? "up" : "DOWN")} (index={i.Index}{master})"));
            reply.Line(1004, string.Create(CultureInfo.InvariantCulture, $"\t{i.Flags} MTU={i.Mtu}"));
            foreach (var a in i.Addresses)
            {
                var opposite = a.Opposite is null ? "" : ", opposite " + a.Opposite;
                reply.Line(1003, $"\t{a.Prefix} ({a.Kind}{opposite}, scope {a.Scope})");
            }
        }
        reply.Final(0, "");
    }

    public static void InterfacesSummary(IReadOnlyList<InterfaceView> interfaces, IReplySink reply)
    {
        reply.Line(2005, "interface state address");
        foreach (var i in interfaces)
        {
            var primary = i.Addresses.FirstOrDefault(a => a.Kind == "Primary")?.Prefix ?? "";
            reply.Line(1005, $"{i.Name,-9} {(i.Up ? "up" : "DOWN"),-5} {primary}");
        }
        reply.Final(0, "");
    }
}
