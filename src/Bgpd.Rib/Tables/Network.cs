using Bgpd.Net;

namespace Bgpd.Rib.Tables;

/// <summary>
/// One network of a table (BIRD's `net`): its prefix and its routes, best first. A network with
/// no routes is removed from the table.
/// </summary>
public sealed class Network
{
    // The prefix is kept unpacked: Prefix itself is 48 bytes (UInt128 alignment), these fields 18.
    private readonly ulong _low;
    private readonly ulong _high;
    private readonly byte _length;
    private readonly bool _isV6;

    internal Network(Prefix prefix)
    {
        _low = (ulong)prefix.Address.Bits;
        _high = (ulong)(prefix.Address.Bits >> 64);
        _length = prefix.Length;
        _isV6 = prefix.IsV6;
    }

    /// <summary>The network.</summary>
    public Prefix Prefix => new(_isV6 ? IpAddress.V6(((UInt128)_high << 64) | _low) : IpAddress.V4((uint)_low), _length);

    internal bool Matches(in Prefix prefix)
    {
        var bits = prefix.Address.Bits;
        return _length == prefix.Length && _isV6 == prefix.IsV6 && _low == (ulong)bits && _high == (ulong)(bits >> 64);
    }

    internal int PrefixHash() => NetworkComparer.Hash(_low, _high, _length);
    /// <summary>First route: the best one when any route is valid (not filtered).</summary>
    public Route? First { get; internal set; }
    /// <summary>The selected route, or null when every route is filtered.</summary>
    public Route? Best => First is { IsFiltered: false } first ? first : null;
    /// <summary>Number of routes (filtered ones included).</summary>
    public int RouteCount { get; internal set; }

    /// <summary>The routes, best first; allocation-free enumeration.</summary>
    public RouteEnumerable Routes => new(First);

    public override string ToString() => $"{Prefix} ({RouteCount} routes)";

    /// <summary>Allocation-free enumeration of a network's routes.</summary>
    public readonly struct RouteEnumerable(Route? first)
    {
        public Enumerator GetEnumerator() => new(first);

        /// <summary>Copies the routes into a list.</summary>
        public List<Route> ToList()
        {
            var list = new List<Route>();
            foreach (var route in this) list.Add(route);
            return list;
        }

        public struct Enumerator(Route? first)
        {
            private Route? _next = first;

            public Route Current { get; private set; } = null!;

            public bool MoveNext()
            {
                if (_next is null) return false;
                Current = _next;
                _next = _next.Next;
                return true;
            }
        }
    }
}
