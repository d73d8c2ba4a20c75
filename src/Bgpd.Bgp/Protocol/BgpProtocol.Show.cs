using System.Globalization;
using Bgpd.Bgp.Session;
using Bgpd.Bgp.Wire;
using Bgpd.Net;
using Bgpd.Rib.Protocols;

namespace Bgpd.Bgp.Protocol;

public sealed partial class BgpProtocol
{
    /// <summary>The BGP block of `show protocols all`, line for line as BIRD 1.6 prints it.</summary>
    public override void AppendDetails(IList<string> lines)
    {
        var session = Session.Options;
        lines.Add($"  BGP state:          {(State == ProtocolState.Down ? "Down" : Session.DisplayState)}");
        lines.Add($"    Neighbor address: {session.PeerAddress}");
        lines.Add($"    Neighbor AS:      {session.PeerAs.ToString(CultureInfo.InvariantCulture)}");
        if (GracefulRestartActive) lines.Add("    Neighbor graceful restart active");
        // BIRD 1.6.8 prints the restart timer before the start-state timers.
        if (GracefulRestartActive && RestartTimerLeft is { } left) lines.Add($"    Restart timer:    {left}/-");
        if (State == ProtocolState.Start)
        {
            if (Session.ErrorWait is { } wait) lines.Add($"    Error wait:       {wait.Left}/{wait.Delay}");
            if (Session.StartDelay is { } delay) lines.Add($"    Connect delay:    {delay.Left}/{delay.Delay}");
        }
        if (LongLivedStaleActive && StaleTimerLeft is { } stale) lines.Add($"    LL stale timer:   {stale}/-");
        else if (State == ProtocolState.Up && Session.Current is { } n)
        {
            var peer = n.Peer;
            var grAble = peer.GracefulRestart is { } gr && gr.Families.Any(f => f.Family == Options.Family);
            var llgrAble = peer.LongLivedGracefulRestart is { } llgr && llgr.Any(f => f.Family == Options.Family);
            var caps = string.Concat(
                peer.RouteRefresh ? " refresh" : "",
                peer.EnhancedRouteRefresh ? " enhanced-refresh" : "",
                grAble ? " restart-able" : peer.GracefulRestart is not null ? " restart-aware" : "",
                llgrAble ? " llgr-able" : peer.LongLivedGracefulRestart is not null ? " llgr-aware" : "",
                peer.FourOctetAs is not null ? " AS4" : "",
                peer.AddPathFor(Options.Family).HasFlag(AddPathMode.Receive) ? " add-path-rx" : "",
                peer.AddPathFor(Options.Family).HasFlag(AddPathMode.Send) ? " add-path-tx" : "");
            lines.Add($"    Neighbor ID:      {IpAddress.V4(n.PeerId)}");
            lines.Add($"    Neighbor caps:   {caps}");
            lines.Add("    Session:          " + string.Concat(
                Options.IsInternal ? "internal" : "external",
                Options.Multihop > 0 ? " multihop" : "",
                Options.RrClient ? " route-reflector" : "",
                Options.RsClient ? " route-server" : "",
                n.FourOctetAs ? " AS4" : "",
                n.AddPathReceive(Options.Family) ? " add-path-rx" : "",
                n.AddPathSend(Options.Family) ? " add-path-tx" : "",
                n.ExtendedMessages ? " ext-messages" : ""));
            lines.Add($"    Source address:   {LocalAddress}");
            if (Options.RouteLimit is { } limit && MainChannel is { } channel)
                lines.Add($"    Route limit:      {channel.Stats.ImportedRoutes + channel.Stats.FilteredRoutes}/{limit}");
            if (Session.Timers is { } t)
            {
                lines.Add($"    Hold timer:       {t.HoldLeft}/{t.Hold}");
                lines.Add($"    Keepalive timer:  {t.KeepaliveLeft}/{t.Keepalive}");
            }
        }
        if (!Session.LastError.IsNone)
            lines.Add($"    Last error:       {Session.LastError}");
    }
}
