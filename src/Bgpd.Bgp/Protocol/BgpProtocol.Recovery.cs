using Bgpd.Bgp.Session;
using Bgpd.Bgp.Wire;
using Bgpd.Rib.Protocols;

namespace Bgpd.Bgp.Protocol;

/// <summary>
/// Our own graceful restart (`bgpd -R`), as BIRD 1.6 runs it: the OPEN carries the restart flag (and,
/// with `graceful restart on`, the forwarding-state bit for our family; with `long lived graceful
/// restart on`, BIRD 2's forwarding bit in the LLGR capability too); the protocol holds the
/// daemon's graceful-restart lock until the peer's End-of-RIB (or a peer that cannot help, or the
/// protocol going down), and with `graceful restart on` toward a helping peer it sends nothing (state
/// "wait") until the daemon's recovery ends, so the peer keeps our old routes until then.
/// </summary>
public sealed partial class BgpProtocol
{
    private bool _exportsHeld;

    /// <summary>True while this protocol keeps the daemon in graceful-restart recovery (BIRD gr_lock).</summary>
    public bool HoldsGracefulRestartLock { get; private set; }

    /// <summary>Raised (on the loop) when <see cref="HoldsGracefulRestartLock"/> goes false.</summary>
    public event Action? GracefulRestartUnlocked;

    protected override bool ExportsWaiting => _exportsHeld;

    private bool _recoveryEnded;

    private void TakeRecoveryLock()
    {
        // A restart after the daemon's recovery ended (restart timer, `restart`) is an ordinary start.
        if (Options.GracefulRestartRecovery && !_recoveryEnded && Options.Session.Capabilities.GracefulRestart is not null) HoldsGracefulRestartLock = true;
    }

    private void ReleaseRecoveryLock()
    {
        if (!HoldsGracefulRestartLock) return;
        HoldsGracefulRestartLock = false;
        GracefulRestartUnlocked?.Invoke();
    }

    /// <summary>BIRD bgp_conn_enter_established_state in recovery: unlock for a peer that cannot help; hold exports for one that can.</summary>
    private void RecoveryOnEstablished(NegotiatedSession negotiated)
    {
        var peerHelps = negotiated.Peer.GracefulRestart is { Restarting: false };
        if (HoldsGracefulRestartLock && !peerHelps) ReleaseRecoveryLock();
        _exportsHeld = HoldsGracefulRestartLock && Options.GracefulRestartAble && peerHelps;
    }

    private void RecoveryOnEndOfRib() => ReleaseRecoveryLock();

    /// <summary>
    /// The daemon's recovery is over (every lock released or `graceful restart wait` expired): later
    /// OPENs carry no restart flag, and held exports go out now, followed by End-of-RIB.
    /// </summary>
    public void EndGracefulRestartRecovery()
    {
        HoldsGracefulRestartLock = false;
        _recoveryEnded = true;
        var caps = Session.Options.Capabilities;
        if (caps.GracefulRestart is { } gr)
            caps.GracefulRestart = gr with
            {
                Restarting = false,
                Families = gr.Families.Select(f => f with { ForwardingPreserved = false }).ToList(),
            };
        if (caps.LongLivedGracefulRestart is { } llgr)
            caps.LongLivedGracefulRestart = llgr.Select(f => f with { ForwardingPreserved = false }).ToList();
        if (!_exportsHeld) return;
        _exportsHeld = false;
        if (State != ProtocolState.Up) return;
        FlushExports();
        Execute(Session.SendOnEstablished([UpdateEncoder.EndOfRib(Options.Family)]));
    }
}
