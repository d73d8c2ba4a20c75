using Bgpd.Control.Views;

namespace Bgpd.Control.Renderers;

/// <summary><c>show status</c>, as BIRD 1.6.8 prints it (the version line says BIRD 1.6.8 on purpose: clients parse it).</summary>
public static class StatusRenderer
{
    public const string BirdVersion = "1.6.8";

    public static void Render(StatusView status, TimeFormats formats, IReplySink reply)
    {
        reply.Line(1000, "BIRD " + BirdVersion);
        reply.Line(1011, "Router ID is " + status.RouterId);
        reply.Line(1011, "Current server time is " + formats.Base.Render(status.Now, status.Now));
        reply.Line(1011, "Last reboot on " + formats.Base.Render(status.BootTime, status.Now));
        reply.Line(1011, "Last reconfiguration on " + formats.Base.Render(status.ReconfigurationTime, status.Now));
        if (status.GracefulRestart is { } gr)
        {
            reply.Line(24, "Graceful restart recovery in progress");
            reply.Line(24, $"  Waiting for {gr.WaitingProtocols} protocols to recover");
            reply.Line(24, $"  Wait timer is {gr.WaitRemaining}/{gr.WaitTotal}");
        }
        if (status.ShuttingDown) reply.Final(13, "Shutdown in progress");
        else if (status.Reconfiguring) reply.Final(13, "Reconfiguration in progress");
        else reply.Final(13, "Daemon is up and running");
    }
}
