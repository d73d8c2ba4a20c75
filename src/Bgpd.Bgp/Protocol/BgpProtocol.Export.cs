using System.Runtime.InteropServices;
using Bgpd.Bgp.Wire;
using Bgpd.Net;
using Bgpd.Rib.Attributes;
using Bgpd.Rib.Diagnostics;
using Bgpd.Rib.Filtering;
using Bgpd.Rib.Protocols;
using Bgpd.Rib.Tables;

namespace Bgpd.Bgp.Protocol;

public sealed partial class BgpProtocol
{
    // Keyed by prefix and path id (0 unless ADD-PATH tx is on): null = withdraw.
    private readonly Dictionary<NlriEntry, PathAttributes?> _pendingExports = new(NlriEntryComparer.Instance);
    // ADD-PATH tx: the path id each route source (originating protocol, its path id) is announced with.
    private readonly Dictionary<(Rib.Protocols.Protocol?, uint), uint> _txPathIds = [];
    private bool _addPathTx;
    // Routes sharing one interned attribute set leave with one PathAttributes object, built and encoded
    // once while the session lasts (bounded: emptied when it grows past ExportCacheLimit).
    private readonly Dictionary<RouteAttributes, PathAttributes> _exportCache = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<PathAttributes, byte[]> _encodedAttributes = new(ReferenceEqualityComparer.Instance);
    private const int ExportCacheLimit = 4096;
    private bool _flushScheduled;
    private EaValue? _ownClusterList;
    private Action? _flushExports;  // one delegate, not one per scheduled flush
    private const int FlushBatch = 4096;

    private void ClearExportState()
    {
        _pendingExports.Clear();
        _exportCache.Clear();
        _encodedAttributes.Clear();
    }

    /// <summary>RFC 1997: not to eBGP peers (NO_EXPORT, NO_EXPORT_SUBCONFED without confederations), not to any peer (NO_ADVERTISE).</summary>
    public const uint NoExportCommunity = 0xFFFFFF01, NoAdvertiseCommunity = 0xFFFFFF02, NoExportSubconfedCommunity = 0xFFFFFF03;

    /// <summary>BIRD's bgp_import_control: never back to the source; iBGP to iBGP only through a route reflector.</summary>
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
            if (_exportCache.Count >= ExportCacheLimit) _exportCache.Clear();
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
        Loop.Post(_flushExports ??= FlushExports);
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

    protected override bool PreparesExports => true;

    /// <summary>
    /// BIRD 1.6's bgp_import_control: the attributes a route leaves with are made before the export
    /// filter, which sees (and may change) them. A route of another protocol gets new ORIGIN, AS_PATH,
    /// NEXT_HOP and LOCAL_PREF, replacing any it carried (bgp_create_attrs); a BGP route gets our AS
    /// prepended towards eBGP, a MED from another AS zeroed, the next hop replaced unless kept, and
    /// when reflected the originator and cluster list (bgp_update_attrs).
    /// </summary>
    protected override void PrepareExport(Channel channel, Route route, RouteEditor editor)
    {
        var attributes = route.Attributes;
        var local = _selfGlobal ?? LocalAddress ?? default;
        var localAs = Options.Session.LocalAs;
        if (attributes.Protocol is not BgpProtocol from)
        {
            editor.Set(EaId.BgpOrigin, EaValue.Int((uint)Origin.Igp), AttributeFlags.Transitive);
            editor.Set(EaId.BgpAsPath, EaValue.Path(Options.IsInternal ? Rib.Attributes.AsPath.Empty : Rib.Attributes.AsPath.FromSequence(localAs)), AttributeFlags.Transitive);
            var gateway = editor.Gateway;
            var useGateway = !Options.NextHopSelf && editor.Dest == RouteDest.Router && !gateway.IsZero && !gateway.IsLinkLocal
                && (Options.IsInternal || Options.NextHopKeep || OnPeersInterface(attributes));
            editor.Set(EaId.BgpNextHop, EaValue.Ip(useGateway ? gateway : local), AttributeFlags.Transitive);
            editor.Set(EaId.BgpLocalPref, EaValue.Int(Options.DefaultLocalPref), AttributeFlags.Transitive);
            return;
        }
        // `rs client`: a route server leaves the path and MED of BGP routes as they came.
        if (!Options.IsInternal && !Options.RsClient)
        {
            var path = editor.TryGet(EaId.BgpAsPath, out var p) ? p.AsPath : Rib.Attributes.AsPath.Empty;
            editor.Set(EaId.BgpAsPath, EaValue.Path(path.Prepend(localAs)), AttributeFlags.Transitive);
            if (editor.TryGet(EaId.BgpMed, out _)) editor.Set(EaId.BgpMed, EaValue.Int(0), AttributeFlags.Optional);
        }
        var hasHop = editor.TryGet(EaId.BgpNextHop, out var hop) && !hop.AsIp.IsZero;
        if (!hasHop || Options.NextHopSelf || (!Options.IsInternal && !Options.NextHopKeep && !OnPeersInterface(attributes)))
            editor.Set(EaId.BgpNextHop, EaValue.Ip(local), AttributeFlags.Transitive);
        if (Options.IsInternal && from.Options.IsInternal)
        {
            // Reflecting (RFC 4456 8): keep the next hop, record the originator and our cluster.
            if (!editor.TryGet(EaId.BgpOriginatorId, out _) && from.PeerId is { } originator)
                editor.Set(EaId.BgpOriginatorId, EaValue.RouterId(originator), AttributeFlags.Optional);
            // A client's routes come without a cluster list: they all get the same one-element list.
            var clusterList = editor.TryGet(EaId.BgpClusterList, out var list) && list.AsIntSet.Length > 0
                ? EaValue.IntSet([ClusterId, .. list.AsIntSet])
                : _ownClusterList ??= EaValue.IntSet([ClusterId]);
            editor.Set(EaId.BgpClusterList, clusterList, AttributeFlags.Optional);
        }
    }

