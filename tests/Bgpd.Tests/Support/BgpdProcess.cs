using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Bgpd.Tests.Support;

/// <summary>
/// The real built <c>bgpd</c> running in the foreground on a config in a temp directory, with its
/// control socket there too. Disposing stops it (SIGTERM, then kill) and removes the directory.
/// </summary>
public sealed class BgpdProcess : IDisposable
{
    readonly StringBuilder _stderr = new();
    readonly StringBuilder _stdout = new();

    public TempDir Dir { get; }
    public string ConfigPath { get; }
    public string SocketPath { get; }
    public Process Process { get; }

    BgpdProcess(TempDir dir, string configPath, string socketPath, Process process)
    {
        Dir = dir;
        ConfigPath = configPath;
        SocketPath = socketPath;
        Process = process;
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_stderr) _stderr.AppendLine(e.Data); };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_stdout) _stdout.AppendLine(e.Data); };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
    }

    /// <summary>
    /// The build's bgpd beside the tests, or <c>BGPD_TEST_BIN</c> when set: the end-to-end tests then run
    /// against another build of the daemon, e.g. the trimmed self-contained publish users install.
    /// </summary>
    public static string Executable => Environment.GetEnvironmentVariable("BGPD_TEST_BIN") is { Length: > 0 } bin
        ? bin
        : Path.Combine(TestContext.CurrentContext.TestDirectory, "bgpd");

    public string Stderr { get { lock (_stderr) return _stderr.ToString(); } }

    /// <summary>Starts bgpd with <c>-f -c CONF -s SOCK</c> (plus <paramref name="extraArgs"/>) and waits for its socket.</summary>
    public static BgpdProcess Start(string config, params string[] extraArgs)
    {
        var dir = new TempDir();
        var configPath = dir.Write("bird.conf", config);
        var socketPath = Path.Combine(dir.Path, "bgpd.ctl");
        var process = Run(["-f", "-c", configPath, "-s", socketPath, .. extraArgs], dir.Path);
        var bgpd = new BgpdProcess(dir, configPath, socketPath, process);
        bgpd.WaitForSocket();
        return bgpd;
    }

    public static Process Run(IEnumerable<string> args, string workingDirectory)
    {
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var a in args) start.ArgumentList.Add(a);
        return Process.Start(start) ?? throw new InvalidOperationException("cannot start bgpd");
    }

    void WaitForSocket()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (Process.HasExited) throw new InvalidOperationException($"bgpd exited with {Process.ExitCode}: {Stderr}");
            if (SocketAnswers(SocketPath)) return;
            Thread.Sleep(50);
        }
        throw new TimeoutException("bgpd did not open its control socket: " + Stderr);
    }

    public static bool SocketAnswers(string path)
    {
        if (!File.Exists(path)) return false;
        using var s = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            s.Connect(new UnixDomainSocketEndPoint(path));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public RawClient Connect() => RawClient.Connect(SocketPath);

    /// <summary>Sends SIGTERM (or <paramref name="signal"/>) and waits (bounded) for the exit code.</summary>
    public int Terminate(int timeoutMs = 15000, string signal = "TERM")
    {
        Signals.Send(Process.Id, signal);
        if (!Process.WaitForExit(timeoutMs)) throw new TimeoutException($"bgpd did not exit after SIG{signal}");
        Process.WaitForExit();
        return Process.ExitCode;
    }

    public void Dispose()
    {
        try
        {
            if (!Process.HasExited)
            {
                Signals.Send(Process.Id, "TERM");
                if (!Process.WaitForExit(10000)) Process.Kill(entireProcessTree: true);
            }
        }
        finally
        {
            Process.Dispose();
            Dir.Dispose();
        }
    }
}
