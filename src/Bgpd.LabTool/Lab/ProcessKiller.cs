using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Bgpd.LabTool.Lab;

/// <summary>Ends one process by pid: SIGTERM, a bounded wait, then SIGKILL.</summary>
public static partial class ProcessKiller
{
    private const int SigTerm = 15;
    private const int SigKill = 9;

    public static void Terminate(int pid, TimeSpan grace)
    {
        if (Kill(pid, SigTerm) != 0)
        {
            return; // Already gone.
        }

        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < grace)
        {
            if (!IsRunning(pid))
            {
                return;
            }

            Thread.Sleep(20);
        }

        Kill(pid, SigKill);
        clock.Restart();
        while (IsRunning(pid) && clock.Elapsed < TimeSpan.FromSeconds(5))
        {
            Thread.Sleep(20);
        }
    }

    /// <summary>A process counts as gone once it is a zombie: its parent reaps it, not us.</summary>
    public static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var close = stat.LastIndexOf(')');
            return close + 2 < stat.Length && stat[close + 2] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
