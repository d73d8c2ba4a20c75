using Bgpd.Control.Views;
using Bgpd.Netlink.Kernel;
using Bgpd.Rib.Protocols;

namespace Bgpd.Runtime;

/// <summary>Builds <c>show protocols [all]</c> views from running protocols.</summary>
public static class ProtocolViews
{
    public static ProtocolView Create(Protocol p, bool gracefulRestartActive)
    {
        var waiting = p is KernelProtocol { WaitingForGracefulRestart: true };
        var grRecovery = gracefulRestartActive && waiting ? "waiting" : null;
        var lines = new List<string>();
        if (p.Description is not null) lines.Add("  Description:    " + p.Description);
        if (p.Message is not null) lines.Add("  Message:        " + p.Message);
        if (p.MainChannel is { } channel) ProtocolStatsFormatter.AppendBasicInfo16(lines, channel);
        if (grRecovery is not null) lines.Add("  GR recovery:    " + grRecovery);
        p.AppendRouteStatistics(lines);
        p.AppendDetails(lines);
        return new ProtocolView
        {
            Name = p.Name,
            ClassName = p.ClassName,
            TableName = p.MainChannel?.Table.Name ?? "---",
            State = waiting && p.StateName == "up" ? "wait" : p.StateName,
            Since = p.Since,
            Info = p.Info,
            Description = p.Description,
            Message = p.Message,
            Preference = p.MainChannel?.Preference ?? p.DefaultPreference,
            DetailLines = lines,
        };
    }
}
