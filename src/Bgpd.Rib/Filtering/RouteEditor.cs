using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Bgpd.Net;
using Bgpd.Rib.Attributes;
using Bgpd.Rib.Protocols;

namespace Bgpd.Rib.Filtering;

/// <summary>
/// A mutable view of one route that filters read and write: the network, every static attribute,
/// the preference and the extended attributes. Reusable: <see cref="Load"/> resets it without
/// allocating, and <see cref="Result"/> builds new attributes only when something changed.
/// Not thread-safe; one editor per routing loop (or per filter evaluation site).
/// </summary>
public sealed class RouteEditor
{
    private readonly List<Ea> _eaSets = [];       // pending additions/replacements, unsorted, unique ids
    private readonly List<EaId> _eaUnsets = [];   // pending removals
    private RouteAttributes _original = null!;
    private RouteSource _source;
    private RouteScope _scope;
    private RouteCast _cast;
    private RouteDest _dest;
    private ImmutableArray<NextHop> _nextHops;
    private IpAddress _from;
    private uint _igpMetric;
    private bool _staticChanged;
    private int _preference;

    /// <summary>Points the editor at a route; forgets earlier edits.</summary>
    public void Load(Prefix net, RouteAttributes attributes, int preference, Channel? sender = null)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        Net = net;
        _original = attributes;
        _preference = preference;
        OriginalPreference = preference;
        RouteWritten = false;
        Quiet = false;
        Sender = sender;
        _source = attributes.Source;
        _scope = attributes.Scope;
        _cast = attributes.Cast;
        _dest = attributes.Dest;
        _nextHops = attributes.NextHops;
        _from = attributes.From;
        _igpMetric = attributes.IgpMetric;
        _staticChanged = false;
        _eaSets.Clear();
        _eaUnsets.Clear();
    }

    /// <summary>
    /// A check rather than a real run (BIRD's silent export_filter: `show route export`, the old
    /// route of a change): the filter's print lines and run-time errors are not logged.
    /// </summary>
    public bool Quiet { get; set; }

    /// <summary>What the filter engine keeps with this editor (its view of the route), so it needs no per-thread lookup per run.</summary>
    public object? FilterView { get; set; }

    /// <summary>The network (`net`); read-only.</summary>
    public Prefix Net { get; private set; }
    /// <summary>The attributes as loaded.</summary>
    public RouteAttributes Original => _original;
    /// <summary>Channel that put the route in its table (null while importing).</summary>
    public Channel? Sender { get; private set; }
    /// <summary>Originating protocol (`proto` prints its name); read-only.</summary>
    public Protocol? Protocol => _original.Protocol;
    /// <summary>Route preference (`preference`), 0..65535.</summary>
    public int Preference
    {
        get => _preference;
        set
        {
            _preference = value;
            RouteWritten = true;
        }
    }
    /// <summary>
    /// True once the preference or a static attribute was assigned, even to its old value: BIRD then
    /// works on a copy of the route, which `show route` no longer marks as the primary one.
    /// </summary>
    public bool RouteWritten { get; private set; }
    /// <summary>Preference as loaded.</summary>
    public int OriginalPreference { get; private set; }

    /// <summary>`source`.</summary>
    public RouteSource Source { get => _source; set => SetStatic(ref _source, value); }
    /// <summary>`scope`.</summary>
    public RouteScope Scope { get => _scope; set => SetStatic(ref _scope, value); }
    /// <summary>`cast`.</summary>
    public RouteCast Cast { get => _cast; set => SetStatic(ref _cast, value); }
    /// <summary>`dest`; when set to blackhole/unreachable/prohibit the next hops are cleared.</summary>
    public RouteDest Dest
    {
        get => _dest;
        set
        {
            SetStatic(ref _dest, value);
            if (value is RouteDest.Blackhole or RouteDest.Unreachable or RouteDest.Prohibit && _nextHops.Length > 0)
            {
                _nextHops = [];
                _staticChanged = true;
            }
        }
    }
    /// <summary>`from`.</summary>
    public IpAddress From { get => _from; set => SetStatic(ref _from, value); }
    /// <summary>`igp_metric`.</summary>
    public uint IgpMetric { get => _igpMetric; set => SetStatic(ref _igpMetric, value); }
    /// <summary>Next hops; set together with <see cref="Dest"/> (one hop: Router/Device, several: Multipath).</summary>
    public ImmutableArray<NextHop> NextHops
    {
        get => _nextHops;
        set
        {
            value = value.IsDefault ? [] : value;
            RouteWritten = true;
            if (value.AsSpan().SequenceEqual(_nextHops.AsSpan())) return;
            _nextHops = value;
            _staticChanged = true;
        }
    }
    /// <summary>`gw`: gateway of a single-next-hop route, zero otherwise.</summary>
    public IpAddress Gateway => _nextHops.Length == 1 ? _nextHops[0].Gateway : default;
    /// <summary>`ifname`: interface of a single-next-hop route, empty otherwise (BIRD prints "").</summary>
    public string InterfaceName => _nextHops.Length == 1 ? _nextHops[0].InterfaceName ?? "" : "";
    /// <summary>`ifindex`.</summary>
    public int InterfaceIndex => _nextHops.Length == 1 ? _nextHops[0].InterfaceIndex : 0;

    /// <summary>True when anything (attributes or preference) differs from what was loaded.</summary>
    public bool Changed => AttributesChanged || Preference != OriginalPreference;
    /// <summary>True when the attribute set differs from what was loaded.</summary>
    public bool AttributesChanged => _staticChanged || _eaSets.Count > 0 || _eaUnsets.Count > 0;

    /// <summary>Reads extended attribute <paramref name="id"/>, edits included (`defined(bgp_med)` is this returning true).</summary>
    public bool TryGet(EaId id, out EaValue value)
    {
        var sets = CollectionsMarshal.AsSpan(_eaSets);
        for (var i = 0; i < sets.Length; i++)
        {
            if (sets[i].Id != id) continue;
            value = sets[i].Value;
            return true;
        }
        if (_eaUnsets.Count > 0 && _eaUnsets.Contains(id))
        {
            value = default;
            return false;
        }
        return _original.Attributes.TryGet(id, out value);
    }

    /// <summary>
    /// Extended attribute <paramref name="id"/> as stored, edits included, by reference (no copy of
    /// its value, for filters' hot reads); a null reference when absent (<see cref="Unsafe.IsNullRef"/>).
    /// </summary>
    public ref readonly Ea Find(EaId id)
    {
        var sets = CollectionsMarshal.AsSpan(_eaSets);
        for (var i = 0; i < sets.Length; i++)
            if (sets[i].Id == id) return ref sets[i];
        if (_eaUnsets.Count > 0 && _eaUnsets.Contains(id)) return ref Unsafe.NullRef<Ea>();
        var original = _original.Attributes;
        var at = original.IndexOf(id);
        if (at < 0) return ref Unsafe.NullRef<Ea>();
        return ref original.AsSpan()[at];
    }

    /// <summary>Flags of attribute <paramref name="id"/> (0 when absent).</summary>
    public byte GetFlags(EaId id)
    {
        foreach (var ea in _eaSets)
            if (ea.Id == id) return ea.Flags;
        return _original.Attributes.Find(id)?.Flags ?? 0;
    }

    /// <summary>Sets extended attribute <paramref name="id"/>.</summary>
    public void Set(EaId id, in EaValue value, byte flags = 0)
    {
        if (_eaUnsets.Count > 0) _eaUnsets.Remove(id);
        var sets = CollectionsMarshal.AsSpan(_eaSets);
        for (var i = 0; i < sets.Length; i++)
        {
            if (sets[i].Id != id) continue;
            sets[i] = new Ea(id, value, flags);
            return;
        }
        var original = _original.Attributes;
        var at = original.IndexOf(id);
        if (at >= 0)
        {
            ref readonly var existing = ref original.AsSpan()[at];
            if (existing.Flags == flags && existing.Value.Equals(value)) return;
        }
        // In place rather than List.Add: one copy of the value instead of three.
        var count = sets.Length;
        CollectionsMarshal.SetCount(_eaSets, count + 1);
        CollectionsMarshal.AsSpan(_eaSets)[count] = new Ea(id, value, flags);
    }

    /// <summary>
    /// <see cref="Set"/> for an int (filters' hot path: krt_metric, bgp_local_pref): the attribute is
    /// built once, in place, where <see cref="Set"/> copies the value through temporaries.
    /// </summary>
    public void SetInt(EaId id, uint value, byte flags = 0)
    {
        if (_eaUnsets.Count > 0) _eaUnsets.Remove(id);
        var sets = CollectionsMarshal.AsSpan(_eaSets);
        for (var i = 0; i < sets.Length; i++)
        {
            if (sets[i].Id != id) continue;
            sets[i] = new Ea(id, EaValue.Int(value), flags);
            return;
        }
        var original = _original.Attributes;
        var at = original.IndexOf(id);
        if (at >= 0)
        {
            ref readonly var existing = ref original.AsSpan()[at];
            if (existing.Flags == flags && existing.Value.Type == EaType.Int && existing.Value.AsInt == value) return;
        }
        var count = sets.Length;
        CollectionsMarshal.SetCount(_eaSets, count + 1);
        CollectionsMarshal.AsSpan(_eaSets)[count] = new Ea(id, EaValue.Int(value), flags);
    }

    /// <summary>Removes extended attribute <paramref name="id"/> (`unset(x)`).</summary>
    public void Unset(EaId id)
    {
        for (var i = _eaSets.Count - 1; i >= 0; i--)
            if (_eaSets[i].Id == id) _eaSets.RemoveAt(i);
        if (_original.Attributes.Contains(id) && !_eaUnsets.Contains(id)) _eaUnsets.Add(id);
    }

    /// <summary>
    /// Forgets edits of BIRD 1.6's temporary attributes (krt_metric, krt_source): an import filter's
    /// changes to them only last while the filter runs, unless the protocol stores them (kernel).
    /// </summary>
    public void RevertTemporaryAttributes()
    {
        _eaSets.RemoveAll(static ea => IsTemporary(ea.Id));
        _eaUnsets.RemoveAll(static id => IsTemporary(id));
    }

    private static bool IsTemporary(EaId id) => id is EaId.KrtMetric or EaId.KrtSource;

    /// <summary>
    /// The edited attributes: <see cref="Original"/> itself when unchanged, else a new set
    /// (interned through <paramref name="cache"/> when given).
    /// </summary>
    public RouteAttributes Result(AttributeCache? cache = null)
    {
        if (!AttributesChanged) return _original;
        var list = _original.Attributes;
        foreach (var id in _eaUnsets) list = list.Without(id);
        if (_eaSets.Count > 0) list = list.WithAll(CollectionsMarshal.AsSpan(_eaSets));
        var dest = _dest;
        if (dest is RouteDest.Router or RouteDest.Device && _nextHops.Length > 1) dest = RouteDest.Multipath;
        // A route keeps following its recursive next hop only while the filter left its next hops alone.
        var sameHops = _nextHops.AsSpan().SequenceEqual(_original.NextHops.AsSpan()) && dest == _original.Dest;
        var result = new RouteAttributes(_original.Protocol, _source, dest, _nextHops, list, _scope, _cast, _from, _igpMetric,
            _original.IsRecursive && sameHops, _original.PathId, sameHops ? _original.HostEntry : null);
        return cache is null ? result : cache.Intern(result);
    }

    private void SetStatic<T>(ref T field, T value) where T : struct
    {
        RouteWritten = true;
        if (EqualityComparer<T>.Default.Equals(field, value)) return;
        field = value;
        _staticChanged = true;
    }
}
