using System.Globalization;

namespace Bgpd.Control.Renderers;

/// <summary>A memory figure as <c>show memory</c> prints it.</summary>
public sealed record MemoryView(long RoutingTables, long RouteAttributes, long RoaTables, long Protocols, long Total);

/// <summary>A named thing <c>show symbols</c> lists, with BIRD's class word.</summary>
public sealed record SymbolView(string Name, string Class);

/// <summary>The short listings: <c>show memory</c>, <c>show symbols</c>, <c>show static</c>.</summary>
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
}
