using System.Collections.Immutable;
using System.Globalization;
using Bgpd.Net;
using Bgpd.Rib.Attributes;
using Bgpd.Rib.Filtering;
using Bgpd.Rib.Protocols;
using Bgpd.Rib.Tables;

namespace Bgpd.Rib.Static;

/// <summary>
/// BIRD's static protocol. Reject routes are installed at once. A gateway route is installed when
/// the gateway is a directly reachable neighbour on an up interface (BIRD 1.6 neighbor lookup,
/// through <see cref="IInterfaceView"/>), a device route when its interface is up, a multipath route
/// with the next hops that resolve. Without an interface view (no device protocol yet) every
/// gateway/device route is installed with the interface it names (or none), which is what BIRD does
/// for a reachable gateway minus the interface name. Recursive routes are accepted but, with no
/// next-hop resolution yet, kept as unreachable, which is how BIRD shows an unresolved recursive route.
/// </summary>
public sealed class StaticProtocol : Protocol
{
    private readonly IInterfaceView? _interfaces;
    private RouteAttributes?[] _announced;

    /// <summary>Creates the protocol with one channel on <paramref name="table"/>.</summary>
    public StaticProtocol(string name, RoutingLoop loop, RoutingTable table, StaticOptions options, IInterfaceView? interfaces = null)
        : base(name, loop)
    {
        Options = options ?? throw new ArgumentNullException(nameof(options));
        _interfaces = interfaces;
        _announced = new RouteAttributes?[options.Routes.Count];
        foreach (var route in options.Routes)
            if (route.Prefix.IsV6 != (table.Family == TableFamily.Ipv6))
                throw new ArgumentException($"static route {route.Prefix} does not belong in table {table.Name}", nameof(options));
        Channel = AddChannel(table, options.Channel);
    }

    /// <inheritdoc />
    public override string ClassName => "Static";
    /// <inheritdoc />
    public override int DefaultPreference => 200;
    /// <summary>Static routes only originate; like BIRD's static (no rt_notify) it receives no exports.</summary>
    protected override bool AcceptsExports => false;

    /// <summary>The configuration.</summary>
    public StaticOptions Options { get; private set; }
    /// <summary>The single channel.</summary>
    public Channel Channel { get; }

    /// <inheritdoc />
    public override bool CanReloadImport => true;

    /// <summary>BIRD 1.6 answers `reload static1` with "reload failed".</summary>
    protected override bool ReloadsOnCommand => false;

    /// <summary>Re-announces every route (after an import filter or preference change).</summary>
    protected override bool ReloadImport()
    {
        if (State != ProtocolState.Up) return true;
        Array.Clear(_announced);
        Synchronize();
        return true;
    }

