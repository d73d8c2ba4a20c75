using Bgpd.Bgp.Wire;
using Microsoft.Extensions.Logging;

namespace Bgpd.Bgp.Session;

/// <summary>What the session asks its driver to do; returned from <see cref="BgpSession.Handle"/>.</summary>
public abstract record SessionAction
{
    /// <summary>Open the outgoing TCP connection.</summary>
    public sealed record Connect : SessionAction;

    /// <summary>Close this side's socket after what was queued has been written.</summary>
    public sealed record Close(ConnectionSide Side) : SessionAction;

    public sealed record Send(ConnectionSide Side, byte[] Bytes) : SessionAction
    {
        public MessageType Type => (MessageType)Bytes[18];
    }

    public sealed record ArmTimer(SessionTimer Timer, ConnectionSide Side, TimeSpan After) : SessionAction;

    public sealed record CancelTimer(SessionTimer Timer, ConnectionSide Side) : SessionAction;

    public sealed record ConnectionStateChanged(ConnectionSide Side, BgpState From, BgpState To) : SessionAction;

    /// <summary>The session reached Established: start exporting routes.</summary>
    public sealed record Established(ConnectionSide Side, NegotiatedSession Session) : SessionAction;

    /// <summary>
    /// The Established session ended: flush the peer's routes, or, when <paramref name="GracefulRestart"/>
    /// (the connection failed or the hold timer expired with a GR-capable peer, BIRD 1.6's cases), keep
    /// them as stale for the peer's restart time. <paramref name="Negotiated"/> is what the session had.
    /// </summary>
    public sealed record SessionDown(SessionError Reason, bool GracefulRestart = false, NegotiatedSession? Negotiated = null) : SessionAction;

    public sealed record UpdateReceived(UpdateMessage Update) : SessionAction;

    /// <summary>The peer's Cease carried an RFC 9003 shutdown communication (BIRD shows it as the protocol's `Message:`).</summary>
    public sealed record ShutdownMessageReceived(string Text) : SessionAction;

    public sealed record RouteRefreshReceived(RouteRefreshMessage Refresh) : SessionAction;

    /// <summary>The protocol disabled itself (BIRD's `disable after error`).</summary>
    public sealed record Disabled(SessionError Reason) : SessionAction;

    /// <summary>A log line; <paramref name="Remote"/> marks BIRD's L_REMOTE class (errors exchanged with the peer).</summary>
    public sealed record Log(LogLevel Level, string Message, bool Remote = false) : SessionAction;
}
