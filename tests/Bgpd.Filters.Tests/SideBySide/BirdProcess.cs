using System.Diagnostics;

namespace Bgpd.Filters.Tests.SideBySide;

/// <summary>A real BIRD 1.6 daemon on a private control socket in a temp dir, stopped on dispose.</summary>
internal sealed class BirdProcess : IDisposable
{
    private readonly Process process;
    private readonly string dir;
    private readonly string socket;

    private BirdProcess(Process process, string dir, string socket)
    {
        this.process = process;
        this.dir = dir;
        this.socket = socket;
    }

    public static string? FindBinary(string name) =>
        Environment.GetEnvironmentVariable("PATH")?.Split(':').Select(p => Path.Combine(p, name)).FirstOrDefault(File.Exists);

    public static BirdProcess Start(string config)
    {
        var dir = Directory.CreateTempSubdirectory("bgpd-filters-bird-").FullName;
        var conf = Path.Combine(dir, "bird.conf");
        var socket = Path.Combine(dir, "bird.ctl");
        File.WriteAllText(conf, config);
        var psi = new ProcessStartInfo(FindBinary("bird")!, ["-f", "-c", conf, "-s", socket, "-P", Path.Combine(dir, "bird.pid")])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        var process = Process.Start(psi)!;
        var bird = new BirdProcess(process, dir, socket);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!File.Exists(socket))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                var err = process.HasExited ? process.StandardError.ReadToEnd() : "timeout";
                bird.Dispose();
                throw new InvalidOperationException("bird did not start: " + err);
            }
            Thread.Sleep(20);
        }
        return bird;
    }

    /// <summary>Runs <c>eval EXPR</c> through birdc and returns BIRD's reply text (without the greeting).</summary>
    public string Eval(string expr)
    {
        var psi = new ProcessStartInfo(FindBinary("birdc")!, ["-s", socket, "eval " + expr]) { RedirectStandardOutput = true };
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd();
        if (!p.WaitForExit(10_000)) p.Kill();
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1);
        return string.Join("\n", lines).Trim();
    }

    public void Dispose()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill();
                process.WaitForExit(5000);
            }
        }
        finally
        {
            process.Dispose();
            Directory.Delete(dir, recursive: true);
        }
    }
}
