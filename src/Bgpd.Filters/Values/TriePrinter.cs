using System.Text;
using Bgpd.Net;

namespace Bgpd.Filters.Values;

/// <summary>
/// Prints a prefix set as BIRD does: it rebuilds BIRD's path-compressed binary trie from the
/// patterns (same insertion rules, accept masks merged into branching nodes) and lists the nodes
/// with a non-empty accept mask in pre-order as <c>addr/len{mask}</c>, the mask holding bit
/// (width - L) for every accepted length L. A /0 acceptance prints first as a bare <c>0.0.0.0/0</c>.
/// </summary>
internal static class TriePrinter
{
    private sealed class Node(UInt128 addr, int plen, UInt128 accept)
    {
        public UInt128 Addr = addr;
        public readonly int Plen = plen;
        public UInt128 Accept = accept;
        public readonly Node?[] Children = new Node?[2];
    }

    public static string Format(PrefixSet set)
    {
        if (set.IsEmpty) return "[]";
        var v6 = set.HasV6;
        var width = v6 ? 128 : 32;
        var root = new Node(UInt128.Zero, 0, UInt128.Zero);
        var zero = false;
        foreach (var p in set.Patterns)
        {
            if (p.Prefix.IsV6 != v6) continue;
            zero |= Add(root, width, p);
        }
        var parts = new List<string>();
        if (zero) parts.Add(v6 ? "::/0" : "0.0.0.0/0");
        Walk(root, width, v6, parts);
        return "[" + string.Join(", ", parts) + "]";
    }

    private static UInt128 MakeMask(int len, int width)
    {
        if (len <= 0) return UInt128.Zero;
        var all = width == 32 ? (UInt128)uint.MaxValue : UInt128.MaxValue;
        return len >= width ? all : all ^ (all >> len);
    }

    private static bool Bit(UInt128 addr, int pos, int width) => ((addr >> (width - 1 - pos)) & 1) != 0;

    private static int CommonLength(UInt128 a, UInt128 b, int width)
    {
        var x = a ^ b;
        for (var i = 0; i < width; i++)
            if (Bit(x, i, width)) return i;
        return width;
    }

    private static bool Add(Node root, int width, PrefixPattern p)
    {
        int l = p.Low, h = p.High, plen = p.Prefix.Length;
        var zero = false;
        if (l == 0) zero = true; else l--;
        if (h < plen) plen = h;
        var amask = MakeMask(l, width) ^ MakeMask(h, width);
        var pmask = MakeMask(plen, width);
        var paddr = p.Prefix.Address.Bits & pmask;
        Node? o = null;
        var n = root;
        while (n != null)
        {
            var nmask = MakeMask(n.Plen, width);
            var cmask = nmask & pmask;
            if ((paddr & cmask) != (n.Addr & cmask))
            {
                var blen = CommonLength(paddr, n.Addr, width);
                var bmask = MakeMask(blen, width);
                var b = new Node(paddr & bmask, blen, (amask | n.Accept) & bmask);
                var a = new Node(paddr, plen, amask);
                Attach(o!, b, width);
                Attach(b, n, width);
                Attach(b, a, width);
                return zero;
            }
            if (plen < n.Plen)
            {
                var a = new Node(paddr, plen, amask | (n.Accept & pmask));
                Attach(o!, a, width);
                Attach(a, n, width);
                return zero;
            }
            if (plen == n.Plen)
            {
                n.Accept |= amask;
                return zero;
            }
            n.Accept |= amask & nmask;
            o = n;
            n = n.Children[Bit(paddr, n.Plen, width) ? 1 : 0];
        }
        Attach(o!, new Node(paddr, plen, amask), width);
        return zero;
    }

    private static void Attach(Node parent, Node child, int width) =>
        parent.Children[Bit(child.Addr, parent.Plen, width) ? 1 : 0] = child;

    private static void Walk(Node? n, int width, bool v6, List<string> parts)
    {
        if (n == null) return;
        if (n.Accept != UInt128.Zero)
        {
            var addr = v6 ? IpAddress.V6(n.Addr) : IpAddress.V4((uint)n.Addr);
            var acc = v6 ? IpAddress.V6(n.Accept) : IpAddress.V4((uint)n.Accept);
            parts.Add(new StringBuilder().Append(IpFormat.Format(addr)).Append('/').Append(n.Plen)
                .Append('{').Append(IpFormat.Format(acc)).Append('}').ToString());
        }
        Walk(n.Children[0], width, v6, parts);
        Walk(n.Children[1], width, v6, parts);
    }
}
