using Bgpd.Net;

namespace Bgpd.Rib.Tables;

/// <summary>
/// One network of a table (BIRD's `net`): its prefix and its routes, best first. A network with
/// no routes is removed from the table.
/// </summary>
public sealed class Network
{
    internal Network(Prefix prefix) => Prefix = prefix;

    /// <summary>The network.</summary>
    public Prefix Prefix { get; }
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
