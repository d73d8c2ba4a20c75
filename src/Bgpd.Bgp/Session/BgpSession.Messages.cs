using Bgpd.Bgp.Wire;
using Microsoft.Extensions.Logging;

namespace Bgpd.Bgp.Session;

public sealed partial class BgpSession
{
    /// <summary>The largest message this side may receive now (RFC 8654 applies once Established).</summary>
    public int MaxReceiveLength(ConnectionSide side) => Conn(side).Negotiated?.MaxMessageLength ?? BgpWire.MaxMessageLength;

    private void OnMessage(Connection c, ReadOnlyMemory<byte> message)
    {
        if (c.State is BgpState.Idle or BgpState.Close or BgpState.Connect or BgpState.Active) return;
        var type = (MessageType)message.Span[18];
        var body = message[BgpWire.HeaderLength..];
        switch (type)
        {
            case MessageType.Open: OnOpen(c, body.Span); break;
            case MessageType.Keepalive: OnKeepalive(c); break;
            case MessageType.Update: OnUpdate(c, body); break;
            case MessageType.Notification: OnNotification(c, NotificationMessage.Decode(body.Span)); break;
            case MessageType.RouteRefresh: OnRouteRefresh(c, message.Span); break;
            default: OnLocalError(c, BgpError.BadMessageType((byte)type)); break;
        }
    }

    // RFC 6608 subcodes: which state the unexpected message arrived in.
    private void UnexpectedMessage(Connection c) => OnLocalError(c, new BgpError(BgpError.Codes.Fsm, c.State switch
    {
        BgpState.OpenSent => 1,
        BgpState.OpenConfirm => 2,
        _ => 3,
    }));

    private void OnOpen(Connection c, ReadOnlySpan<byte> body)
    {
        if (c.State != BgpState.OpenSent)
        {
            UnexpectedMessage(c);
            return;
        }
        var open = OpenMessage.Decode(body, out var error);
        if (open is null)
        {
            OnLocalError(c, error!);
            return;
        }
        if (open.PeerAs != Options.PeerAs)
        {
            var data = open.Capabilities.FourOctetAs is { } wide
                ? new[] { (byte)(wide >> 24), (byte)(wide >> 16), (byte)(wide >> 8), (byte)wide }
                : [(byte)(open.MyAs >> 8), (byte)open.MyAs];
            OnLocalError(c, new BgpError(2, 2, data));
            return;
        }
        if (Options.IsInternal && open.BgpId == Options.LocalId)
        {
            OnLocalError(c, BgpError.OpenError(3));
            return;
        }
        if (!ResolveCollision(c, open)) return;

        c.PeerOpen = open;
        c.HoldTime = Math.Min(Options.HoldTime, open.HoldTime);
        c.KeepaliveTime = c.HoldTime == 0 ? (ushort)0 : Options.KeepaliveTime ?? (ushort)(c.HoldTime / 3);
        c.Negotiated = new NegotiatedSession
        {
            PeerAs = open.PeerAs,
            PeerId = open.BgpId,
            HoldTime = c.HoldTime,
            KeepaliveTime = c.KeepaliveTime,
            IsInternal = Options.IsInternal,
            Local = Options.SendCapabilities ? BuildOpen().Capabilities : new BgpCapabilities(),
            Peer = open.Capabilities,
            PeerSentCapabilities = open.HasCapabilities,
        };
        Emit(new SessionAction.Send(c.Side, BgpWire.Keepalive()));
        SetState(c, BgpState.OpenConfirm);
        ArmHold(c, c.HoldTime);
        ArmKeepalive(c);
    }

    /// <summary>
    /// RFC 4271 6.8 as BIRD applies it when an OPEN arrives: stop connecting on the other side; if
    /// the other side is in OpenConfirm the dominant router's (higher id, then higher AS) connection
    /// stays; an Established other side always wins. False when this connection lost.
    /// </summary>
    private bool ResolveCollision(Connection c, OpenMessage open)
    {
        var other = Other(c);
        switch (other.State)
        {
            case BgpState.Connect or BgpState.Active:
                GoIdle(other, closeSocket: other.State == BgpState.Connect);
                return true;
            case BgpState.OpenConfirm:
                var peerDominant = Options.LocalId < open.BgpId || (Options.LocalId == open.BgpId && Options.LocalAs < open.PeerAs);
                if (peerDominant == (c.Side == ConnectionSide.Incoming))
                {
                    Log(LogLevel.Debug, "Connection collision, giving up the other connection");
                    SendNotificationAndClose(other, BgpError.Cease(7));
                    return true;
                }
                Log(LogLevel.Debug, "Connection collision, giving up this connection");
                SendNotificationAndClose(c, BgpError.Cease(7));
                return false;
            case BgpState.Established:
                Log(LogLevel.Debug, "Connection collision, giving up this connection");
                SendNotificationAndClose(c, BgpError.Cease(7));
                return false;
            default:
                return true;
        }
    }

    private void OnKeepalive(Connection c)
    {
        switch (c.State)
        {
            case BgpState.OpenConfirm:
                ArmHold(c, c.HoldTime);
                EnterEstablished(c);
                break;
            case BgpState.Established:
                ArmHold(c, c.HoldTime);
                break;
            default:
                UnexpectedMessage(c);
                break;
        }
    }

    private void EnterEstablished(Connection c)
    {
        SetState(c, BgpState.Established);
        LastError = SessionError.None;
        var other = Other(c);
        if (other.State is BgpState.Connect or BgpState.Active) GoIdle(other, closeSocket: other.State == BgpState.Connect);
        Log(LogLevel.Debug, "BGP session established");
        Emit(new SessionAction.Established(c.Side, c.Negotiated!));
    }

    private void OnUpdate(Connection c, ReadOnlyMemory<byte> body)
    {
        if (c.State != BgpState.Established)
        {
            UnexpectedMessage(c);
            return;
        }
        ArmHold(c, c.HoldTime);
        var update = UpdateMessage.Decode(body, c.Negotiated!.DecodeOptions, c.DecodeCache);
        foreach (var problem in update.Problems) Log(LogLevel.Warning, $"Malformed UPDATE: {problem}");
        if (update.Action == UpdateErrorAction.SessionReset)
        {
            OnLocalError(c, update.Error!);
            return;
        }
        Emit(c.UpdateReceived(update));
    }

    private void OnNotification(Connection c, BgpError error)
    {
        Emit(new SessionAction.Log(LogLevel.Warning, $"Received: {BgpErrorText.Format(error)}", Remote: true));
        StoreError(c, new SessionError(SessionErrorClass.Received, error.Description));
        if (ShutdownCommunication.TryRead(error, out var text) && text.Length > 0) Emit(new SessionAction.ShutdownMessageReceived(text));
        var wasEstablished = c.State == BgpState.Established;
        GoClose(c);
        if (error.Code != BgpError.Codes.Cease) Fail(wasEstablished);
        else if (wasEstablished) LeaveEstablished();
        else Decide();
    }

    private void OnRouteRefresh(Connection c, ReadOnlySpan<byte> message)
    {
        if (c.State != BgpState.Established)
        {
            UnexpectedMessage(c);
            return;
        }
        switch (RouteRefreshMessage.Decode(message, out var refresh, out var error))
        {
            case RouteRefreshMessage.DecodeStatus.Error:
                OnLocalError(c, error!);
                break;
            case RouteRefreshMessage.DecodeStatus.Ok:
                Emit(new SessionAction.RouteRefreshReceived(refresh));
                break;
            default:
                Log(LogLevel.Debug, "ROUTE-REFRESH with unknown subtype ignored");
                break;
        }
    }
}
