using Bgpd.Config;
using Bgpd.Config.Model;
using Bgpd.Control;
using Bgpd.Control.Renderers;
using Bgpd.Control.Views;
using Bgpd.Filters;
using Bgpd.Net;
using Bgpd.Rib;
using Bgpd.Rib.Protocols;
using Bgpd.Netlink.Device;
using Bgpd.Netlink.Kernel;
using Bgpd.Rib.Static;
using Microsoft.Extensions.Logging;
using ControlTimeFormats = Bgpd.Control.TimeFormats;

namespace Bgpd.Runtime;

/// <summary>
/// The running router: the routing loop, tables and protocols built from the config, and every
/// control command's effect on them. Query methods run on the routing loop (via <see cref="InvokeAsync{T}"/>).
/// </summary>
public sealed partial class DaemonRuntime : IDaemonRuntime
{
    readonly RoutingLoop _loop;
    readonly RouterState _state;
    readonly DaemonServices _services;
    readonly bool _gracefulRestartRecovery;
    readonly ConfigLoader _loader;
    readonly string _configFile;
    readonly ILogger _logger;
    readonly TimeProvider _time;
    readonly CancellationTokenSource _stop = new();
    Task? _loopTask;
    BirdConfig _config;
    BirdConfig? _undoConfig;
    ITimer? _undoTimer;
    DateTimeOffset _bootTime, _reconfigTime;
    bool _shuttingDown;
    bool _disposed;

    /// <summary>Entries of BIRD's `remote` class carry this event id (see Daemon/Logging/BirdLogClass.cs).</summary>
    static readonly EventId RemoteEvent = new(0, "Remote");

    public DaemonRuntime(BirdConfig config, ConfigLoader loader, string configFile, bool gracefulRestartRecovery, ILogger logger, TimeProvider time)
    {
        _gracefulRestartRecovery = gracefulRestartRecovery;
        _config = config;
        _loader = loader;
        _configFile = configFile;
        _logger = logger;
        _time = time;
        _loop = new RoutingLoop(time);
        _loop.LogMessage += (level, message) => _logger.Log(level switch
        {
            RibLogLevel.Error => LogLevel.Error,
            RibLogLevel.Warning => LogLevel.Warning,
            RibLogLevel.Info or RibLogLevel.Remote => LogLevel.Information,
            _ => LogLevel.Trace,
        }, level == RibLogLevel.Remote ? RemoteEvent : default, "{Message}", message);
        _services = new DaemonServices(_loop, gracefulRestartRecovery, logger);
        _state = new RouterState(_loop, _services);
        RouterId = config.RouterId ?? RouterIdChooser.Choose();
        _services.RouterId = RouterId;
        TimeFormats = TimeFormatMapping.Convert(config.TimeFormats);
    }

    public event Action? ShutdownRequested;
    public string Version => Daemon.DaemonProgram.Version;
    public IpAddress RouterId { get; private set; }
    public ControlTimeFormats TimeFormats { get; private set; }
    public DateTimeOffset Now => _time.GetLocalNow();
    public RoutingLoop Loop => _loop;

    public Task<T> InvokeAsync<T>(Func<T> work) => _loop.InvokeAsync(work);

    /// <summary>Builds tables and protocols (throws <see cref="UnsupportedFeatureException"/> before starting anything).</summary>
    public Task StartAsync()
    {
        _bootTime = _reconfigTime = Now;
        RoutePathWarmUp.Run(_config, (uint)RouterId.Bits, message => _logger.LogDebug("{Message}", message));
        _loopTask = Task.Run(() => _loop.RunAsync(_stop.Token));
        return _loop.InvokeAsync(() =>
        {
            _state.Apply(_config, soft: false);
            BeginGracefulRestart();
        });
    }

    public async Task StopAsync()
    {
        _shuttingDown = true;
        _undoTimer?.Dispose();
        if (_loopTask is null) return;
        await _loop.InvokeAsync(() =>
        {
            _grTimer?.Dispose();
            _state.StopAll();
        });
        _loop.Complete();
        await _loopTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        _undoTimer?.Dispose();
        _stop.Cancel();
        if (_loopTask is not null)
        {
            try { await _loopTask; }
            catch (OperationCanceledException) { }
        }
        _stop.Dispose();
        await _services.DisposeAsync();
    }

    public void Shutdown()
    {
        _shuttingDown = true;
        ShutdownRequested?.Invoke();
    }

