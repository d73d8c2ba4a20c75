using Bgpd.Net;
using Bgpd.Rib.Attributes;
using Bgpd.Rib.NextHops;
using Bgpd.Rib.Protocols;

namespace Bgpd.Rib.Tables;

/// <summary>
/// A named routing table (1.6 `master`, 2.x `master4`/`master6`, or a `table aux`): per network the
/// routes of every source, best first; change notifications to every attached channel. Networks are
/// kept in a <see cref="NetworkIndex"/> searched by prefix; longest-prefix match probes only lengths in use.
/// Used on the routing loop only.
/// </summary>
public sealed partial class RoutingTable
{
    private readonly TableStore _store;
    private readonly NetworkIndex _nets;
    private readonly int[] _netsPerLength;
    // Copy-on-write: announcements iterate the array they started with, even if a protocol detaches meanwhile.
    private Channel[] _channels = [];
    private bool _pipeBusy;

    /// <summary>Creates an empty table on <paramref name="loop"/>.</summary>
    public RoutingTable(string name, TableFamily family, RoutingLoop loop)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        Family = family;
        Loop = loop ?? throw new ArgumentNullException(nameof(loop));
        _netsPerLength = new int[family == TableFamily.Ipv6 ? 129 : 33];
        _store = new TableStore(loop);
        _nets = new NetworkIndex(_store);
    }

    /// <summary>Table name ("master", "master4", "aux").</summary>
    public string Name { get; }
    /// <summary>Address family.</summary>
    public TableFamily Family { get; }
    /// <summary>The owning loop.</summary>
    public RoutingLoop Loop { get; }
    /// <summary>Number of networks.</summary>
    public int NetCount => _nets.Count;
    /// <summary>Number of routes (filtered ones included).</summary>
    public int RouteCount { get; private set; }
    /// <summary>Channels whose export side is attached (protocols that are up), in attach order.</summary>
    public IReadOnlyList<Channel> Channels => _channels;
    /// <summary>Approximate bytes of networks and routes (`show memory` "Routing tables"): the sizes of their entries.</summary>
    public long EstimatedBytes => (long)NetCount * BytesPerNetwork + (long)RouteCount * BytesPerRoute;

    // A network entry (16 bytes; IPv6 16 more) + its bucket share; a route entry.
    private const int BytesPerNetwork = 22, BytesPerRoute = 24;

    /// <summary>Where the networks and routes are stored (tests look at slot reuse).</summary>
    internal TableStore Store => _store;

    /// <summary>Networks in no particular order; do not modify the table while enumerating.</summary>
    public IEnumerable<Network> Nets => _nets;

    private HostCache? _hostCache;

    /// <summary>Recursive next hops resolved through this table (created on first use; BIRD's hostcache).</summary>
    public HostCache HostCache => _hostCache ??= new HostCache(this);

    /// <summary>Set by a pipe while it forwards into another table, to detect pipe loops (BIRD pipe_busy).</summary>
    public bool PipeBusy { get => _pipeBusy; set => _pipeBusy = value; }

    /// <summary>The network entry for exactly <paramref name="prefix"/>, or null.</summary>
    public Network? Find(Prefix prefix) => _nets.Find(prefix);

    /// <summary>Longest-prefix match (`show route for X`): the most specific network containing <paramref name="address"/> that has a valid route.</summary>
    public Network? LongestMatch(IpAddress address)
    {
        if (address.IsV6 != (Family == TableFamily.Ipv6)) return null;
        for (var length = _netsPerLength.Length - 1; length >= 0; length--)
        {
            if (_netsPerLength[length] == 0) continue;
            if (_nets.Find(new Prefix(address, length)) is { Best: not null } net) return net;
        }
        return null;
    }

    /// <summary>Networks sorted by prefix (address, then length), for listings.</summary>
    public List<Network> SortedNets()
    {
        var list = new List<Network>(_nets.Count);
        list.AddRange(_nets);
        list.Sort(static (a, b) => a.Prefix.CompareTo(b.Prefix));
        return list;
    }

    /// <summary>
    /// Every network, for walks that change the table (flushes, refeeds): copied a segment of the index
    /// at a time, so a walk over a million networks holds a few thousand references, not a million.
    /// Networks added during the walk may or may not be visited; removed ones already copied still are.
    /// </summary>
    internal IEnumerable<Network> NetsSnapshot()
    {
        var chunk = new List<Network>();
        for (var segment = 0; segment < NetworkIndex.Segments; segment++)
        {
            chunk.Clear();
            _nets.CopySegment(segment, chunk);
            foreach (var net in chunk) yield return net;
        }
    }

    internal void Attach(Channel channel)
    {
        if (!_channels.Contains(channel)) _channels = [.. _channels, channel];
    }

    internal void Detach(Channel channel) => _channels = _channels.Where(c => !ReferenceEquals(c, channel)).ToArray();

    /// <summary>Puts a new network, with no routes yet, in the table.</summary>
    private Network AddNetwork(in Prefix prefix)
    {
        var net = new Network(_store, _store.NewNetwork(prefix));
        _nets.Add(net);
        _netsPerLength[net.PrefixLength]++;
        return net;
    }

    /// <summary>A new route of <paramref name="net"/>, not linked yet.</summary>
    private Route NewRoute(Network net, RouteAttributes attributes, Channel sender, int preference, bool filtered, long lastModifiedMs) =>
        new(_store, _store.NewRoute(net.Slot, attributes, sender, preference, filtered, lastModifiedMs));

    private void RemoveIfEmpty(Network net)
    {
        if (net.FirstSlot != 0) return;
        if (!_nets.Remove(net)) return;
        _netsPerLength[net.PrefixLength]--;
        _store.RetireNetwork(net.Slot);
    }

    private long NowMs() => Loop.NowMs();

    public override string ToString() => $"table {Name} ({NetCount} networks, {RouteCount} routes)";
}
