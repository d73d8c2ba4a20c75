using System.Diagnostics;
using Bgpd.Bgp.Io;
using Bgpd.Bgp.Protocol;
using Bgpd.Bgp.Session;
using Bgpd.Bgp.Wire;
using Bgpd.Net;
using Bgpd.Rib;
using Bgpd.Rib.Attributes;
using Bgpd.Rib.Filtering;
using Bgpd.Rib.Protocols;
using Bgpd.Rib.Tables;

namespace Bgpd.Bgp.Tests.Interop;

/// <summary>
/// What every interop test needs around the peer daemon: a namespace, a temp directory, the peer
/// processes started inside the namespace, and our routing loop with a master table. Disposing
/// stops the loop, kills the processes and removes the directory and the namespaces, in that order.
/// </summary>
internal sealed class InteropRig : IAsyncDisposable
{
    private readonly List<Process> _daemons = [];
    private readonly List<NetnsLab> _extraLabs = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;
    private FileStream? _hostLock;

    private InteropRig(NetnsLab lab, string tempPrefix, TableFamily family)
    {
        Lab = lab;
        Dir = Directory.CreateTempSubdirectory(tempPrefix).FullName;
        Loop = new RoutingLoop();
        _running = Task.Run(() => Loop.RunAsync(_stop.Token));
        Table = new RoutingTable("master", family, Loop);
        Origin = new OriginProtocol(Loop, Table);
    }

    public NetnsLab Lab { get; }
    public string Dir { get; }
    public RoutingLoop Loop { get; }
    public RoutingTable Table { get; }

    /// <summary>Our locally originated routes (not started until <see cref="StartAsync"/>).</summary>
    public OriginProtocol Origin { get; }

