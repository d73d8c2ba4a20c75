using Bgpd.Bgp.Wire;
using Bgpd.Net;
using Bgpd.Rib.Attributes;
using Bgpd.Rib.Diagnostics;
using Bgpd.Rib.Protocols;
using Bgpd.Rib.Tables;

namespace Bgpd.Bgp.Protocol;

public sealed partial class BgpProtocol
{
    // Keyed by prefix and path id (0 unless ADD-PATH tx is on): null = withdraw.
    private readonly Dictionary<NlriEntry, PathAttributes?> _pendingExports = [];
    // ADD-PATH tx: the path id each route source (originating protocol, its path id) is announced with.
    private readonly Dictionary<(Rib.Protocols.Protocol?, uint), uint> _txPathIds = [];
    private bool _addPathTx;
    // Routes sharing one interned attribute set leave with one PathAttributes object, built once per flush.
    private readonly Dictionary<RouteAttributes, PathAttributes> _exportCache = new(ReferenceEqualityComparer.Instance);
    private bool _flushScheduled;
    private const int FlushBatch = 4096;

    private void ClearExportState()
    {
        _pendingExports.Clear();
        _exportCache.Clear();
    }

    /// <summary>BIRD's bgp_import_control: never back to the source; iBGP to iBGP only through a route reflector.</summary>
    /// <summary>RFC 1997: not to eBGP peers (NO_EXPORT, NO_EXPORT_SUBCONFED without confederations), not to any peer (NO_ADVERTISE).</summary>
    public const uint NoExportCommunity = 0xFFFFFF01, NoAdvertiseCommunity = 0xFFFFFF02, NoExportSubconfedCommunity = 0xFFFFFF03;

    protected override ExportPrecheck PrecheckExport(Channel channel, Route route)
    {
        var source = route.Attributes.Protocol;
        if (ReferenceEquals(source, this)) return ExportPrecheck.Reject;
        if (source is BgpProtocol from && from.Options.IsInternal && Options.IsInternal && !from.Options.RrClient && !Options.RrClient)
            return ExportPrecheck.Reject;
        // RFC 1997 well-known communities, as BIRD's bgp_import_control obeys them.
        if (Options.InterpretCommunities && route.Attributes.TryGet(EaId.BgpCommunity, out var communities))
        {
            var set = communities.AsIntSet;
            if (set.Contains(NoAdvertiseCommunity)) return ExportPrecheck.Reject;
            if (!Options.IsInternal && (set.Contains(NoExportCommunity) || set.Contains(NoExportSubconfedCommunity))) return ExportPrecheck.Reject;
        }
        // RFC 9494: LLGR-stale routes only go to peers that speak LLGR.
        if (Session.Current is { Peer.LongLivedGracefulRestart: null } && route.Attributes.Source == RouteSource.Bgp && IsLongLivedStale(route))
            return ExportPrecheck.Reject;
        return ExportPrecheck.Continue;
    }

    protected override void OnExport(Channel channel, in RouteExport change)
    {
        if (Session.Current is null) return;
        LatencyTrace.Record(TracePoint.BgpExport, change.Prefix);
        PathAttributes? exported = null;
        if (change.New is { } route && change.NewAttributes is { } attributes && !_exportCache.TryGetValue(attributes, out exported))
        {
            exported = ExportAttributes(route, attributes);
            _exportCache[attributes] = exported;
        }
        var pathId = 0u;
        if (_addPathTx && (change.New ?? change.Old) is { } source) pathId = TxPathId(source.Attributes);
        _pendingExports[new NlriEntry(change.Prefix, pathId)] = exported;
        // A burst leaves as it comes, a few UPDATEs at a time, instead of piling up whole (memory, first byte out).
        if (_pendingExports.Count >= FlushBatch) FlushExports();
        if (_flushScheduled) return;
        _flushScheduled = true;
        Loop.Post(FlushExports);
    }

