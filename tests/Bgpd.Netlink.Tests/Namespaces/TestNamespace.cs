using Bgpd.TestSupport;
using System.Diagnostics;

namespace Bgpd.Netlink.Tests.Namespaces;

/// <summary>A network namespace created for one test and always deleted (Dispose, plus a process-exit
/// sweep). Names are unique per run: <c>bgpdt-&lt;pid&gt;-&lt;n&gt;</c>.</summary>
public sealed class TestNamespace : IDisposable
{
    private static int _counter;
    private static readonly List<string> Live = [];

    static TestNamespace() => AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteAll();

    private TestNamespace(string name) => Name = name;

    public string Name { get; }

    /// <summary>Creates a namespace with lo up, or fails (CI=true) / skips (otherwise) when namespaces are unavailable.</summary>
    public static TestNamespace Create()
    {
        RequireRoot();
        var name = $"bgpdt-{Environment.ProcessId}-{Interlocked.Increment(ref _counter)}";
        var (code, output) = Run("ip", $"netns add {name}");
        if (code != 0)
            Unavailable($"cannot create network namespace: {output}");
        lock (Live)
            Live.Add(name);
        var ns = new TestNamespace(name);
        ns.Ip("link set lo up");
        return ns;
    }

    /// <summary>Runs <c>ip -n NS ARGS</c> and asserts success.</summary>
    public string Ip(string args)
    {
        var (code, output) = Run("ip", $"-n {Name} {args}");
        Assert.That(code, Is.EqualTo(0), $"ip -n {Name} {args}: {output}");
        return output;
    }

    /// <summary>Runs <c>ip -n NS ARGS</c> and returns the exit code (for commands expected to fail).</summary>
    public int TryIp(string args) => Run("ip", $"-n {Name} {args}").Code;

    /// <summary>Runs a command inside the namespace.</summary>
    public (int Code, string Output) Exec(string command, string args) => Run("ip", $"netns exec {Name} {command} {args}");

    /// <summary>A veth pair inside the namespace, both ends up, with an IPv4 address on the first end.</summary>
    public void AddVeth(string name, string peer, string? cidr = null)
    {
        Ip($"link add {name} type veth peer name {peer}");
        Ip($"link set {name} up");
        Ip($"link set {peer} up");
        if (cidr is not null)
            Ip($"addr add {cidr} dev {name}");
    }

    public void Dispose()
    {
        Run("ip", $"netns del {Name}");
        lock (Live)
            Live.Remove(Name);
    }

    private static void DeleteAll()
    {
        lock (Live)
        {
            foreach (var name in Live)
                Run("ip", $"netns del {name}");
            Live.Clear();
        }
    }

    public static void RequireRoot()
    {
        if (Environment.UserName != "root" && !OperatingSystem.IsLinux())
            Unavailable("network namespace tests need Linux");
        if (Environment.UserName != "root")
            Unavailable("network namespace tests need root");
    }

    private static void Unavailable(string reason)
    {
        Prerequisite.Unavailable($"namespace tests cannot run: {reason}");
    }

    public static (int Code, string Output) Run(string file, string args) => ProcessRunner.Run(file, args);
}
