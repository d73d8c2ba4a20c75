using Bgpd.Bgp.Protocol;
using Bgpd.Bgp.Session;
using Bgpd.Bgp.Wire;
using Bgpd.Net;
using Bgpd.Rib;
using Bgpd.Rib.Attributes;
using Bgpd.Rib.Filtering;
using Bgpd.Rib.Protocols;
using Bgpd.Rib.Tables;

namespace Bgpd.Bgp.Tests.Protocol;

/// <summary>
/// A routing loop and table with BGP protocols whose sessions are driven by injected events (no
/// sockets), run synchronously with RunPending under a fake clock.
/// </summary>
internal sealed class ProtocolHarness
{
    public const uint LocalAs = 64512;
    public const uint RouterId = 0x0A630001;

    public FakeTimeProvider Time { get; } = new();
    public RoutingLoop Loop { get; }
    public RoutingTable Table { get; }
    /// <summary>IPv4 unicast, or IPv6 unicast for a bird6-style harness.</summary>
    public BgpFamily Family { get; }
    public OriginProtocol Origin { get; }
    /// <summary>Interfaces BGP resolves next hops against; null means none known.</summary>
    public IInterfaceView? Interfaces { get; set; }

    public ProtocolHarness(bool ipv6 = false)
    {
        Family = ipv6 ? BgpFamily.IPv6Unicast : BgpFamily.IPv4Unicast;
        Loop = new RoutingLoop(Time);
        Table = new RoutingTable("master", ipv6 ? TableFamily.Ipv6 : TableFamily.Ipv4, Loop);
        Origin = new OriginProtocol(Loop, Table);
        Origin.Start();
    }

    public sealed class Peer(BgpProtocol protocol, string address)
    {
        public BgpProtocol Protocol { get; } = protocol;
        public string Address { get; } = address;
        public List<byte[]> Sent { get; } = [];
        public List<UpdateMessage> SentUpdates(bool fourOctet = true) => Sent.Where(m => m[18] == (byte)MessageType.Update)
            .Select(m => UpdateMessage.Decode(m[19..], new UpdateDecodeOptions(TwoOctetAs: !fourOctet, IsInternal: Protocol.Options.IsInternal))).ToList();
    }

    public Peer AddPeer(string address, uint peerAs = LocalAs, bool rrClient = false, Func<BgpProtocolOptions, BgpProtocolOptions>? tweak = null, bool connect = true, ChannelOptions? channel = null, RoutingTable? igpTable = null)
    {
        var options = new BgpProtocolOptions
        {
            Session = new SessionOptions
            {
                LocalAs = LocalAs,
                PeerAs = peerAs,
                LocalId = RouterId,
                PeerAddress = IpAddress.Parse(address),
                Passive = true,
                Capabilities = SessionOptions.DefaultCapabilities([Family], LocalAs),
            },
            Family = Family,
            RrClient = rrClient,
            GatewayRecursive = true,
            Multihop = peerAs == LocalAs ? 64 : 0,
        };
        options = tweak?.Invoke(options) ?? options;
        var protocol = BgpProtocol.Create($"peer_{address.Replace('.', '_')}", Loop, Table, channel ?? new ChannelOptions { ImportFilter = Filters.All, ExportFilter = Filters.All }, options, listener: null, Interfaces, igpTable);
        protocol.LocalAddress = IpAddress.Parse(Family.IsV6 ? "fe80::1" : "10.99.0.1");
        var peer = new Peer(protocol, address);
        protocol.SendObserver = (_, bytes) => peer.Sent.Add(bytes);
        protocol.ConnectOverride = () => { };
        if (connect)
        {
            protocol.Start();
            Loop.RunPending();
        }
        return peer;
    }

    public void Establish(Peer peer, uint peerId, BgpCapabilities? caps = null, ushort holdTime = 90)
    {
        Assert.That(peer.Protocol.InjectIncoming(), Is.True);
        var peerAs = peer.Protocol.Options.Session.PeerAs;
        Receive(peer, new OpenMessage
        {
            MyAs = OpenMessage.TwoOctetAs(peerAs),
            HoldTime = holdTime,
            BgpId = peerId,
            Capabilities = caps ?? SessionOptions.DefaultCapabilities([Family], peerAs),
        }.Encode());
        Receive(peer, BgpWire.Keepalive());
        Assert.That(peer.Protocol.State, Is.EqualTo(ProtocolState.Up));
    }

