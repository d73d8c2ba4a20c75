using Bgpd.Bgp.Wire;

namespace Bgpd.Bgp.Session;

/// <summary>Everything that can happen to a session; fed to <see cref="BgpSession.Handle"/>.</summary>
public abstract record SessionEvent
{
    /// <summary>Administrative start (protocol enabled).</summary>
    public sealed record Start : SessionEvent;

    /// <summary>Administrative stop: Cease with this subcode (2 shutdown, 3 de-configured, 4 reset...) and optional RFC 9003 text.</summary>
    public sealed record Stop(byte CeaseSubcode = 2, string? Message = null) : SessionEvent;

    public sealed record TcpConnected(ConnectionSide Side) : SessionEvent;

    public sealed record TcpConnectFailed(ConnectionSide Side, string Error) : SessionEvent;

    /// <summary>The connection closed or failed; Error null means a clean close by the peer.</summary>
    public sealed record TcpClosed(ConnectionSide Side, string? Error) : SessionEvent;

    /// <summary>One complete, framed message (header included).</summary>
    public sealed record MessageReceived(ConnectionSide Side, ReadOnlyMemory<byte> Message) : SessionEvent;

    /// <summary>The framer rejected the byte stream (bad marker, length or type).</summary>
    public sealed record FramingError(ConnectionSide Side, BgpError Error) : SessionEvent;

    public sealed record TimerExpired(SessionTimer Timer, ConnectionSide Side) : SessionEvent;

    /// <summary>Bytes are waiting and the socket does not take them (RFC 9687 send hold timer starts).</summary>
    public sealed record WriteStalled(ConnectionSide Side) : SessionEvent;

    /// <summary>The socket took everything that was waiting.</summary>
    public sealed record WriteDrained(ConnectionSide Side) : SessionEvent;
}
