using System.Diagnostics;
using Bgpd.LabTool.Shell;
using Bgpd.LabTool.Topology;

namespace Bgpd.LabTool.Lab;

/// <summary>Starts, checks and stops one node's routing daemon inside its namespace.</summary>
public static class DaemonProcess
{
    /// <summary>
    /// Starts the daemon in the foreground (<c>-f -c CONF -s SOCK</c>, BIRD's command line) in its own
    /// session, output appended to the node's log, and returns its pid (sh and setsid exec into it).
    /// </summary>
    public static DaemonRecord Start(string lab, string node, DaemonKind kind)
    {
        var config = LabNames.ConfigFile(lab, node);
        var socket = LabNames.ControlSocket(lab, node);
        File.Delete(socket);
        var argv = new List<string> { "setsid", "ip", "netns", "exec", LabNames.Namespace(lab, node) };
        argv.AddRange(DaemonBinaries.CommandFor(kind));
        argv.AddRange(["-f", "-c", config, "-s", socket]);
        var script = "exec " + string.Join(' ', argv.Select(Quote)) + $" </dev/null >>{Quote(LabNames.LogFile(lab, node))} 2>&1";

        var info = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(script);
        using var process = Process.Start(info) ?? throw new LabException($"cannot start the daemon of {node}");
        return new DaemonRecord(node, kind == DaemonKind.Bird ? "bird" : "bgpd", process.Id, config);
    }

    /// <summary>Waits (bounded) until the control socket answers; throws with the log's tail if it never does.</summary>
    public static void WaitReady(string lab, DaemonRecord daemon, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            // Only the pid: while sh, setsid and ip exec their way into the daemon, its command
            // line can read empty for a moment.
            if (!ProcessKiller.IsRunning(daemon.Pid))
            {
                throw new LabException($"{daemon.Kind} on {daemon.Node} exited during start-up:\n{LogTail(lab, daemon.Node)}");
            }

            if (File.Exists(LabNames.ControlSocket(lab, daemon.Node))
                && Birdc.Query(lab, daemon.Node, "show status", TimeSpan.FromSeconds(2)).StandardOutput.Contains("Daemon is up", StringComparison.Ordinal))
            {
                return;
            }

            Thread.Sleep(50);
        }

        throw new LabException($"{daemon.Kind} on {daemon.Node} did not answer on its control socket within {timeout.TotalSeconds:0} s:\n{LogTail(lab, daemon.Node)}");
    }

    /// <summary>True while the recorded pid still runs the daemon we started (guards against pid reuse).</summary>
    public static bool IsAlive(DaemonRecord daemon)
    {
        try
        {
            var cmdline = File.ReadAllText($"/proc/{daemon.Pid}/cmdline");
            return ProcessKiller.IsRunning(daemon.Pid) && cmdline.Contains(daemon.ConfigFile, StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>SIGTERM, then SIGKILL after a bounded wait.</summary>
    public static void Stop(DaemonRecord daemon, TimeSpan grace)
    {
        if (!IsAlive(daemon))
        {
            return;
        }

        ProcessKiller.Terminate(daemon.Pid, grace);
    }

    public static long ResidentKilobytes(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }

    public static string LogTail(string lab, string node, int lines = 15)
    {
        var path = LabNames.LogFile(lab, node);
        return File.Exists(path) ? string.Join('\n', File.ReadLines(path).TakeLast(lines)) : "(no log)";
    }

    private static string Quote(string s) => "'" + s.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
