using Bgpd.TestSupport;
using System.Diagnostics;
using Bgpd.LabTool.Lab;
using Bgpd.LabTool.Shell;
using Bgpd.LabTool.Topology;
using NUnit.Framework;

namespace Bgpd.Lab.Kernel;

/// <summary>
/// One namespace with the interfaces of a Calico compute node (veths named rsv16, tap1, tunl0, cali1234)
/// and a routing daemon (BIRD 1.6 or bgpd) running inside it on a given config. Always cleaned up:
/// Dispose stops the daemon and deletes the namespace; a process-exit hook sweeps leftovers.
/// </summary>
public sealed class KernelLabHost : IDisposable
{
    private static int _counter;
    private static readonly List<string> LiveNamespaces = [];
    private readonly string _dir;
    private Process? _daemon;

    static KernelLabHost() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        lock (LiveNamespaces)
            foreach (var ns in LiveNamespaces)
                Run("ip", $"netns del {ns}");
    };

    public KernelLabHost(DaemonKind kind, bool ipv6 = false)
    {
        Kind = kind;
        Ipv6 = ipv6;
        Namespace = $"bgpdt-{Environment.ProcessId}-{Interlocked.Increment(ref _counter)}-{(kind == DaemonKind.Bird ? "bird" : "bgpd")}";
        _dir = Directory.CreateTempSubdirectory("bgpdt-").FullName;
        Require(Run("ip", $"netns add {Namespace}"));
        lock (LiveNamespaces)
            LiveNamespaces.Add(Namespace);
        Ip("link set lo up");
        AddVeth("rsv16", "10.99.0.1/24");
        if (ipv6)
            Ip("addr add fd00:99::1/64 dev rsv16 nodad");
        AddVeth("tap1", null);
        AddVeth("tunl0", null);
        AddVeth("cali1234", "192.168.16.1/32");
    }

    public DaemonKind Kind { get; }
    /// <summary>Run the IPv6 daemon: Debian's <c>bird6</c>, or <c>bgpd -6</c>.</summary>
    public bool Ipv6 { get; }
    public string Namespace { get; }
    public string ControlSocket => Path.Combine(_dir, "ctl");

    /// <summary>Skips (or fails under CI=true) when the machine cannot run these tests.</summary>
    public static void RequirePrerequisites()
    {
        var missing = new List<string>();
        if (!Environment.IsPrivilegedProcess)
            missing.Add("root");
        if (!File.Exists(DaemonBinaries.Bird))
            missing.Add(DaemonBinaries.Bird);
        if (!File.Exists(Bgpd.LabTool.Lab.Birdc.Program))
            missing.Add(Bgpd.LabTool.Lab.Birdc.Program);
        try
        {
            DaemonBinaries.CommandFor(DaemonKind.Bgpd);
        }
        catch (LabException e)
        {
            missing.Add(e.Message);
        }
        if (missing.Count == 0)
            return;
        var reason = "kernel lab tests need " + string.Join(", ", missing);
        Prerequisite.Unavailable(reason);
    }

    public string Ip(string args)
    {
        var (code, output) = Run("ip", $"-n {Namespace} {args}");
        Assert.That(code, Is.EqualTo(0), $"ip -n {Namespace} {args}: {output}");
        return output;
    }

    /// <summary>The kernel's main IPv4 table, one route per line (continuation lines joined), sorted.</summary>
    public string KernelTable(string family = "-4")
    {
        var text = Ip($"{family} route show table main").Replace("\n\t", " ");
        return string.Join('\n', text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()).Order(StringComparer.Ordinal));
    }

    /// <summary>Starts the daemon in the foreground inside the namespace on <paramref name="config"/>.</summary>
    public void Start(string config, string extraArgs = "")
    {
        var configPath = Path.Combine(_dir, "bird.conf");
        File.WriteAllText(configPath, config);
        IReadOnlyList<string> command = Kind == DaemonKind.Bird && Ipv6 ? ["/usr/sbin/bird6"] : DaemonBinaries.CommandFor(Kind);
        var args = new List<string> { "netns", "exec", Namespace };
        args.AddRange(command);
        args.AddRange(["-f", "-c", configPath, "-s", ControlSocket]);
        if (Kind == DaemonKind.Bird)
            args.AddRange(["-P", Path.Combine(_dir, "pid")]);
        else if (Ipv6)
            args.Add("-6");
        args.AddRange(extraArgs.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        var psi = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        _daemon = Process.Start(psi)!;
        _daemon.OutputDataReceived += (_, e) => Log(e.Data);
        _daemon.ErrorDataReceived += (_, e) => Log(e.Data);
        _daemon.BeginOutputReadLine();
        _daemon.BeginErrorReadLine();
        var ready = Poll(() => File.Exists(ControlSocket) && Birdc("show status").Contains("Daemon is up"), TimeSpan.FromSeconds(20));
        Assert.That(ready, Is.True, $"{Kind} did not come up in {Namespace}");
    }

    /// <summary>Stops the daemon with SIGTERM (a clean shutdown, as systemd does) and waits for it.</summary>
    public void Stop()
    {
        if (_daemon is null || _daemon.HasExited)
            return;
        Run("kill", $"-TERM {_daemon.Id}");
        if (!_daemon.WaitForExit(15_000))
            _daemon.Kill(true);
        _daemon = null;
    }

    public string Birdc(string command) => Run(Ipv6 && Kind == DaemonKind.Bird ? "/usr/sbin/birdc6" : Bgpd.LabTool.Lab.Birdc.Program, $"-s {ControlSocket} {command}").Output;

    public static bool Poll(Func<bool> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (condition())
                return true;
            Thread.Sleep(20);
        }
        return condition();
    }

    public void Dispose()
    {
        try
        {
            Stop();
        }
        finally
        {
            Run("ip", $"netns del {Namespace}");
            lock (LiveNamespaces)
                LiveNamespaces.Remove(Namespace);
            try { Directory.Delete(_dir, true); }
            catch (IOException) { /* a daemon may still hold its socket briefly */ }
        }
    }

    private void AddVeth(string name, string? cidr)
    {
        Ip($"link add {name} type veth peer name {name}p");
        Ip($"link set {name} up");
        Ip($"link set {name}p up");
        if (cidr is not null)
            Ip($"addr add {cidr} dev {name}");
    }

    private void Log(string? line)
    {
        if (line is not null)
            TestContext.Progress.WriteLine($"[{Kind}] {line}");
    }

    private static void Require((int Code, string Output) result) =>
        Assert.That(result.Code, Is.EqualTo(0), result.Output);

    public static (int Code, string Output) Run(string file, string args) => ProcessRunner.Run(file, args);
}
