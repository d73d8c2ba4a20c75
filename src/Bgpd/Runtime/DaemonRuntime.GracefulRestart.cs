using Bgpd.Bgp.Protocol;
using Bgpd.Control.Views;
using Bgpd.Netlink.Kernel;

namespace Bgpd.Runtime;

/// <summary>
/// Graceful-restart recovery after <c>bgpd -R</c>, as BIRD 1.6 runs it: kernel protocols with
/// <c>graceful restart</c> keep their routes ("wait") until every protocol that recovers state from
/// peers is done or the <c>graceful restart wait</c> timer expires; <c>show status</c> reports it.
/// </summary>
public sealed partial class DaemonRuntime
{
    bool _grActive;
    ITimer? _grTimer;
    DateTimeOffset _grStarted;

    /// <summary>Protocols still recovering state from peers: BGP sessions waiting for their peer's End-of-RIB.</summary>
    int GracefulRestartLocks => _state.Protocols.OfType<BgpProtocol>().Count(p => p.HoldsGracefulRestartLock);

    void BeginGracefulRestart()
    {
        if (!_gracefulRestartRecovery) return;
        _grActive = true;
        foreach (var bgp in _state.Protocols.OfType<BgpProtocol>()) bgp.GracefulRestartUnlocked += OnGracefulRestartUnlocked;
        _grStarted = Now;
        _grTimer = _time.CreateTimer(_ => _loop.Post(EndGracefulRestart), null,
            TimeSpan.FromSeconds(_config.GracefulRestartWait), Timeout.InfiniteTimeSpan);
        if (GracefulRestartLocks == 0) EndGracefulRestart();
    }

    void OnGracefulRestartUnlocked()
    {
        if (_grActive && GracefulRestartLocks == 0) EndGracefulRestart();
    }

    void EndGracefulRestart()
    {
        if (!_grActive) return;
        _grActive = false;
        _grTimer?.Dispose();
        _grTimer = null;
        _services.EndGracefulRestartRecovery();
        foreach (var bgp in _state.Protocols.OfType<BgpProtocol>())
        {
            bgp.GracefulRestartUnlocked -= OnGracefulRestartUnlocked;
            bgp.EndGracefulRestartRecovery();
        }
        foreach (var kernel in _state.Protocols.OfType<KernelProtocol>()) kernel.EndGracefulRestartWait();
        _logger.LogInformationGracefulRestartDone();
    }

    GracefulRestartView? GracefulRestartStatus()
    {
        if (!_grActive) return null;
        var total = _config.GracefulRestartWait;
        var elapsed = (int)(Now - _grStarted).TotalSeconds;
        return new GracefulRestartView(GracefulRestartLocks, Math.Max(0, total - elapsed), total);
    }
}

static class GracefulRestartLog
{
    public static void LogInformationGracefulRestartDone(this Microsoft.Extensions.Logging.ILogger logger) =>
        Microsoft.Extensions.Logging.LoggerExtensions.LogInformation(logger, "Graceful restart done");
}