    public void Receive(Peer peer, byte[] message)
    {
        peer.Protocol.Inject(new SessionEvent.MessageReceived(ConnectionSide.Incoming, message));
        Loop.RunPending();
    }

    public void Announce(Peer peer, PathAttributes attributes, params string[] prefixes)
    {
        foreach (var message in UpdateEncoder.Announce(BgpFamily.IPv4Unicast, attributes, prefixes.Select(p => new NlriEntry(Prefix.Parse(p))).ToArray(), new UpdateEncodeOptions()))
            Receive(peer, message);
    }

    /// <summary>An IPv6 announcement: MP_REACH with <paramref name="nextHop"/> and an optional link-local second next hop.</summary>
    public void Announce6(Peer peer, PathAttributes attributes, string nextHop, string? linkLocal, params string[] prefixes)
    {
        foreach (var message in UpdateEncoder.Announce(BgpFamily.IPv6Unicast, attributes, prefixes.Select(p => new NlriEntry(Prefix.Parse(p))).ToArray(),
                     new UpdateEncodeOptions(), IpAddress.Parse(nextHop), linkLocal is null ? null : IpAddress.Parse(linkLocal)))
            Receive(peer, message);
    }

    public Route? Best(string prefix) => Table.Find(Prefix.Parse(prefix))?.Best;

    public static PathAttributes Path(string nextHop, params uint[] asns) => new()
    {
        Origin = Bgpd.Bgp.Wire.Origin.Igp,
        AsPath = Bgpd.Bgp.Wire.AsPath.Sequence(asns),
        NextHop = IpAddress.Parse(nextHop),
    };

    /// <summary>Originates blackhole routes, standing in for a static protocol.</summary>
    internal sealed class OriginProtocol : Rib.Protocols.Protocol
    {
        public OriginProtocol(RoutingLoop loop, RoutingTable table) : base("static1", loop) => AddChannel(table, new ChannelOptions());
        public override string ClassName => "Static";
        public override int DefaultPreference => 200;
        protected override bool AcceptsExports => false;

        public void Announce(string prefix) =>
            MainChannel!.Update(Prefix.Parse(prefix), new RouteAttributes(this, RouteSource.Static, RouteDest.Blackhole));

        public void AnnounceVia(string prefix, string gateway, string interfaceName, uint igpMetric = RouteAttributes.IgpMetricUnknown) =>
            MainChannel!.Update(Prefix.Parse(prefix), new RouteAttributes(this, RouteSource.Static, RouteDest.Router, [new NextHop(IpAddress.Parse(gateway), interfaceName, 3)], igpMetric: igpMetric));

        public void Withdraw(string prefix) => MainChannel!.Withdraw(Prefix.Parse(prefix));
        /// <summary>A device route, as the kernel protocol learns `NET dev IFNAME proto boot`.</summary>
        public void AnnounceDevice(string prefix, string interfaceName, int interfaceIndex) =>
            MainChannel!.Update(Prefix.Parse(prefix), new RouteAttributes(this, RouteSource.Inherit, RouteDest.Device, [NextHop.Device(interfaceName, interfaceIndex, false)]));
    }

    /// <summary>Records what the table exports to it (best routes), standing in for the kernel protocol.</summary>
    internal sealed class ExportRecorder : Rib.Protocols.Protocol
    {
        public ExportRecorder(RoutingLoop loop, RoutingTable table) : base("kernel1", loop) => AddChannel(table, new ChannelOptions { ExportFilter = Filters.All });
        public override string ClassName => "Kernel";
        public override int DefaultPreference => 10;
        public List<RouteExport> Exports { get; } = [];
        protected override void OnExport(Channel channel, in RouteExport change) => Exports.Add(change);
    }

    /// <summary>One interface on one network, as the device protocol would report it.</summary>
    internal sealed class OneInterface(string name, string network) : IInterfaceView
    {
        public bool TryGetInterface(string interfaceName, out InterfaceState state)
        {
            state = new InterfaceState(name, 3, true);
            return interfaceName == name;
        }

        public bool TryFindNeighbor(IpAddress gateway, string? interfaceName, out InterfaceState state)
        {
            state = new InterfaceState(name, 3, true);
            return Prefix.Parse(network).Contains(gateway) && (interfaceName is null || interfaceName == name);
        }

        public event Action? Changed { add { } remove { } }
    }
}
