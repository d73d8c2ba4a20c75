using System.Runtime.CompilerServices;
using Bgpd.Net;
using Bgpd.Rib.Attributes;

namespace Bgpd.Rib.Tables;

/// <summary>
/// One network of a table (BIRD's `net`): its prefix and its routes, best first. A network with
/// no routes is removed from the table.
/// </summary>
/// <remarks>
/// The object also stores the network's first route (it is that <see cref="Route"/>, linked into
/// <see cref="First"/> like any other), so a network with one route costs one object, not two. Once that
/// route is replaced or withdrawn it stays readable for whoever still holds it, and later routes are
/// separate objects. Read a network's routes through <see cref="First"/>, <see cref="Best"/> and
/// <see cref="Routes"/>: the <see cref="Route"/> members of a network describe that stored route only.
/// </remarks>
public class Network : Route
{
    // The prefix is kept unpacked (Prefix itself is 32 bytes): an IPv4 network holds
    // its 32-bit address here and is 64 bytes with its hash chain link and its stored route; an IPv6 one is a Network6.
    private readonly uint _v4;
    private readonly byte _length;
    private readonly bool _isV6;

    private protected Network(uint v4, byte length, bool isV6)
    {
        _v4 = v4;
        _length = length;
        _isV6 = isV6;
    }

    private protected Network(uint v4, byte length, bool isV6, RouteAttributes attributes, int preference, bool filtered, long lastModifiedMs)
        : base(attributes, preference, filtered, lastModifiedMs, inNetwork: true)
    {
        _v4 = v4;
        _length = length;
        _isV6 = isV6;
    }

    /// <summary>A network whose stored route is <paramref name="attributes"/> (not yet linked as its first).</summary>
    internal static Network CreateWithRoute(in Prefix prefix, RouteAttributes attributes, int preference, bool filtered, long lastModifiedMs)
    {
        var bits = prefix.Address.Bits;
        return prefix.IsV6
            ? new Network6((ulong)bits, (ulong)(bits >> 64), prefix.Length, attributes, preference, filtered, lastModifiedMs)
            : new Network((uint)bits, prefix.Length, false, attributes, preference, filtered, lastModifiedMs);
    }

    /// <summary>A network whose first route is a separate object (it carries a sending channel).</summary>
    internal static Network CreateEmpty(in Prefix prefix)
    {
        var bits = prefix.Address.Bits;
        return prefix.IsV6 ? new Network6((ulong)bits, (ulong)(bits >> 64), prefix.Length) : new Network((uint)bits, prefix.Length, false);
    }

    private ulong Low => _isV6 ? Unsafe.As<Network6>(this).LowBits : _v4;
    private ulong High => _isV6 ? Unsafe.As<Network6>(this).HighBits : 0;

    /// <summary>The network.</summary>
    public new Prefix Prefix => new(_isV6 ? IpAddress.V6(((UInt128)High << 64) | Low) : IpAddress.V4(_v4), _length);

    /// <summary>The prefix length, without building the <see cref="Prefix"/>.</summary>
    internal byte PrefixLength => _length;

    internal bool Matches(in Prefix prefix)
    {
        var bits = prefix.Address.Bits;
        if (_length != prefix.Length || _isV6 != prefix.IsV6) return false;
        return _isV6 ? Low == (ulong)bits && High == (ulong)(bits >> 64) : _v4 == (uint)bits;
    }

    internal uint PrefixHash() => NetworkIndex.Hash(Low, High, _length, _isV6);
    /// <summary>Next network in the same hash bucket of the table's <see cref="NetworkIndex"/>.</summary>
    internal Network? NextInChain;
    /// <summary>First route: the best one when any route is valid (not filtered).</summary>
    public Route? First { get; internal set; }
    /// <summary>The selected route, or null when every route is filtered.</summary>
    public Route? Best => First is { IsFiltered: false } first ? first : null;
    /// <summary>Number of routes (filtered ones included); counted, as networks hold one or few.</summary>
    public int RouteCount
    {
        get
        {
            var count = 0;
            for (var r = First; r is not null; r = r.Next) count++;
            return count;
        }
    }

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

/// <summary>An IPv6 network: the upper 64 bits of its address.</summary>
internal sealed class Network6 : Network
{
    internal readonly ulong LowBits;
    internal readonly ulong HighBits;

    internal Network6(ulong low, ulong high, byte length) : base(0, length, true)
    {
        LowBits = low;
        HighBits = high;
    }

    internal Network6(ulong low, ulong high, byte length, RouteAttributes attributes, int preference, bool filtered, long lastModifiedMs)
        : base(0, length, true, attributes, preference, filtered, lastModifiedMs)
    {
        LowBits = low;
        HighBits = high;
    }
}
