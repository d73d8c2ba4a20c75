using Bgpd.Net;

namespace Bgpd.Rib.Tables;

/// <summary>
/// One network of a table (BIRD's `net`): its prefix and its routes, best first. A network with
/// no routes is removed from the table. A handle (the table's storage and a slot, <see cref="TableStore"/>):
/// a network is a 16-byte struct in its table; the handle of a removed network stays readable until
/// the routing loop's work item that removed it ends.
/// </summary>
public readonly struct Network : IEquatable<Network>
{
    private readonly TableStore _store;
    private readonly int _slot;

    internal Network(TableStore store, int slot)
    {
        _store = store;
        _slot = slot;
    }

    internal int Slot => _slot;
    internal TableStore Store => _store;

    /// <summary>The network.</summary>
    public Prefix Prefix => _store.PrefixOf(_slot);

    /// <summary>The prefix length, without building the <see cref="Prefix"/>.</summary>
    internal byte PrefixLength => _store.NetAt(_slot).Length;

    /// <summary>Slot of <see cref="First"/> (0 = none).</summary>
    internal int FirstSlot { get => _store.NetAt(_slot).First; set => _store.NetAt(_slot).First = value; }

    /// <summary>First route: the best one when any route is valid (not filtered).</summary>
    public Route? First => FirstSlot is var first && first == 0 ? null : new Route(_store, first);

    /// <summary>The selected route, or null when every route is filtered.</summary>
    public Route? Best => First is { IsFiltered: false } first ? first : null;

    /// <summary>Number of routes (filtered ones included); counted, as networks hold one or few.</summary>
    public int RouteCount
    {
        get
        {
            var count = 0;
            for (var r = FirstSlot; r != 0; r = _store.RouteAt(r).Next) count++;
            return count;
        }
    }

    /// <summary>The routes, best first; allocation-free enumeration.</summary>
    public RouteEnumerable Routes => new(_store, FirstSlot);

    public bool Equals(Network other) => _slot == other._slot && ReferenceEquals(_store, other._store);
    public override bool Equals(object? obj) => obj is Network other && Equals(other);
    public override int GetHashCode() => _slot;
    public static bool operator ==(Network a, Network b) => a.Equals(b);
    public static bool operator !=(Network a, Network b) => !a.Equals(b);

    public override string ToString() => _store is null ? "(no network)" : $"{Prefix} ({RouteCount} routes)";

    /// <summary>Allocation-free enumeration of a network's routes.</summary>
    public readonly struct RouteEnumerable
    {
        private readonly TableStore _store;
        private readonly int _first;

        internal RouteEnumerable(TableStore store, int first)
        {
            _store = store;
            _first = first;
        }

        public Enumerator GetEnumerator() => new(_store, _first);

        /// <summary>Copies the routes into a list.</summary>
        public List<Route> ToList()
        {
            var list = new List<Route>();
            foreach (var route in this) list.Add(route);
            return list;
        }

        public struct Enumerator
        {
            private readonly TableStore _store;
            private int _next;

            internal Enumerator(TableStore store, int first)
            {
                _store = store;
                _next = first;
            }

            public Route Current { get; private set; }

            public bool MoveNext()
            {
                if (_next == 0) return false;
                Current = new Route(_store, _next);
                _next = _store.RouteAt(_next).Next;
                return true;
            }
        }
    }
}