    /// <summary>
    /// BIRD 1.6 announces every path with its source's global id; ours are per session, one per route
    /// source (originating protocol and its own path id), so a replaced route keeps its id.
    /// </summary>
    private uint TxPathId(RouteAttributes attributes)
    {
        var key = (attributes.Protocol, attributes.PathId);
        if (!_txPathIds.TryGetValue(key, out var id))
        {
            id = (uint)_txPathIds.Count + 1;
            _txPathIds[key] = id;
        }
        return id;
    }

    /// <summary>
    /// With ADD-PATH tx negotiated the channel receives every route (BIRD's RA_ANY) and each leaves with
    /// its path id; otherwise only best routes, as configured. Called before the channel opens.
    /// </summary>
    private void ChooseExportMode(bool addPathTx)
    {
        _addPathTx = addPathTx;
        if (MainChannel is { } channel) channel.SetExportMode(addPathTx ? ExportMode.Any : _configuredExportMode);
    }

    /// <summary>The attributes a route leaves with (BIRD bgp_update_attrs / bgp_create_attrs).</summary>
    private PathAttributes ExportAttributes(Route route, RouteAttributes attributes)
    {
        var a = AttributeMapping.FromEaList(attributes.Attributes);
        var fromBgp = attributes.Source == RouteSource.Bgp;
        a.Origin ??= Origin.Igp;
        a.AsPath ??= Wire.AsPath.Empty;
        var local = _selfGlobal ?? LocalAddress ?? default;
        if (!Options.IsInternal)
        {
            a.AsPath = a.AsPath.Prepend(Options.Session.LocalAs);
            if (fromBgp) a.Med = null;
            a.LocalPref = null;
            a.OriginatorId = null;
            a.ClusterList = null;
        }
        else
        {
            a.LocalPref ??= Options.DefaultLocalPref;
            if (attributes.Protocol is BgpProtocol from && from.Options.IsInternal)
            {
                // Reflecting (RFC 4456 8): keep the next hop, record the originator and our cluster.
                a.OriginatorId ??= from.PeerId;
                a.ClusterList = [ClusterId, .. a.ClusterList ?? []];
            }
        }
        var self = Options.NextHopSelf || (!Options.IsInternal && !Options.NextHopKeep) || a.NextHop is null || !fromBgp;
        if (self || a.NextHop is { } hop && hop.IsV6 != Options.Family.IsV6) a.NextHop = local;
        return a;
    }

    private void FlushExports()
    {
        _flushScheduled = false;
        if (_exportsHeld || Session.Current is not { } negotiated || _pendingExports.Count == 0) return;
        var options = negotiated.EncodeOptions;
        var family = Options.Family;
        var withdrawals = new List<NlriEntry>();
        var groups = new Dictionary<PathAttributes, List<NlriEntry>>(ReferenceEqualityComparer.Instance);
        foreach (var (entry, attributes) in _pendingExports)
        {
            if (attributes is null) withdrawals.Add(entry);
            else if (groups.TryGetValue(attributes, out var list)) list.Add(entry);
            else groups[attributes] = [entry];
        }
        _pendingExports.Clear();
        _exportCache.Clear();
        var messages = new List<byte[]>();
        if (withdrawals.Count > 0) messages.AddRange(UpdateEncoder.Withdraw(family, withdrawals.ToArray(), options));
        foreach (var (attributes, prefixes) in groups)
        {
            if (family.IsV6)
            {
                // Our own next hop on a direct session goes with our link-local address (RFC 2545).
                var nextHop = attributes.NextHop ?? _selfGlobal ?? LocalAddress ?? default;
                var linkLocal = _selfLinkLocal is { } ll && nextHop == _selfGlobal ? ll : (IpAddress?)null;
                messages.AddRange(UpdateEncoder.Announce(family, attributes, prefixes.ToArray(), options, nextHop, linkLocal));
            }
            else messages.AddRange(UpdateEncoder.Announce(family, attributes, prefixes.ToArray(), options));
        }
        Execute(Session.SendOnEstablished(messages));
        if (LatencyTrace.Enabled)
        {
            foreach (var entry in withdrawals) LatencyTrace.Record(TracePoint.BgpSent, entry.Prefix);
            foreach (var entry in groups.Values.SelectMany(g => g)) LatencyTrace.Record(TracePoint.BgpSent, entry.Prefix);
        }
    }
}
