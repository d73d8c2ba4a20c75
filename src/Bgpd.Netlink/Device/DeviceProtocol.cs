using Bgpd.Net;
using Bgpd.Netlink.Netlink;
using Bgpd.Netlink.Protocols;
using Bgpd.Rib;
using Bgpd.Rib.Protocols;
using Bgpd.Rib.Tables;

namespace Bgpd.Netlink.Device;

/// <summary>
/// BIRD's device protocol: tracks interfaces and addresses from netlink events, reconciles with a full
/// dump every <c>scan time</c>, forgets interfaces that vanish, and answers <c>show interfaces</c>.
/// It also is the <see cref="IInterfaceView"/> other protocols (static) resolve next hops with.
/// </summary>
public sealed class DeviceProtocol : Protocol, IInterfaceView, INetlinkListener
{
    private readonly NetlinkHub _hub;
    private ITimer? _scanTimer;

    public DeviceProtocol(string name, RoutingLoop loop, RoutingTable? table, DeviceOptions options, NetlinkHub hub)
        : base(name, loop)
    {
        Options = options ?? throw new ArgumentNullException(nameof(options));
        _hub = hub ?? throw new ArgumentNullException(nameof(hub));
        Interfaces = new InterfaceTable(options.Families, options.Primary);
        if (table is not null)
            AddChannel(table, options.Channel);
    }

    public override string ClassName => "Device";
    public override int DefaultPreference => 240;
    protected override bool AcceptsExports => false;

    public DeviceOptions Options { get; }

    /// <summary>The interfaces as this protocol sees them (its address families, its primary rules).</summary>
    public InterfaceTable Interfaces { get; }

    /// <summary>Full rescans done (periodic and after overruns).</summary>
    public int Scans { get; private set; }

    public event Action? Changed;

    /// <summary><c>show interfaces</c> reply lines (code, text) in BIRD 1.6 format.</summary>
    public IEnumerable<(int Code, string Text)> ShowInterfaces() => InterfaceRenderer.Show(Interfaces);

    /// <summary><c>show interfaces summary</c> reply lines (code, text) in BIRD 1.6 format.</summary>
    public IEnumerable<(int Code, string Text)> ShowInterfacesSummary() => InterfaceRenderer.Summary(Interfaces);

    protected override ProtocolState OnStart()
    {
        _hub.Attach(this);
        Scan();
        var period = TimeSpan.FromSeconds(Math.Max(1, Options.ScanTimeSeconds));
        _scanTimer = Loop.Time.CreateTimer(_ => Loop.Post(OnScanTimer), null, period, period);
        return ProtocolState.Up;
    }

    protected override ProtocolState OnStop()
    {
        _scanTimer?.Dispose();
        _scanTimer = null;
        _hub.Detach(this);
        return ProtocolState.Down;
    }

    private void OnScanTimer()
    {
        if (State == ProtocolState.Up)
            Scan();
    }

    /// <summary>Full interface rescan (also the <c>scan time</c> timer's work).</summary>
    public void Scan()
    {
        var changes = new List<InterfaceChange>();
        var (links, addresses) = _hub.ScanInterfaces([]);
        NetlinkHub.Reconcile(Interfaces, links, addresses, changes);
        Scans++;
        if (changes.Count > 0)
            Changed?.Invoke();
    }

    void INetlinkListener.OnNetlinkEvents(ReadOnlySpan<NetlinkEvent> events, IReadOnlyList<InterfaceChange> interfaceChanges)
    {
        // Route notifications (most of them) change no interface: no list for them.
        List<InterfaceChange>? changes = null;
        foreach (ref readonly var e in events)
        {
            switch (e.Kind)
            {
                case NetlinkEventKind.Link: Interfaces.ApplyLink(e.Link, false, changes ??= []); break;
                case NetlinkEventKind.LinkDeleted: Interfaces.ApplyLink(e.Link, true, changes ??= []); break;
                case NetlinkEventKind.Address: Interfaces.ApplyAddress(e.Address, false, changes ??= []); break;
                case NetlinkEventKind.AddressDeleted: Interfaces.ApplyAddress(e.Address, true, changes ??= []); break;
            }
        }
        if (changes is { Count: > 0 })
            Changed?.Invoke();
    }

    void INetlinkListener.OnNetlinkOverrun(IReadOnlyList<InterfaceChange> interfaceChanges)
    {
        if (State == ProtocolState.Up)
            Scan();
    }

    public bool TryGetInterface(string name, out InterfaceState state) => InterfaceLookup.TryGet(Interfaces, name, out state);

    public bool TryFindNeighbor(IpAddress gateway, string? interfaceName, out InterfaceState state) =>
        InterfaceLookup.TryFindNeighbor(Interfaces, gateway, interfaceName, out state);
}
