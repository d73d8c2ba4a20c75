using Bgpd.Net;
using Bgpd.Rib.Attributes;
using Bgpd.Rib.Protocols;
using Bgpd.Rib.Tables;

namespace Bgpd.Rib.Tests.Support;

/// <summary>A protocol driven by the test: announces what it is told and records what it is sent.</summary>
public sealed class TestProtocol : Protocol
{
    private readonly string _className;
    private readonly int _defaultPreference;
    private readonly RouteSource _source;

    public TestProtocol(string name, RoutingLoop loop, RoutingTable table, string className = "Test", int defaultPreference = 100,
        ChannelOptions? options = null, RouteSource source = RouteSource.Static)
        : base(name, loop)
    {
        _className = className;
        _defaultPreference = defaultPreference;
        _source = source;
        Channel = AddChannel(table, options ?? new ChannelOptions { ExportFilter = Rib.Filtering.Filters.All });
    }

    public override string ClassName => _className;
    public override int DefaultPreference => _defaultPreference;
    /// <summary>Behave as the kernel protocol: keep the krt_metric/krt_source an import filter sets.</summary>
    public bool KeepsTemporaryAttributes { get; set; }
    public override bool StoresTemporaryAttributes => KeepsTemporaryAttributes;
    public Channel Channel { get; }
    public List<RouteExport> Exports { get; } = [];
    public Func<Route, Route, bool>? Better { get; set; }
    /// <summary>When set, start and stop complete only when the test calls <see cref="Complete"/> (like a BGP session).</summary>
    public bool Asynchronous { get; set; }

    public void Complete(ProtocolState state) => SetState(state);

    protected override ProtocolState OnStart() => Asynchronous ? ProtocolState.Start : ProtocolState.Up;

    protected override bool ChangesStateLater => Asynchronous;

    /// <summary>False for an origin-only protocol (static, direct): the table sends it nothing.</summary>
    public bool TakesExports { get; set; } = true;

    protected override bool AcceptsExports => TakesExports;

    protected override ProtocolState OnStop() => Asynchronous ? ProtocolState.Stop : ProtocolState.Down;
    public Func<Route, ExportPrecheck>? Precheck { get; set; }
    public bool Mergeable { get; set; }
    public bool Waiting { get; set; }

    protected override bool ExportsWaiting => Waiting;

    protected override bool IsMergeable(Route primary, Route secondary) => Mergeable;

    public RouteAttributes Attributes(IpAddress gateway, EaList? eas = null) =>
        new(this, _source, RouteDest.Router, [new NextHop(gateway, "eth0", 2)], eas);

    public RouteAttributes Blackhole(EaList? eas = null) => new(this, _source, RouteDest.Blackhole, attributes: eas);

    public void Announce(string prefix, RouteAttributes? attributes = null, int? preference = null) =>
        Channel.Update(Prefix.Parse(prefix), attributes ?? Blackhole(), preference);

    public void Withdraw(string prefix) => Channel.Withdraw(Prefix.Parse(prefix));

    protected override void OnExport(Channel channel, in RouteExport change) => Exports.Add(change);

    protected override bool IsBetter(Route candidate, Route current) => Better?.Invoke(candidate, current) ?? false;

    protected override ExportPrecheck PrecheckExport(Channel channel, Route route) => Precheck?.Invoke(route) ?? ExportPrecheck.Continue;

    /// <summary>When set, the protocol prepares outgoing attributes before the export filter, as BGP does.</summary>
    public Action<Route, Rib.Filtering.RouteEditor>? Prepare { get; set; }

    protected override bool PreparesExports => Prepare is not null;

    protected override void PrepareExport(Channel channel, Route route, Rib.Filtering.RouteEditor editor) => Prepare!(route, editor);
}
