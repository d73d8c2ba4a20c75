using System.Diagnostics;

namespace Bgpd.Daemon;

/// <summary>
/// Detaches like BIRD's fork+setsid: .NET cannot fork, so the parent re-executes the same binary
/// with stdio on /dev/null and a hidden flag (the child calls setsid itself), waits until the child's control
/// socket answers (or the child dies) and exits with the matching status.
/// </summary>
public static class Daemonizer
{
    public static int SpawnDetached(IReadOnlyList<string> args, string socketPath, TimeSpan timeout)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("cannot find own executable");
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec \"$0\" \"$@\" </dev/null >/dev/null 2>&1");
        if (IsDotnetHost(self))
        {
            start.ArgumentList.Add(self);
            start.ArgumentList.Add(typeof(Daemonizer).Assembly.Location);
        }
        else
        {
            start.ArgumentList.Add(self);
        }
        foreach (var a in args) start.ArgumentList.Add(a);
        start.ArgumentList.Add(CommandLine.DetachedFlag);
        using var child = Process.Start(start) ?? throw new InvalidOperationException("cannot start detached daemon");
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (child.HasExited) return child.ExitCode == 0 ? 1 : child.ExitCode;
            if (Control.ControlServer.AnotherInstanceAnswers(socketPath)) return 0;
            Thread.Sleep(50);
        }
        Console.Error.WriteLine("bgpd: daemon did not open its control socket in time");
        return 1;
    }

    static bool IsDotnetHost(string path) => Path.GetFileNameWithoutExtension(path) == "dotnet";
}
