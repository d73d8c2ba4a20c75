using Bgpd.Control;

namespace Bgpd.Runtime;

/// <summary>The running router as the host sees it: start, reconfigure (SIGHUP), stop.</summary>
public interface IDaemonRuntime : IDaemonControl, IAsyncDisposable
{
    /// <summary>Raised (on any thread) when <c>down</c> asks the daemon to exit.</summary>
    event Action? ShutdownRequested;

    Task StartAsync();
    Task StopAsync();
}
