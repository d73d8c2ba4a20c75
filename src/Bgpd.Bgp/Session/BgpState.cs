namespace Bgpd.Bgp.Session;

/// <summary>Connection states of RFC 4271 8.2.2, plus BIRD's Close (NOTIFICATION sent or received, closing).</summary>
public enum BgpState
{
    Idle = 0,
    Connect = 1,
    Active = 2,
    OpenSent = 3,
    OpenConfirm = 4,
    Established = 5,
    Close = 6,
}

/// <summary>Which of the (at most two) TCP connections to the peer, as in BIRD and RFC 4271 6.8.</summary>
public enum ConnectionSide
{
    Outgoing = 0,
    Incoming = 1,
}

/// <summary>The session's timers. ConnectRetry also carries BIRD's connect delay; StartupDelay is BIRD's error wait.</summary>
public enum SessionTimer
{
    ConnectRetry,
    Hold,
    Keepalive,
    SendHold,
    StartupDelay,
}
