using Bgpd.Bgp.Protocol;
using Bgpd.Config.Model;
using Bgpd.Filters;
using Bgpd.Netlink.Device;
using Bgpd.Netlink.Direct;
using Bgpd.Netlink.Kernel;
using Bgpd.Rib;
using Bgpd.Rib.Pipe;
using Bgpd.Rib.Protocols;
using Bgpd.Rib.Static;
using Bgpd.Rib.Tables;

namespace Bgpd.Runtime;

/// <summary>
/// Builds a running protocol from its config: one line per protocol class. A class whose
/// implementation has not landed yet is refused with a clear error instead of pretending to run.
/// </summary>
public sealed class ProtocolFactory(RoutingLoop loop, IReadOnlyDictionary<string, RoutingTable> tables, DaemonServices services, FilterProgram program)
{
    public Protocol Create(ProtocolConfig config, BirdConfig bird)
    {
        var protocol = config switch
        {
            StaticConfig s => new StaticProtocol(s.Name, loop, MainTable(s), StaticMapping.Options(s, program), services.Interfaces),
            PipeConfig p => new PipeProtocol(p.Name, loop, MainTable(p), Table(p.PeerTable!, p), PipeOptionsFor(p)),
            DeviceConfig d => new DeviceProtocol(d.Name, loop, d.MainChannel is null ? null : MainTable(d), NetlinkMapping.Device(d, bird, program), services.Hub),
            DirectConfig d => new DirectProtocol(d.Name, loop, MainTable(d), NetlinkMapping.Direct(d, program), services.Hub),
            BgpConfig { Confederation: not 0 } b => throw new UnsupportedFeatureException(b.Pos,
                $"protocol bgp ({b.Name}): confederations are not supported by bgpd (AS paths would be wrong)"),
            BgpConfig b => BgpProtocol.Create(b.Name, loop, MainTable(b), ChannelMapping.Options(b.MainChannel!, program),
                BgpProtocolOptions.FromConfig(b, (uint)services.RouterId.Bits, MainTable(b).Family == TableFamily.Ipv6, services.GracefulRestartRecovery),
                services.BgpListener(bird.Listen), services.Interfaces, b.IgpTable is { } igp ? IgpTable(igp, b) : null),
            KernelConfig k => KernelProtocol.Create(k.Name, loop, MainTable(k), NetlinkMapping.Kernel(k, program), services.Hub, services.GracefulRestartRecovery),
            _ => (Protocol?)null,
        } ?? throw new UnsupportedFeatureException(config.Pos,
            $"protocol {config.Type.ToString().ToLowerInvariant()} ({config.Name}) is not supported by this bgpd build yet");
        protocol.Description = config.Description;
        protocol.Debug = DebugOf(config);
        protocol.SetDisabledByConfig(config.Disabled);
        protocol.Trace(ProtocolDebug.States, "Initializing");
        return protocol;
    }

    /// <summary>
    /// BIRD reconfigures a protocol in place when it can: static and pipe protocols take changed
    /// routes and settings (their routes and `since` stay, only what changed is withdrawn or
    /// announced); any other protocol whose own options are unchanged takes new filters, preference
    /// and limits (<see cref="ChannelReconfiguration"/>). Returns false when the change needs a
    /// restart (another protocol class, another table, a changed `disabled`, changed options...).
    /// </summary>
    public bool TryReconfigure(ProtocolConfig old, BirdConfig oldBird, Protocol running, ProtocolConfig updated, BirdConfig updatedBird, bool soft)
    {
        if (old.GetType() != updated.GetType() || old.Disabled != updated.Disabled || running.State == ProtocolState.Down) return false;
        var changed = old.MainChannel is { } oldChannel && updated.MainChannel is { } newChannel
            ? ChannelReconfiguration.FiltersChanged(oldChannel, oldBird, newChannel, updatedBird, soft)
            : (Import: false, Export: false);
        var reconfigured = (running, updated) switch
        {
            (StaticProtocol s, StaticConfig c) => ReferenceEquals(s.Channel.Table, MainTable(c)) &&
                s.Reconfigure(StaticMapping.Options(c, program), changed.Import, changed.Export),
            (PipeProtocol p, PipeConfig c) => ReferenceEquals(p.Primary.Table, MainTable(c)) && ReferenceEquals(p.PeerTable, Table(c.PeerTable!, c)) &&
                p.Reconfigure(PipeOptionsFor(c), changed.Import, changed.Export),
            _ => ChannelReconfiguration.DiffersOnlyInChannelSettings(old, updated) &&
                ChannelReconfiguration.Apply(running, old, oldBird, updated, updatedBird, program, soft, loop),
        };
        if (!reconfigured) return false;
        running.Description = updated.Description;
        running.Debug = DebugOf(updated);
        running.Trace(ProtocolDebug.States, "Reconfigured");
        return true;
    }

    /// <summary>Config <c>debug</c> bits are BIRD's D_* values, as are the RIB's.</summary>
    static ProtocolDebug DebugOf(ProtocolConfig config) => (ProtocolDebug)(int)config.Debug;

    PipeOptions PipeOptionsFor(PipeConfig p) => new()
    {
        Channel = ChannelMapping.Options(p.MainChannel!, program),
        Mode = p.Opaque ? PipeMode.Opaque : PipeMode.Transparent,
    };

    RoutingTable MainTable(ProtocolConfig config) =>
        Table(config.MainChannel?.Table ?? "master", config);

    RoutingTable IgpTable(string name, BgpConfig config)
    {
        var table = Table(name, config);
        return table.Family == MainTable(config).Family ? table
            : throw new UnsupportedFeatureException(config.Pos, $"igp table {name} must be of the same address family as table {MainTable(config).Name}");
    }

    RoutingTable Table(string name, ProtocolConfig config) =>
        tables.TryGetValue(name, out var table)
            ? table
            : throw new UnsupportedFeatureException(config.Pos, $"table {name} does not exist");
}
