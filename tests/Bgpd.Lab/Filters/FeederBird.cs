using System.Diagnostics;
using Bgpd.LabTool.Lab;
using NUnit.Framework;

namespace Bgpd.Lab.Filters;

/// <summary>
/// A BIRD 1.6 inside a test namespace that only originates routes over BGP (the daemon under test
/// gets real RTS_BGP routes with the attributes the feeder's export filter sets). Disposing kills it.
/// </summary>
public sealed class FeederBird : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("bgpdt-feed-").FullName;
    private readonly Process process;

    public FeederBird(string ns, string config, bool ipv6 = false)
    {
        var conf = Path.Combine(dir, "feeder.conf");
        File.WriteAllText(conf, config);
        var psi = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "netns", "exec", ns, ipv6 ? "/usr/sbin/bird6" : DaemonBinaries.Bird, "-f", "-c", conf, "-s", Path.Combine(dir, "ctl") })
            psi.ArgumentList.Add(a);
        process = Process.Start(psi)!;
        process.OutputDataReceived += (_, e) => { if (e.Data != null) TestContext.Progress.WriteLine($"[feeder] {e.Data}"); };
        process.ErrorDataReceived += (_, e) => { if (e.Data != null) TestContext.Progress.WriteLine($"[feeder] {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public void Dispose()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(true);
                process.WaitForExit(10_000);
            }
        }
        finally
        {
            process.Dispose();
            try { Directory.Delete(dir, true); }
            catch (IOException) { /* the socket may linger briefly */ }
        }
    }
}
