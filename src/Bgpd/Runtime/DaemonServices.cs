using Bgpd.Rib.Protocols;

namespace Bgpd.Runtime;

/// <summary>Things protocols may need from the daemon (interfaces from the device protocol, the -R flag).</summary>
public sealed class DaemonServices
{
    /// <summary>Interface view once a device protocol provides one; null until then.</summary>
    public IInterfaceView? Interfaces { get; set; }
    /// <summary><c>-R</c>: protocols start in graceful-restart recovery.</summary>
    public bool GracefulRestartRecovery { get; init; }
}