    /// <summary>Checks the prerequisites (fail in CI, skip elsewhere), then builds the namespace and the loop.</summary>
    public static InteropRig Create(string ourAddress, string peerAddress, int prefixLength, string tag, string tempPrefix,
        TableFamily family = TableFamily.Ipv4, params string[] tools)
    {
        NetnsLab.Require(tools);
        var hostLock = AcquireHostLock();
        NetnsLab? lab = null;
        try
        {
            lab = new NetnsLab(ourAddress, peerAddress, prefixLength, tag);
            return new InteropRig(lab, tempPrefix, family) { _hostLock = hostLock };
        }
        catch
        {
            lab?.Dispose();
            hostLock.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Test runs in other processes (helpers share this machine) use the same root-namespace addresses;
    /// an exclusive lock file serialises the rigs across processes. The kernel drops it if a run dies.
    /// </summary>
    private static FileStream AcquireHostLock()
    {
        var clock = Stopwatch.StartNew();
        var lastError = "";
        while (clock.Elapsed < TimeSpan.FromSeconds(180))
        {
            try
            {
                return new FileStream(HostLockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException e)
            {
                lastError = e.Message;
                Thread.Sleep(200); // another process's rig holds the lock: poll, bounded by the loop condition
            }
        }
        throw new TimeoutException($"{HostLockPath} stayed locked for 180 s (another test run?): {lastError}");
    }

    private static readonly string HostLockPath = Path.Combine(Path.GetTempPath(), "bgpd-bgp-interop.lock");

    public string PathOf(string fileName) => Path.Combine(Dir, fileName);

    /// <summary>A file's text for failure messages; never throws.</summary>
    public string ReadOrNote(string fileName) => File.Exists(PathOf(fileName)) ? File.ReadAllText(PathOf(fileName)) : $"(no {fileName})";

    /// <summary>Another namespace on its own veth pair (for a second peer that must not share the first's addresses); removed on dispose.</summary>
    public NetnsLab AddLab(string ourAddress, string peerAddress, int prefixLength, string tag)
    {
        var lab = new NetnsLab(ourAddress, peerAddress, prefixLength, tag);
        _extraLabs.Add(lab);
        return lab;
    }

    /// <summary>Starts a long-running daemon inside the namespace (or <paramref name="lab"/>); it is killed on dispose.</summary>
    public Process StartDaemon(string commandLine, NetnsLab? lab = null)
    {
        // `ip netns exec` execs the command, so the process is the daemon itself (kill -9 reaches it).
        var process = Process.Start(new ProcessStartInfo("ip", $"netns exec {(lab ?? Lab).Name} {commandLine}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        _daemons.Add(process);
        return process;
    }

    /// <summary>Runs a short command (a CLI) inside the namespace (or <paramref name="lab"/>) and returns its output, whatever its exit code.</summary>
    public string Exec(string commandLine, NetnsLab? lab = null) => NetnsLab.Run("ip", $"netns exec {(lab ?? Lab).Name} {commandLine}", check: false);

    /// <summary>A BGP protocol on our table (or <paramref name="table"/>), importing and exporting everything.</summary>
    public BgpProtocol AddPeer(string name, BgpProtocolOptions options, BgpListener? listener = null, RoutingTable? table = null) =>
        BgpProtocol.Create(name, Loop, table ?? Table, new ChannelOptions { ImportFilter = Filters.All, ExportFilter = Filters.All }, options, listener, new LabInterfaces(this));

    /// <summary>
    /// The root side of the rig's veth links as the device protocol would report them, so next hops on
    /// them resolve (BIRD would need `protocol direct` for that; the rig's table has no device routes).
    /// </summary>
    private sealed class LabInterfaces(InteropRig rig) : Rib.Protocols.IInterfaceView
    {
        private IEnumerable<NetnsLab> Labs => rig._extraLabs.Prepend(rig.Lab);

        public bool TryGetInterface(string name, out Rib.Protocols.InterfaceState state)
        {
            var lab = Labs.FirstOrDefault(l => l.RootIf == name);
            state = lab is null ? default : State(lab);
            return lab is not null;
        }

        public bool TryFindNeighbor(IpAddress gateway, string? interfaceName, out Rib.Protocols.InterfaceState state)
        {
            var lab = Labs.FirstOrDefault(l => l.Connected.Contains(gateway) && gateway != l.RootAddress && (interfaceName is null || interfaceName == l.RootIf));
            state = lab is null ? default : State(lab);
            return lab is not null;
        }

        private static Rib.Protocols.InterfaceState State(NetnsLab lab)
        {
            var index = File.Exists($"/sys/class/net/{lab.RootIf}/ifindex")
                ? int.Parse(File.ReadAllText($"/sys/class/net/{lab.RootIf}/ifindex").Trim(), System.Globalization.CultureInfo.InvariantCulture) : 0;
            return new Rib.Protocols.InterfaceState(lab.RootIf, index, true);
        }

        public event Action? Changed { add { } remove { } }
    }

    /// <summary>Session options with short connect and error timers so a test converges in seconds.</summary>
    public static SessionOptions FastSession(uint localAs, uint peerAs, string localId, string peerAddress, BgpFamily family,
        AddPathMode addPath = AddPathMode.None) => new()
        {
            LocalAs = localAs,
            PeerAs = peerAs,
            LocalId = IpAddress.Parse(localId).V4Value,
            PeerAddress = IpAddress.Parse(peerAddress),
            ConnectDelayTime = 1,
            ConnectRetryTime = 3,
            ErrorWaitTimeMin = 1,
            ErrorWaitTimeMax = 5,
            Capabilities = SessionOptions.DefaultCapabilities([family], localAs, addPath),
        };

    /// <summary>Starts the origin (announcing <paramref name="originated"/>) and the given protocols on the loop.</summary>
    public Task StartAsync(IEnumerable<string> originated, params Rib.Protocols.Protocol[] protocols) => Loop.InvokeAsync(() =>
    {
        Origin.Start();
        foreach (var prefix in originated) Origin.Announce(Prefix.Parse(prefix));
        foreach (var protocol in protocols) protocol.Start();
    });

    /// <summary>The best route's attributes for a prefix in our table (or <paramref name="table"/>), null when none.</summary>
    public Task<RouteAttributes?> BestAsync(string prefix, RoutingTable? table = null) =>
        Loop.InvokeAsync(() => (table ?? Table).Find(Prefix.Parse(prefix))?.Best?.Attributes);

    /// <summary>Polls every 100 ms for at most 30 s; fails with <paramref name="diagnostics"/> when it never holds.</summary>
    public static async Task Until(Func<Task<bool>> condition, string what, Func<string>? diagnostics = null)
    {
        var clock = Stopwatch.StartNew();
        for (var attempt = 0; attempt < 600 && clock.Elapsed < TimeSpan.FromSeconds(30); attempt++)
        {
            if (await condition()) return;
            await Task.Delay(100);
        }
        Assert.Fail($"{what} did not happen within 30 s" + (diagnostics is null ? "" : "\n" + diagnostics()));
    }

    /// <summary>Polls a CLI command inside the namespace until its output contains <paramref name="expected"/>; returns that output.</summary>
    public async Task<string> UntilOutput(string commandLine, string expected, string what, Func<string>? diagnostics = null, NetnsLab? lab = null)
    {
        var output = "";
        await Until(() => Task.FromResult((output = Exec(commandLine, lab)).Contains(expected, StringComparison.Ordinal)), what,
            () => output + (diagnostics is null ? "" : "\n" + diagnostics()));
        return output;
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        foreach (var daemon in _daemons)
        {
            try { daemon.Kill(true); } catch (InvalidOperationException) { }
            daemon.WaitForExit(5000);
            daemon.Dispose();
        }
        try { await _running; } catch (OperationCanceledException) { }
        _stop.Dispose();
        try { Directory.Delete(Dir, true); } catch (IOException) { }
        foreach (var lab in _extraLabs) lab.Dispose();
        Lab.Dispose();
        _hostLock?.Dispose();
    }

    /// <summary>Originates blackhole routes, standing in for a static protocol.</summary>
    internal sealed class OriginProtocol : Rib.Protocols.Protocol
    {
        public OriginProtocol(RoutingLoop loop, RoutingTable table) : base("origin1", loop) => AddChannel(table, new ChannelOptions());
        public override string ClassName => "Static";
        public override int DefaultPreference => 200;
        protected override bool AcceptsExports => false;

        public void Announce(Prefix prefix) =>
            MainChannel!.Update(prefix, new RouteAttributes(this, RouteSource.Static, RouteDest.Blackhole));
    }
}