    /// <summary>
    /// `configure` with a changed static protocol, as BIRD's static_reconfigure: keeps running,
    /// withdraws routes no longer configured and announces new or changed ones. Returns false when a
    /// restart is needed instead (changed `check link`, limits or keep filtered).
    /// </summary>
    public bool Reconfigure(StaticOptions options, bool importFilterChanged, bool exportFilterChanged)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.CheckLink != Options.CheckLink) return false;
        foreach (var route in options.Routes)
            if (route.Prefix.IsV6 != (Channel.Table.Family == TableFamily.Ipv6)) return false;
        if (!Channel.Reconfigure(options.Channel, importFilterChanged, exportFilterChanged)) return false;
        var previous = Options.Routes;
        var previousAnnounced = _announced;
        Options = options;
        _announced = new RouteAttributes?[options.Routes.Count];
        // Carry over what is announced for prefixes still configured, so unchanged routes are not re-sent.
        var kept = new HashSet<Prefix>();
        for (var i = 0; i < options.Routes.Count; i++)
        {
            var at = FindLast(previous, options.Routes[i].Prefix);
            if (at >= 0 && previousAnnounced[at] is { } announced && kept.Add(options.Routes[i].Prefix)) _announced[i] = announced;
        }
        if (State == ProtocolState.Up)
        {
            for (var i = 0; i < previous.Count; i++)
                if (previousAnnounced[i] is not null && !kept.Contains(previous[i].Prefix))
                    Channel.Withdraw(previous[i].Prefix);
            Synchronize();
        }
        return true;
    }

    private static int FindLast(IReadOnlyList<StaticRouteOptions> routes, Prefix prefix)
    {
        for (var i = routes.Count - 1; i >= 0; i--)
            if (routes[i].Prefix == prefix) return i;
        return -1;
    }

    /// <summary>True when route number <paramref name="index"/> of the configuration is in the table (not dormant).</summary>
    public bool IsInstalled(int index) => _announced[index] is not null;

    /// <summary>The 1.6 `show static` lines of this protocol (without reply codes), in configuration order.</summary>
    public IReadOnlyList<string> ShowLines()
    {
        var lines = new List<string>();
        for (var i = 0; i < Options.Routes.Count; i++)
        {
            var r = Options.Routes[i];
            var dormant = IsInstalled(i) ? "" : " (dormant)";
            var via = r.Kind switch
            {
                StaticRouteKind.Gateway => $"via {r.Gateway}{Scope(r.Interface)}",
                StaticRouteKind.Interface => $"dev {r.Interface}",
                StaticRouteKind.Blackhole => "blackhole",
                StaticRouteKind.Unreachable => "unreachable",
                StaticRouteKind.Prohibit => "prohibited",
                StaticRouteKind.Multipath => "multipath",
                _ => $"recursive {r.Gateway}",
            };
            lines.Add($"{r.Prefix} {via}{dormant}");
            if (r.Kind != StaticRouteKind.Multipath) continue;
            foreach (var hop in r.NextHops)
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"\tvia {hop.Gateway}{Scope(hop.Interface)} weight {hop.Weight}{(ResolveHop(hop) is null ? " (dormant)" : "")}"));
        }
        return lines;
    }

    private static string Scope(string? iface) => iface is null ? "" : "%" + iface;

    /// <inheritdoc />
    protected override void OnStateChanged(ProtocolState previous, ProtocolState current)
    {
        // Listen to interface changes only while up, so a replaced instance is not kept alive by the view.
        if (current == ProtocolState.Up)
        {
            if (_interfaces is not null) _interfaces.Changed += OnInterfacesChanged;
            Synchronize();
            return;
        }
        if (previous == ProtocolState.Up && _interfaces is not null) _interfaces.Changed -= OnInterfacesChanged;
        Array.Clear(_announced);
    }

    private void OnInterfacesChanged()
    {
        if (State == ProtocolState.Up) Synchronize();
    }

    /// <summary>Announces routes that became installable or changed, withdraws those that went dormant.</summary>
    private void Synchronize()
    {
        for (var i = 0; i < Options.Routes.Count; i++)
        {
            var route = Options.Routes[i];
            var built = Build(route, out var preference);
            var interned = built is null ? null : Loop.Attributes.Intern(built);
            if (ReferenceEquals(interned, _announced[i])) continue;
            _announced[i] = interned;
            if (interned is null) Channel.Withdraw(route.Prefix);
            else Channel.Update(route.Prefix, interned, preference);
        }
    }

    private RouteAttributes? Build(StaticRouteOptions route, out int preference)
    {
        preference = Channel.Preference;
        var attributes = route.Kind switch
        {
            StaticRouteKind.Blackhole => new RouteAttributes(this, RouteSource.Static, RouteDest.Blackhole),
            StaticRouteKind.Unreachable => new RouteAttributes(this, RouteSource.Static, RouteDest.Unreachable),
            StaticRouteKind.Prohibit => new RouteAttributes(this, RouteSource.Static, RouteDest.Prohibit),
            // No next-hop resolution yet: an unresolved recursive route is unreachable, as in BIRD.
            StaticRouteKind.Recursive => new RouteAttributes(this, RouteSource.Static, RouteDest.Unreachable, recursive: true),
            StaticRouteKind.Gateway => ResolveHop(new StaticNextHopOptions(route.Gateway, route.Interface)) is { } hop
                ? new RouteAttributes(this, RouteSource.Static, RouteDest.Router, [hop])
                : null,
            StaticRouteKind.Interface => ResolveDevice(route.Interface!, route.Prefix.IsV6) is { } dev
                ? new RouteAttributes(this, RouteSource.StaticDevice, RouteDest.Device, [dev])
                : null,
            _ => BuildMultipath(route),
        };
        if (attributes is null || route.Commands is null) return attributes;
        var editor = Loop.Editor;
        editor.Load(route.Prefix, attributes, preference);
        if (Channel.RunFilter(route.Commands, editor) != FilterVerdict.Accept) return null;
        preference = editor.Preference;
        return editor.Result();
    }

    private RouteAttributes? BuildMultipath(StaticRouteOptions route)
    {
        var hops = new List<NextHop>();
        foreach (var option in route.NextHops)
            if (ResolveHop(option) is { } hop) hops.Add(hop);
        if (hops.Count == 0) return null;
        hops.Sort(NextHop.CompareForMultipath);
        return new RouteAttributes(this, RouteSource.Static, RouteDest.Multipath, [.. hops]);
    }

    private NextHop? ResolveHop(StaticNextHopOptions option)
    {
        if (_interfaces is null) return new NextHop(option.Gateway, option.Interface, 0, option.Weight);
        if (!_interfaces.TryFindNeighbor(option.Gateway, option.Interface, out var iface) || !Usable(iface)) return null;
        return new NextHop(option.Gateway, iface.Name, iface.Index, option.Weight);
    }

    private NextHop? ResolveDevice(string name, bool isV6)
    {
        if (_interfaces is null) return NextHop.Device(name, 0, isV6);
        if (!_interfaces.TryGetInterface(name, out var iface) || !Usable(iface)) return null;
        return NextHop.Device(iface.Name, iface.Index, isV6);
    }

    private bool Usable(InterfaceState iface) => iface.IsUp && (!Options.CheckLink || iface.HasLink);
}
