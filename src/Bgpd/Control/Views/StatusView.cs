using Bgpd.Net;

namespace Bgpd.Control.Views;

/// <summary>What <c>show status</c> reports.</summary>
public sealed record StatusView(
    IpAddress RouterId,
    DateTimeOffset Now,
    DateTimeOffset BootTime,
    DateTimeOffset ReconfigurationTime,
    bool ShuttingDown,
    bool Reconfiguring,
    GracefulRestartView? GracefulRestart);

/// <summary>Graceful-restart recovery status (after <c>bgpd -R</c>).</summary>
public sealed record GracefulRestartView(int WaitingProtocols, int WaitRemaining, int WaitTotal);
