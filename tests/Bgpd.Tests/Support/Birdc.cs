using System.Diagnostics;

namespace Bgpd.Tests.Support;

/// <summary>Runs Debian's real <c>birdc</c> (BIRD 1.6.8's client) against a socket.</summary>
public static class Birdc
{
    public const string Path = "/usr/sbin/birdc";

    /// <summary>Fails in CI, skips elsewhere, when birdc is not installed.</summary>
    public static void Require() => RealPeers.Require(Path, "birdc (package bird 1.6.8)");

    public static string Run(string socket, params string[] args)
    {
        var start = new ProcessStartInfo(Path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-s");
        start.ArgumentList.Add(socket);
        foreach (var a in args) start.ArgumentList.Add(a);
        using var p = Process.Start(start)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(20000))
        {
            p.Kill();
            throw new TimeoutException("birdc hung");
        }
        return stdout.Result + stderr.Result;
    }
}
