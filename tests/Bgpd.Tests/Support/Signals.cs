using System.Diagnostics;

namespace Bgpd.Tests.Support;

/// <summary>Sends a signal to a process with /bin/kill (tests keep P/Invoke out).</summary>
public static class Signals
{
    public static void Send(int pid, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("/bin/kill") { ArgumentList = { "-" + signal, pid.ToString() }, UseShellExecute = false })!;
        kill.WaitForExit(5000);
    }
}