    /// <summary>
    /// The attributes a route leaves with, from what <see cref="PrepareExport"/> and the export filter
    /// made: what eBGP must not carry is dropped (BIRD's bgp_attr_table allow_in_ebgp), and missing
    /// mandatory attributes (a filter may unset them) get their defaults.
    /// </summary>
    private PathAttributes ExportAttributes(Route route, RouteAttributes attributes)
    {
        var a = AttributeMapping.FromEaList(attributes.Attributes);
        a.Origin ??= Origin.Igp;
        a.AsPath ??= Wire.AsPath.Empty;
        var local = _selfGlobal ?? LocalAddress ?? default;
        if (!Options.IsInternal)
        {
            a.LocalPref = null;
            a.OriginatorId = null;
            a.ClusterList = null;
        }
        else a.LocalPref ??= Options.DefaultLocalPref;
        if (a.NextHop is not { } hop || hop.IsV6 != Options.Family.IsV6) a.NextHop = local;
        return a;
    }

    /// <summary>
    /// BIRD 1.6 bgp_update_attrs: on a direct eBGP session a route whose next hop is on the peer's own
    /// interface keeps it (a third-party next hop, which is what lets a route server on a shared LAN
    /// pass its clients' next hops on); multihop sessions have no neighbor interface.
    /// </summary>
    private bool OnPeersInterface(RouteAttributes attributes) =>
        Options.Multihop == 0 && attributes.InterfaceName is { } routeInterface && SessionInterface is { } peerInterface
        && routeInterface == peerInterface;

    // Reused by every flush: a flush of 4096 prefixes would otherwise allocate (and copy) arrays on the large object heap.
    private readonly List<NlriEntry> _flushWithdrawals = [];
    private readonly Dictionary<PathAttributes, List<NlriEntry>> _flushGroups = new(ReferenceEqualityComparer.Instance);
    private readonly Stack<List<NlriEntry>> _spareGroupLists = new();
    private readonly List<byte[]> _flushMessages = [];

    private byte[] Encoded(PathAttributes attributes, in UpdateEncodeOptions options)
    {
        if (!_encodedAttributes.TryGetValue(attributes, out var bytes))
        {
            // The AS width is the session's, fixed until ClearExportState.
            bytes = UpdateEncoder.EncodeAttributes(attributes, options.FourOctetAs);
            _encodedAttributes[attributes] = bytes;
        }
        return bytes;
    }

    private void FlushExports()
    {
        _flushScheduled = false;
        if (_exportsHeld || Session.Current is not { } negotiated || _pendingExports.Count == 0) return;
        var options = negotiated.EncodeOptions;
        var family = Options.Family;
        var withdrawals = _flushWithdrawals;
        var groups = _flushGroups;
        // A burst's neighbouring entries mostly share their attributes: the last group is tried first.
        PathAttributes? lastAttributes = null;
        List<NlriEntry>? lastList = null;
        foreach (var (entry, attributes) in _pendingExports)
        {
            if (attributes is null) withdrawals.Add(entry);
            else if (ReferenceEquals(attributes, lastAttributes)) lastList!.Add(entry);
            else
            {
                if (!groups.TryGetValue(attributes, out var list))
                {
                    list = _spareGroupLists.TryPop(out var spare) ? spare : new List<NlriEntry>();
                    groups[attributes] = list;
                }
                list.Add(entry);
                (lastAttributes, lastList) = (attributes, list);
            }
        }
        _pendingExports.Clear();
        // Pending exports no longer hold them; encodings of sets the export cache forgot go too.
        if (_encodedAttributes.Count > _exportCache.Count + ExportCacheLimit) _encodedAttributes.Clear();
        var messages = _flushMessages;
        var traced = LatencyTrace.Enabled ? withdrawals.Concat(groups.Values.SelectMany(g => g)).Select(e => e.Prefix).ToList() : null;
        if (withdrawals.Count > 0) UpdateEncoder.WithdrawInto(messages, family, CollectionsMarshal.AsSpan(withdrawals), options);
        foreach (var (attributes, prefixes) in groups)
        {
            if (family.IsV6)
            {
                // Our own next hop on a direct session goes with our link-local address (RFC 2545).
                var nextHop = attributes.NextHop ?? _selfGlobal ?? LocalAddress ?? default;
                var linkLocal = _selfLinkLocal is { } ll && nextHop == _selfGlobal ? ll : (IpAddress?)null;
                UpdateEncoder.AnnounceEncoded(messages, family, Encoded(attributes, options), CollectionsMarshal.AsSpan(prefixes), options, nextHop, linkLocal);
            }
            else UpdateEncoder.AnnounceEncoded(messages, family, Encoded(attributes, options), CollectionsMarshal.AsSpan(prefixes), options);
            prefixes.Clear();
            _spareGroupLists.Push(prefixes);
        }
        withdrawals.Clear();
        groups.Clear();
        Execute(Session.SendOnEstablished(messages));
        messages.Clear();
        if (traced is not null)
            foreach (var prefix in traced) LatencyTrace.Record(TracePoint.BgpSent, prefix);
    }
}
