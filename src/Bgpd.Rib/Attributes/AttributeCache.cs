namespace Bgpd.Rib.Attributes;

/// <summary>
/// Hash-consing of <see cref="RouteAttributes"/> (BIRD's rta cache): equal sets become one shared
/// object. Thread-safe, so I/O tasks (BGP decoders) may intern before posting to the routing loop.
/// Tables count their uses; an instance whose last table route goes away leaves the cache. Sets
/// interned but never stored in a table (export-filter results) are swept when the cache has grown.
/// </summary>
public sealed class AttributeCache
{
    private const int MinimumSweepInterval = 4096;

    private readonly Lock _gate = new();
    private readonly HashSet<RouteAttributes> _attributes = [];
    private readonly HashSet<EaList> _lists = [];
    private int _createdSinceSweep;

    /// <summary>Number of distinct attribute sets currently cached.</summary>
    public int Count
    {
        get { lock (_gate) return _attributes.Count; }
    }

    /// <summary>Approximate heap bytes of cached attribute sets and lists (`show memory` "Route attributes").</summary>
    public long EstimatedBytes
    {
        get
        {
            lock (_gate)
            {
                long bytes = 0;
                foreach (var a in _attributes) bytes += 112 + a.NextHops.Length * 48;
                foreach (var l in _lists) bytes += 48 + l.Count * 48;
                return bytes;
            }
        }
    }

    /// <summary>The canonical instance equal to <paramref name="attributes"/> (itself if it is new).</summary>
    public RouteAttributes Intern(RouteAttributes attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        if (attributes.IsInterned) return attributes;
        lock (_gate)
        {
            if (_attributes.TryGetValue(attributes, out var existing)) return existing;
            if (++_createdSinceSweep > Math.Max(MinimumSweepInterval, _attributes.Count)) SweepLocked();
            if (!_lists.TryGetValue(attributes.Attributes, out var list))
            {
                _lists.Add(attributes.Attributes);
                list = attributes.Attributes;
            }
            if (!ReferenceEquals(list, attributes.Attributes)) attributes = attributes.WithAttributes(list);
            attributes.IsInterned = true;
            _attributes.Add(attributes);
            return attributes;
        }
    }

    /// <summary>The canonical instance of an extended-attribute list (so peers with equal lists share one).</summary>
    public EaList InternList(EaList list)
    {
        ArgumentNullException.ThrowIfNull(list);
        lock (_gate)
        {
            if (_lists.TryGetValue(list, out var existing)) return existing;
            _lists.Add(list);
            return list;
        }
    }

    /// <summary>Called by tables when a route starts holding <paramref name="attributes"/>.</summary>
    internal static void Retain(RouteAttributes attributes) => attributes.Retain();

    /// <summary>Called by tables when a route stops holding <paramref name="attributes"/>; drops unused sets.</summary>
    internal void Release(RouteAttributes attributes)
    {
        if (attributes.ReleaseOne() > 0 || !attributes.IsInterned) return;
        lock (_gate)
        {
            if (attributes.Uses == 0 && _attributes.TryGetValue(attributes, out var cached) && ReferenceEquals(cached, attributes))
                _attributes.Remove(attributes);
        }
    }

    /// <summary>Drops every cached set that no table route holds, and lists no cached set refers to.</summary>
    public void Sweep()
    {
        lock (_gate) SweepLocked();
    }

    private void SweepLocked()
    {
        _createdSinceSweep = 0;
        _attributes.RemoveWhere(a => a.Uses == 0);
        _lists.Clear();
        foreach (var a in _attributes) _lists.Add(a.Attributes);
    }
}