    public CliSymbolKind? LookupSymbol(string name)
    {
        if (_state.Find(name) is not null) return CliSymbolKind.Protocol;
        if (_state.Tables.ContainsKey(name)) return CliSymbolKind.Table;
        if (_config.Symbols.Find(name) is { } symbol)
        {
            return symbol.Kind switch
            {
                SymbolKind.Protocol => CliSymbolKind.Protocol,
                SymbolKind.Template => CliSymbolKind.Template,
                SymbolKind.Filter => CliSymbolKind.Filter,
                SymbolKind.Function => CliSymbolKind.Function,
                SymbolKind.Table => CliSymbolKind.Table,
                _ => CliSymbolKind.Constant,
            };
        }
        return null;
    }

    public StatusView GetStatus() =>
        new(RouterId, Now, _bootTime, _reconfigTime, _shuttingDown, false, GracefulRestartStatus());

    public IReadOnlyList<ProtocolView> GetProtocols() =>
        _state.Protocols.Select(p => Localize(ProtocolViews.Create(p, _grActive))).ToList();

    ProtocolView Localize(ProtocolView view) => view with { Since = view.Since.ToLocalTime() };

    public RouteQueryResult QueryRoutes(RouteQuery query)
    {
        var engine = new RouteQueryEngine(_state.Tables, _state.Find, _config, _state.Program ?? FilterCompiler.Empty(_config.Dialect), DefaultTable(), SyncError);
        var result = engine.Run(query);
        if (result.Listing is not { } listing) return result;
        var localized = listing.Networks
            .Select(n => n with { Routes = n.Routes.Select(r => r with { Since = r.Since.ToLocalTime() }).ToList() })
            .ToList();
        return result with { Listing = listing with { Networks = localized } };
    }

    /// <summary>BIRD marks a network whose kernel write failed with <c>!</c> instead of <c>*</c>.</summary>
    bool SyncError(Bgpd.Rib.Tables.RoutingTable table, Prefix prefix) =>
        _state.Protocols.OfType<KernelProtocol>().Any(k => ReferenceEquals(k.Channel.Table, table) && k.HasSyncError(prefix));

    string DefaultTable() => _config.Tables.Count > 0 ? _config.Tables[0].Name : "master";

    public MemoryView GetMemory()
    {
        long routes = 0, nets = 0;
        foreach (var table in _state.Tables.Values) { routes += table.RouteCount; nets += table.NetCount; }
        var tables = routes * 96 + nets * 64;
        var attributes = _loop.Attributes.Count * 160L;
        var protocols = _state.Protocols.Count() * 4096L;
        var total = Math.Max(GC.GetTotalMemory(false), tables + attributes + protocols);
        return new MemoryView(tables, attributes, 0, protocols, total);
    }

    public IReadOnlyList<SymbolView> GetSymbols(string? kind, string? name)
    {
        var all = _config.Symbols.All.Select(s => new SymbolView(s.Name, s.KindText)).ToList();
        foreach (var table in _config.Tables.Where(t => t.Implicit))
            if (all.All(s => s.Name != table.Name)) all.Insert(0, new SymbolView(table.Name, "routing table"));
        if (name is not null) return all.Where(s => s.Name == name).ToList();
        return kind switch
        {
            "table" => all.Where(s => s.Class == "routing table").ToList(),
            "filter" => all.Where(s => s.Class == "filter").ToList(),
            "function" => all.Where(s => s.Class == "function").ToList(),
            "protocol" => all.Where(s => s.Class == "protocol").ToList(),
            "template" => all.Where(s => s.Class == "protocol template").ToList(),
            "roa" => [],
            _ => all,
        };
    }

    public (IReadOnlyList<string>? Lines, string? Error) GetStatic(string? name)
    {
        var running = _state.Protocols.OfType<StaticProtocol>().Where(p => p.State != ProtocolState.Down).ToList();
        if (name is not null)
        {
            var p = _state.Find(name);
            if (p is null) return (null, $"{name}: Not a protocol");
            return p is StaticProtocol s ? (s.ShowLines(), null) : (null, $"{name}: Not a static protocol");
        }
        if (running.Count == 0) return (null, "There is no static protocol running");
        if (running.Count > 1) return (null, "There are multiple static protocols running");
        return (running[0].ShowLines(), null);
    }

    public IReadOnlyList<(int Code, string Text)> GetInterfaces(bool summary)
    {
        if (_state.Protocols.OfType<DeviceProtocol>().FirstOrDefault(p => p.State == ProtocolState.Up) is not { } device)
            return summary ? [(2005, "interface state address")] : [];
        return (summary ? device.ShowInterfacesSummary() : device.ShowInterfaces()).ToList();
    }
}
