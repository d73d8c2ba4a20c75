using System.Diagnostics;

namespace Bgpd.TestSupport;

/// <summary>Runs a helper command (ip, bird...) to completion with a time bound, output captured.</summary>
public static class ProcessRunner
{
    /// <summary>Exit code and stdout+stderr; -1 and a message when it did not finish within the bound (it is killed).</summary>
    public static (int Code, string Output) Run(string file, string args, int timeoutMs = 30_000)
    {
        var psi = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeoutMs))
        {
            p.Kill(true);
            return (-1, $"{file} {args}: timed out");
        }
        return (p.ExitCode, stdout.Result + stderr.Result);
    }
}
