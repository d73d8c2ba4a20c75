using Bgpd.Net;

namespace Bgpd.Filters.Values;

/// <summary>One prefix pattern of a set: nets of length Low..High inside Prefix.</summary>
public readonly record struct PrefixPattern(Prefix Prefix, int Low, int High);

/// <summary>
/// A prefix set (<c>[10.0.0.0/8+, 192.168.0.0/16{24,32}, 172.16.0.0/12-]</c>). A net N/L matches
/// a pattern P{lo,hi} when lo &lt;= L &lt;= hi and N agrees with P on the first min(L, |P|) bits.
/// Matching uses one hash table per prefix depth that occurs in the set: a lookup per used depth
/// (usually one or two), independent of the set's size and allocation-free.
/// </summary>
public sealed class PrefixSet
{
    public static readonly PrefixSet Empty = new([]);

    private readonly DepthTable v4 = new(32);
    private readonly DepthTable v6 = new(128);

    public IReadOnlyList<PrefixPattern> Patterns { get; }

    public PrefixSet(IReadOnlyList<PrefixPattern> patterns)
    {
        Patterns = patterns;
        foreach (var p in patterns) (p.Prefix.IsV6 ? v6 : v4).Add(p);
    }

    public bool IsEmpty => Patterns.Count == 0;
    public bool HasV6 => Patterns.Any(p => p.Prefix.IsV6);

    public bool Matches(Prefix net) => (net.IsV6 ? v6 : v4).Matches(net.Address.Bits, net.Length);

    public bool Matches(bool isV6, UInt128 bits, int length) => (isV6 ? v6 : v4).Matches(bits, length);

    /// <summary>BIRD's printed form, which shows the trie's nodes with their accepted-length masks.</summary>
    public string Format() => TriePrinter.Format(this);

    public bool SameAs(PrefixSet other) => Format() == other.Format();

    /// <summary>Accepted lengths 0..128 as a bit mask.</summary>
    private struct LengthMask
    {
        public UInt128 Low;
        public bool Has128;

        public void Set(int length)
        {
            if (length == 128) Has128 = true;
            else Low |= UInt128.One << length;
        }

        public readonly bool Has(int length) => length == 128 ? Has128 : (Low & (UInt128.One << length)) != 0;
    }

    private sealed class DepthTable(int width)
    {
        private readonly Dictionary<UInt128, LengthMask>?[] byDepth = new Dictionary<UInt128, LengthMask>?[width + 1];
        private int[] depths = [];

        public void Add(PrefixPattern p)
        {
            var top = Math.Min(p.Prefix.Length, p.High);
            var bits = p.Prefix.Address.Bits;
            // Lengths shorter than the pattern's prefix match on their own depth...
            for (var len = p.Low; len < top; len++) Mark(len, Mask(bits, len), len);
            // ...longer ones (up to High) on the pattern's (truncated) prefix.
            for (var len = Math.Max(p.Low, top); len <= p.High; len++) Mark(top, Mask(bits, top), len);
        }

        private void Mark(int depth, UInt128 key, int length)
        {
            var table = byDepth[depth] ??= new Dictionary<UInt128, LengthMask>();
            if (!depths.Contains(depth)) depths = depths.Append(depth).Order().ToArray();
            table.TryGetValue(key, out var mask);
            mask.Set(length);
            table[key] = mask;
        }

        private UInt128 Mask(UInt128 bits, int length)
        {
            if (length <= 0) return UInt128.Zero;
            var all = width == 32 ? (UInt128)uint.MaxValue : UInt128.MaxValue;
            return length >= width ? bits & all : bits & (all ^ (all >> length));
        }

        public bool Matches(UInt128 bits, int length)
        {
            foreach (var d in depths)
            {
                if (d > length) break;
                if (byDepth[d]!.TryGetValue(Mask(bits, d), out var m) && m.Has(length)) return true;
            }
            return false;
        }
    }
}
