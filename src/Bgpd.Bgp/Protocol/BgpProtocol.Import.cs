using System.Collections.Immutable;
using Bgpd.Bgp.Wire;
using Bgpd.Net;
using Bgpd.Rib;
using Bgpd.Rib.Attributes;
using Bgpd.Rib.Diagnostics;
using Bgpd.Rib.NextHops;
using Bgpd.Rib.Protocols;

namespace Bgpd.Bgp.Protocol;

public sealed partial class BgpProtocol
{
    /// <summary>Puts one received UPDATE into the table: withdrawals, then announcements (or withdrawals when treat-as-withdraw).</summary>
    private void Import(UpdateMessage update)
    {
        if (MainChannel is not { } channel) return;
        var family = Options.Family;
        foreach (var gone in update.Withdrawn(family))
        {
            TraceImport(gone.Prefix);
            channel.Withdraw(gone.Prefix, gone.PathId);
        }
        if (update.IsEndOfRib(out var endOfRib))
        {
            if (endOfRib != family) return;
            GracefulRestartDone();
            RecoveryOnEndOfRib();
            return;
        }
        var announced = update.Announced(family);
        if (!announced.MoveNext()) return;
        var first = announced.Current;

        var reason = LoopReason(update.Attributes);
        if (reason is not null || update.NextHopFor(family) is not { } nextHop)
        {
            Loop.Log(RibLogLevel.Trace, $"{Name}: route ignored: {reason ?? "no next hop"}");
            channel.Withdraw(first.Prefix, first.PathId);
            while (announced.MoveNext()) channel.Withdraw(announced.Current.Prefix, announced.Current.PathId);
            return;
        }
        var linkLocal = family.IsV6 ? update.MpReach?.LinkLocalNextHop : null;
        var eas = ImportEaList(update, nextHop, linkLocal);
        RouteAttributes template;
        if (Options.GatewayRecursive)
        {
            // BIRD's hostcache: the route follows the table's route to its next hop from now on.
            var cache = (_igpTable ?? channel.Table).HostCache;
            if (_interfaces is not null) cache.Interfaces ??= _interfaces;
            var entry = cache.Get(nextHop, linkLocal ?? nextHop, channel.Table);
            template = _lastImportTemplate is { } last && Reusable(last, eas, entry)
                ? last
                // As WithHostEntry would make it from an unreachable template, in one object.
                : new RouteAttributes(this, RouteSource.Bgp, entry.Dest, entry.NextHops, eas, from: Options.Session.PeerAddress,
                    igpMetric: entry.IgpMetric, recursive: true, hostEntry: entry);
        }
        else if (ResolveDirect(nextHop, linkLocal) is { } hop)
            template = new RouteAttributes(this, RouteSource.Bgp, RouteDest.Router, [hop], eas, from: Options.Session.PeerAddress, igpMetric: 0);
        else
        {
            Loop.Log(RibLogLevel.Warning, $"{Name}: Invalid NEXT_HOP {nextHop}: not on a directly connected network");
            channel.Withdraw(first.Prefix, first.PathId);
            while (announced.MoveNext()) channel.Withdraw(announced.Current.Prefix, announced.Current.PathId);
            return;
        }
        // Interned once here, so the channel finds every prefix's set already canonical (no cache lookup per prefix).
        template = Loop.Attributes.Intern(template);
        _lastImportTemplate = template;
        RouteAttributes? shared = null;
        var entryNlri = first;
        do
        {
            if (shared is null || shared.PathId != entryNlri.PathId)
                shared = entryNlri.PathId == 0 ? template : Loop.Attributes.Intern(template.WithOrigin(this, RouteSource.Bgp, entryNlri.PathId));
            TraceImport(entryNlri.Prefix);
            channel.Update(entryNlri.Prefix, shared);
            if (!announced.MoveNext()) break;
            entryNlri = announced.Current;
        } while (true);
    }

    private readonly ImportAttributeCache _importCache = new();
    // The interned attributes of the last recursive route imported: the next one with the same EA list and
    // next hop (a peer's routes one after another) takes them as they are, without building and interning a copy.
    private RouteAttributes? _lastImportTemplate;

