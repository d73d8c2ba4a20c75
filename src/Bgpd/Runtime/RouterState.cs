using Bgpd.Config.Model;
using Bgpd.Filters;
using Bgpd.Filters.Runtime;
using Bgpd.Netlink.Device;
using Bgpd.Rib;
using Bgpd.Rib.Protocols;
using Bgpd.Rib.Tables;

namespace Bgpd.Runtime;

/// <summary>
/// The tables and protocols built from one config, and the changes a new config makes to them
/// (BIRD's protocol reconfiguration): unchanged protocols keep running, changed ones are
/// reconfigured in place when they can (see <see cref="ProtocolFactory.TryReconfigure"/>), others restart,
/// new ones start, removed ones stop. Used on the routing loop only.
/// </summary>
public sealed class RouterState(RoutingLoop loop, DaemonServices services)
{
    readonly Dictionary<string, RoutingTable> _tables = new(StringComparer.Ordinal);
    readonly List<(ProtocolConfig Config, Protocol Protocol)> _protocols = [];

    public IReadOnlyDictionary<string, RoutingTable> Tables => _tables;
    public IEnumerable<Protocol> Protocols => _protocols.Select(p => p.Protocol);
    public BirdConfig? Config { get; private set; }
    /// <summary>The compiled filters of <see cref="Config"/> (console <c>eval</c>, <c>show route where</c>).</summary>
    public FilterProgram? Program { get; private set; }

    /// <summary>
    /// BGPD_FILTER_BACKEND=closures|trees|tiered chooses how filters run (default tiered); tests use
    /// it to compare each backend with BIRD.
    /// </summary>
    static FilterBackend FilterBackendFromEnvironment() =>
        Enum.TryParse<FilterBackend>(Environment.GetEnvironmentVariable("BGPD_FILTER_BACKEND"), ignoreCase: true, out var backend)
            ? backend
            : FilterBackend.Tiered;

    public Protocol? Find(string name) => _protocols.FirstOrDefault(p => p.Protocol.Name == name).Protocol;

    /// <summary>
    /// Builds everything the new config needs before touching the running state, so a config that
    /// cannot run (unsupported feature) leaves the old one untouched. Returns true when a protocol
    /// is still shutting down (BIRD's "Reconfiguration in progress").
    /// </summary>
    public bool Apply(BirdConfig config, bool soft)
    {
        var old = Config;
        var tables = new Dictionary<string, RoutingTable>(StringComparer.Ordinal);
        foreach (var t in config.Tables)
            tables[t.Name] = _tables.TryGetValue(t.Name, out var existing) && existing.Family == Family(t.Type)
                ? existing
                : new RoutingTable(t.Name, Family(t.Type), loop);
        // print lines and filter run-time errors go to the log, as BIRD logs them (info / error).
        var program = FilterCompiler.Compile(config, new FilterOptions
        {
            Output = new FilterOutput { Print = line => loop.Log(RibLogLevel.Info, line), Error = loop.Error },
            Backend = FilterBackendFromEnvironment(),
        });
        var factory = new ProtocolFactory(loop, tables, services, program);
        var next = new List<(ProtocolConfig Config, Protocol Protocol, bool Fresh)>();
        var changed = new List<(int Index, ProtocolConfig Old, Protocol Running)>();
        // A changed `listen bgp` moves every BGP protocol to the new socket: they restart on it.
        var listenChanged = services.ListenChanges(config.Listen);
        try
        {
            foreach (var pc in config.Protocols)
            {
                var running = _protocols.FirstOrDefault(p => p.Config.Name == pc.Name);
                var keep = !(listenChanged && pc is BgpConfig);
                if (keep && running.Protocol is not null && old is not null && BirdConfig.IsProtocolUnchanged(running.Config, old, pc, config))
                {
                    next.Add((pc, running.Protocol, false));
                    continue;
                }
                if (keep && running.Protocol is not null) changed.Add((next.Count, running.Config, running.Protocol));
                next.Add((pc, factory.Create(pc, config), true));
            }
            // Only now that the whole config has been built: changes a protocol can take in place
            // (static, pipe) keep it running; the fresh replacement built above is then never started.
            foreach (var (index, oldConfig, running) in changed)
                if (factory.TryReconfigure(oldConfig, old!, running, next[index].Config, config, soft))
                    next[index] = (next[index].Config, running, false);
        }
        catch
        {
            services.AbandonPendingListener();
            throw;
        }

        var busy = false;
        foreach (var (oldConfig, protocol) in _protocols)
        {
            if (next.Any(n => ReferenceEquals(n.Protocol, protocol))) continue;
            var replacement = next.FirstOrDefault(n => n.Config.Name == oldConfig.Name).Config;
            LogChange(oldConfig, replacement);
            protocol.Stop(replacement is not null ? ProtocolDownCode.ConfigRestart : ProtocolDownCode.ConfigRemoved);
            busy |= protocol.State != ProtocolState.Down;
        }
        _protocols.Clear();
        _tables.Clear();
        foreach (var (name, table) in tables) _tables[name] = table;
        services.Interfaces.Target = next.Select(n => n.Protocol).OfType<DeviceProtocol>().FirstOrDefault();
        foreach (var (pc, protocol, fresh) in next)
        {
            _protocols.Add((pc, protocol));
            if (fresh) protocol.Start();
        }
        services.ProtocolsStarted(config.Protocols.OfType<BgpConfig>().Where(b => !b.IsTemplate && b.NeighborAddress is not null).Select(b => b.NeighborAddress!.Value));
        Config = config;
        Program = program;
        // Compile the hot filters' trees now, in the background, not in the middle of the first burst of routes.
        program.CompileTreesInBackground();
        return busy;
    }

    /// <summary>BIRD's info lines for a protocol the new config restarts, enables, disables or removes.</summary>
    void LogChange(ProtocolConfig old, ProtocolConfig? replacement)
    {
        var line = replacement switch
        {
            null => old.Disabled ? null : "Removing protocol",
            _ when old.Disabled && !replacement.Disabled => "Enabling protocol",
            _ when !old.Disabled && replacement.Disabled => "Disabling protocol",
            _ when !old.Disabled => "Restarting protocol",
            _ => null,
        };
        if (line is not null) loop.Log(RibLogLevel.Info, $"{line} {old.Name}");
    }

    public void StopAll()
    {
        foreach (var (_, protocol) in _protocols) protocol.Stop(ProtocolDownCode.CommandShutdown);
    }

    static TableFamily Family(NetType type) => type is NetType.Ipv6 or NetType.Vpn6 or NetType.Roa6 or NetType.Flow6 or NetType.Ipv6Sadr
        ? TableFamily.Ipv6
        : TableFamily.Ipv4;
}
