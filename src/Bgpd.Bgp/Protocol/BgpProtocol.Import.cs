using System.Collections.Immutable;
using Bgpd.Bgp.Wire;
using Bgpd.Net;
using Bgpd.Rib;
using Bgpd.Rib.Attributes;
using Bgpd.Rib.Protocols;

namespace Bgpd.Bgp.Protocol;

public sealed partial class BgpProtocol
{
    /// <summary>Puts one received UPDATE into the table: withdrawals, then announcements (or withdrawals when treat-as-withdraw).</summary>
    private void Import(UpdateMessage update)
    {
        if (MainChannel is not { } channel) return;
        var family = Options.Family;
        foreach (var gone in update.Withdrawn(family)) channel.Withdraw(gone.Prefix, gone.PathId);
        if (update.IsEndOfRib(out _)) return;
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
        var attributes = update.Attributes;
        // BIRD 1.6 gives every route a LOCAL_PREF: the received one, else `default bgp_local_pref`.
        attributes.LocalPref ??= Options.DefaultLocalPref;
        var linkLocal = family.IsV6 ? update.MpReach?.LinkLocalNextHop : null;
        var eas = Loop.Attributes.InternList(AttributeMapping.ToEaList(attributes, nextHop, linkLocal));
        // The global address is the gateway (a link-local one would need an interface); the pair is kept in BGP.next_hop.
        if (ResolveNextHop(nextHop) is not { } hop)
        {
            Loop.Log(RibLogLevel.Warning, $"{Name}: Invalid NEXT_HOP {nextHop}: not on a directly connected network");
            channel.Withdraw(first.Prefix, first.PathId);
            while (announced.MoveNext()) channel.Withdraw(announced.Current.Prefix, announced.Current.PathId);
            return;
        }
        RouteAttributes? shared = null;
        var entry = first;
        do
        {
            if (shared is null || shared.PathId != entry.PathId)
                shared = new RouteAttributes(this, RouteSource.Bgp, RouteDest.Router, [hop], eas,
                    from: Options.Session.PeerAddress, recursive: Options.GatewayRecursive, pathId: entry.PathId, igpMetric: 0);
            channel.Update(entry.Prefix, shared);
            if (!announced.MoveNext()) break;
            entry = announced.Current;
        } while (true);
    }

    /// <summary>
    /// Where packets for this BGP next hop go: on a connected network, the next hop itself on that
    /// interface; with `gateway recursive`, otherwise the hop of the table's best non-recursive route
    /// to it. Null only for a direct session whose next hop is not on a connected network (BIRD's
    /// "Invalid NEXT_HOP"). Without an interface view the table's route is the only guide (a device
    /// route there names the interface); failing that the next hop stays the gateway, interface unknown.
    /// Resolution happens on import and is not redone when the IGP route changes.
    /// </summary>
    private NextHop? ResolveNextHop(IpAddress nextHop)
    {
        if (_interfaces is not null)
        {
            if (_interfaces.TryFindNeighbor(nextHop, null, out var neighbor)) return new NextHop(nextHop, neighbor.Name, neighbor.Index);
            if (!Options.GatewayRecursive) return null;
        }
        return ResolveThroughTable(nextHop, viaGateway: Options.GatewayRecursive);
    }

    // A direct session (no `gateway recursive`) may only use a device route: its next hop is on-link.
    private NextHop ResolveThroughTable(IpAddress nextHop, bool viaGateway)
    {
        var best = MainChannel?.Table.LongestMatch(nextHop)?.Best?.Attributes;
        if (viaGateway && best is { Dest: RouteDest.Router, IsRecursive: false, NextHops.Length: 1 }) return best.NextHops[0];
        if (best is { Dest: RouteDest.Device, NextHops.Length: 1 }) return new NextHop(nextHop, best.NextHops[0].InterfaceName, best.NextHops[0].InterfaceIndex);
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
