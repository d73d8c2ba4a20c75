using System.Diagnostics;
using System.Text;

namespace Bgpd.Tests.Support;

/// <summary>
/// Debian's BIRD 1.6.8 started on a config for a side-by-side test (fails in CI, skips elsewhere when
/// bird or birdc is missing). Collects stderr; disposing stops it (TERM, then kill).
/// </summary>
public sealed class BirdDaemon : IDisposable
{
    public const string BirdPath = "/usr/sbin/bird";

    readonly StringBuilder _stderr = new();

    BirdDaemon(Process process, string socketPath)
    {
        Process = process;
        SocketPath = socketPath;
    }

    public Process Process { get; }
    public string SocketPath { get; }
    public string Stderr { get { lock (_stderr) return _stderr.ToString(); } }

    /// <summary>Runs <c>bird -f -c CONF -s SOCKET</c> plus <paramref name="extraArgs"/> and waits (bounded) until the socket answers.</summary>
    public static BirdDaemon Start(string configPath, string socketPath, params string[] extraArgs)
    {
        RealPeers.Require(BirdPath, "bird (package bird 1.6.8)");
        Birdc.Require();
        var start = new ProcessStartInfo(BirdPath) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { "-f", "-c", configPath, "-s", socketPath }.Concat(extraArgs)) start.ArgumentList.Add(a);
        var bird = new BirdDaemon(Process.Start(start)!, socketPath);
        bird.Process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (bird._stderr) bird._stderr.Append(e.Data).Append('\n'); };
        bird.Process.BeginErrorReadLine();
        bird.Process.OutputDataReceived += (_, _) => { };
        bird.Process.BeginOutputReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!BgpdProcess.SocketAnswers(socketPath) && DateTime.UtcNow < deadline && !bird.Process.HasExited) Thread.Sleep(50);
        if (!BgpdProcess.SocketAnswers(socketPath))
        {
            bird.Dispose();
            Assert.Fail("bird did not start: " + bird.Stderr);
        }
        return bird;
    }

    public void Dispose()
    {
        if (!Process.HasExited)
        {
            Signals.Send(Process.Id, "TERM");
            if (!Process.WaitForExit(10000)) Process.Kill();
        }
        Process.Dispose();
    }
}