    /// <summary>
    /// True when <paramref name="last"/> is what a route with <paramref name="eas"/> through <paramref name="entry"/>
    /// would get now: same list and entry, the entry's resolution unchanged since, and still held by a table
    /// route (so still the cache's canonical instance).
    /// </summary>
    private static bool Reusable(RouteAttributes last, EaList eas, HostEntry entry) =>
        ReferenceEquals(last.Attributes, eas) && ReferenceEquals(last.HostEntry, entry) && last.Uses > 0
        && last.Dest == entry.Dest && last.IgpMetric == entry.IgpMetric && last.NextHops == entry.NextHops;

    /// <summary>The route's EA list, interned: from the cache when the same attribute bytes came lately.</summary>
    private EaList ImportEaList(UpdateMessage update, IpAddress nextHop, IpAddress? linkLocal)
    {
        var cacheable = ImportAttributeCache.Applies(update);
        if (cacheable && _importCache.TryGet(update.RawAttributes.Span, out var cached)) return cached;
        // BIRD 1.6 gives every route a LOCAL_PREF: the received one, else `default bgp_local_pref`
        // (the decoded attributes stay as received: they may be shared by the session's next UPDATEs).
        var eas = Loop.Attributes.InternList(AttributeMapping.ToEaList(update.Attributes, nextHop, linkLocal, Options.DefaultLocalPref));
        if (cacheable) _importCache.Add(update.RawAttributes.Span, eas);
        return eas;
    }

    private static void TraceImport(Prefix prefix)
    {
        if (!LatencyTrace.Enabled) return;
        LatencyTrace.Record(TracePoint.BgpRead, prefix, LatencyTrace.LastRead);
        LatencyTrace.Record(TracePoint.BgpImport, prefix);
    }

    /// <summary>
    /// A direct session's next hop (BIRD 1.6's neighbor lookup): a global next hop on a connected
    /// network is the gateway on that interface; otherwise an IPv6 link-local next hop is the gateway on
    /// the session's interface. Null when neither works ("Invalid NEXT_HOP"). Without an interface view
    /// the table's device route to it names the interface; failing that the next hop stays the gateway.
    /// </summary>
    private NextHop? ResolveDirect(IpAddress nextHop, IpAddress? linkLocal)
    {
        if (nextHop.IsZero && linkLocal is { } only) (nextHop, linkLocal) = (only, null);
        var onLink = linkLocal ?? (nextHop.IsLinkLocal ? nextHop : (IpAddress?)null);
        if (_interfaces is not null)
        {
            if (!nextHop.IsLinkLocal && _interfaces.TryFindNeighbor(nextHop, null, out var neighbor)) return new NextHop(nextHop, neighbor.Name, neighbor.Index);
            if (onLink is { } ll && SessionInterface is { } scope && _interfaces.TryGetInterface(scope, out var iface) && iface.IsUp)
                return new NextHop(ll, iface.Name, iface.Index);
            return null;
        }
        var best = nextHop.IsLinkLocal ? null : MainChannel?.Table.LongestMatch(nextHop)?.Best?.Attributes;
        if (best is { Dest: RouteDest.Device, NextHops.Length: 1 }) return new NextHop(nextHop, best.NextHops[0].InterfaceName, best.NextHops[0].InterfaceIndex);
        if (onLink is { } linkOnly && SessionInterface is { } name) return new NextHop(linkOnly, name);
        return new NextHop(nextHop, null);
    }

    /// <summary>RFC 4456 and AS-path loop checks: a reason to drop the route, or null.</summary>
    private string? LoopReason(PathAttributes attributes)
    {
        if (Options.IsInternal && attributes.OriginatorId == Options.Session.LocalId) return "ORIGINATOR_ID is our router id";
        if (Options.IsInternal && attributes.ClusterList is { } clusters && Array.IndexOf(clusters, ClusterId) >= 0) return "our cluster id is in CLUSTER_LIST";
        if (attributes.AsPath is { } path && path.Count(Options.Session.LocalAs) > Options.AllowLocalAs) return "AS path contains our AS";
        return null;
    }

    /// <summary>`rr cluster id`, defaulting to the router id (RFC 4456).</summary>
    public uint ClusterId => Options.RrClusterId ?? Options.Session.LocalId;

    /// <summary>The peer's BGP identifier once Established (used by the best-path tie breaks).</summary>
    public uint? PeerId => Session.Current?.PeerId;

    internal static ImmutableArray<NextHop> Hop(IpAddress gateway) => [new NextHop(gateway, null)];
}
