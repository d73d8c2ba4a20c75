using System.Collections.Immutable;
using Bgpd.Bgp.Session;
using Bgpd.Bgp.Wire;
using Bgpd.Net;
using Bgpd.Rib;
using Bgpd.Rib.Attributes;
using Bgpd.Rib.Protocols;
using Bgpd.Rib.Tables;

namespace Bgpd.Bgp.Protocol;

/// <summary>
/// Runs a route's whole way through BGP once, on private objects, so that the code of that way is
/// compiled before the first real route needs it (the JIT otherwise adds 0.2-0.5 s to a fresh daemon's
/// first route, more in a burst through many fresh daemons). A private routing loop (never started,
/// with a clock whose timers never fire) and table hold a kernel-like device route and two BGP
/// sessions established by injected messages (no sockets): the route leaves through one session
/// (export filter, attributes, UPDATE encoding), an UPDATE comes in through the other (decoding,
/// import filter, next-hop resolution, reflection), a sink protocol takes the result through the
/// given export filter, and everything is withdrawn again. Nothing of it is visible outside: the
/// filters come from a silent compilation, the loop's log has no listener.
/// </summary>
public static class BgpWarmUp
{
    private const uint PeerId = 0x0AFFFFFE;

    /// <param name="options">A configured session's options (family, AS numbers, next hop and RR settings).</param>
    /// <param name="bgpChannel">That session's import and export filters.</param>
    /// <param name="sinkChannel">Filters of the protocol BGP routes go to (the kernel's export filter).</param>
    public static void Run(BgpProtocolOptions options, ChannelOptions bgpChannel, ChannelOptions sinkChannel)
    {
        ArgumentNullException.ThrowIfNull(options);
        var loop = new RoutingLoop(StillTime.Instance);
        var ipv6 = options.Family.IsV6;
        var table = new RoutingTable("warmup", ipv6 ? TableFamily.Ipv6 : TableFamily.Ipv4, loop);
        var origin = new Endpoint(loop, table, new ChannelOptions(), "warmup_kernel");
        var sink = new Endpoint(loop, table, sinkChannel, "warmup_sink");
        origin.Start();
        sink.Start();

        var local = ipv6 ? IpAddress.Parse("fd00:ffff::1") : IpAddress.Parse("10.255.254.1");
        var peerHop = ipv6 ? IpAddress.Parse("fd00:ffff::2") : IpAddress.Parse("10.255.254.2");
        var link = ipv6 ? Prefix.Parse("fd00:ffff::/64") : Prefix.Parse("10.255.254.0/24");
        var announced = ipv6 ? Prefix.Parse("fd00:fffe::1/128") : Prefix.Parse("10.255.255.1/32");
        var received = ipv6 ? Prefix.Parse("fd00:fffe::2/128") : Prefix.Parse("10.255.255.2/32");
        origin.Announce(link, RouteSource.Device, "ethwarmup0", local);
        origin.Announce(announced, RouteSource.Inherit, "tapwarmup0", default);

        var session = options.Session with
        {
            Passive = true,
            PeerAddress = peerHop,
            Capabilities = SessionOptions.DefaultCapabilities([options.Family], options.Session.LocalAs),
        };
        var warmOptions = options with { Session = session, GracefulRestartRecovery = false, GracefulRestartAble = false, RouteLimit = null };
        var outgoing = Establish(loop, table, "warmup_out", warmOptions, bgpChannel, local);
        var incoming = Establish(loop, table, "warmup_in", warmOptions with { Session = session with { PeerAddress = IpAddress.Parse(ipv6 ? "fd00:ffff::3" : "10.255.254.3") } }, bgpChannel, local);
        loop.RunPending();

        var attributes = new PathAttributes { Origin = Origin.Igp, AsPath = Wire.AsPath.Empty, NextHop = ipv6 ? null : peerHop, LocalPref = 100, Med = 0 };
        if (options.Session.IsInternal)
        {
            // What a route reflector sends an iBGP client: the reflected-route attributes take their own decode path.
            attributes.OriginatorId = PeerId + 1;
            attributes.ClusterList = [PeerId + 2];
        }
        var encode = new UpdateEncodeOptions();
        // Twice: the second round takes the paths of attributes already interned and cached.
        for (var round = 0; round < 2; round++)
        {
            var entries = new[] { new NlriEntry(received) };
            var updates = ipv6 ? UpdateEncoder.Announce(options.Family, attributes, entries, encode, peerHop) : UpdateEncoder.Announce(options.Family, attributes, entries, encode);
            foreach (var update in updates) Receive(loop, incoming, update);
            foreach (var update in UpdateEncoder.Withdraw(options.Family, entries, encode)) Receive(loop, incoming, update);
            origin.Withdraw(announced);
            loop.RunPending();
            origin.Announce(announced, RouteSource.Inherit, "tapwarmup0", default);
            loop.RunPending();
        }
        origin.Withdraw(announced);
        loop.RunPending();

        outgoing.Stop();
        incoming.Stop();
        origin.Stop();
        sink.Stop();
        loop.RunPending();
    }

    private static BgpProtocol Establish(RoutingLoop loop, RoutingTable table, string name, BgpProtocolOptions options, ChannelOptions channel, IpAddress local)
    {
        var protocol = BgpProtocol.Create(name, loop, table, channel, options, listener: null);
        protocol.LocalAddress = local;
        protocol.ConnectOverride = () => { };
        protocol.SendObserver = (_, _) => { };
        protocol.Start();
        loop.RunPending();
        protocol.InjectIncoming();
        var peerAs = options.Session.PeerAs;
        Receive(loop, protocol, new OpenMessage
        {
            MyAs = OpenMessage.TwoOctetAs(peerAs),
            HoldTime = 90,
            BgpId = PeerId,
            Capabilities = SessionOptions.DefaultCapabilities([options.Family], peerAs),
        }.Encode());
        Receive(loop, protocol, BgpWire.Keepalive());
        return protocol;
    }

    private static void Receive(RoutingLoop loop, BgpProtocol protocol, byte[] message)
    {
        protocol.Inject(new SessionEvent.MessageReceived(ConnectionSide.Incoming, message));
        loop.RunPending();
    }

    /// <summary>Originates routes the way the kernel protocol learns them, and takes exports like it.</summary>
    private sealed class Endpoint : Rib.Protocols.Protocol
    {
        public Endpoint(RoutingLoop loop, RoutingTable table, ChannelOptions channel, string name) : base(name, loop) => AddChannel(table, channel);

        public override string ClassName => "Kernel";
        public override int DefaultPreference => 10;

        public void Announce(Prefix prefix, RouteSource source, string interfaceName, IpAddress gateway) =>
            MainChannel!.Update(prefix, new RouteAttributes(this, source, RouteDest.Device,
                ImmutableArray.Create(new NextHop(gateway, interfaceName, 1_000_000))));

        public void Withdraw(Prefix prefix) => MainChannel!.Withdraw(prefix);
    }
}
