using Bgpd.Bgp.Wire;

namespace Bgpd.Bgp.Session;

/// <summary>One TCP connection's protocol state inside a session (BIRD's bgp_conn).</summary>
internal sealed class Connection(ConnectionSide side)
{
    public ConnectionSide Side { get; } = side;
    public BgpState State { get; set; } = BgpState.Idle;
    public OpenMessage? PeerOpen { get; set; }
    public NegotiatedSession? Negotiated { get; set; }
    /// <summary>The last clean announcement's attributes (checked against the decode options, so it outlives sessions safely).</summary>
    public UpdateDecodeCache DecodeCache { get; } = new();
    private SessionAction.UpdateReceived? _updateReceived;

    /// <summary>The action for <paramref name="update"/>: with reused messages, one action that holds the one message.</summary>
    public SessionAction.UpdateReceived UpdateReceived(UpdateMessage update) =>
        DecodeCache.ReuseMessages && _updateReceived is { } last && ReferenceEquals(last.Update, update)
            ? last
            : _updateReceived = new SessionAction.UpdateReceived(update);
    public ushort HoldTime { get; set; }
    public ushort KeepaliveTime { get; set; }
    /// <summary>When the hold and keepalive timers were last armed (for `show protocols all`).</summary>
    public long HoldArmedAt { get; set; }
    public long KeepaliveArmedAt { get; set; }
    public bool HoldArmed { get; set; }
    public bool KeepaliveArmed { get; set; }

    public void Reset()
    {
        PeerOpen = null;
        Negotiated = null;
        HoldTime = 0;
        KeepaliveTime = 0;
        HoldArmed = false;
        KeepaliveArmed = false;
    }
}
