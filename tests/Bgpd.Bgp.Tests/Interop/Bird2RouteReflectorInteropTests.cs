using Bgpd.Bgp.Protocol;
using Bgpd.Bgp.Session;
using Bgpd.Bgp.Wire;
using Bgpd.Net;
using Bgpd.Rib.Attributes;
using Bgpd.Rib.Tables;
using static Bgpd.Bgp.Tests.Interop.PeerBinaries;

namespace Bgpd.Bgp.Tests.Interop;

/// <summary>
/// Two bgpd clients (each with its own table) of a BIRD 2.0.12 route reflector in a namespace: a route
/// one client announces reaches the other with the announcing client's next hop, ORIGINATOR_ID and
/// BIRD's cluster id, and BIRD's own CLI shows what it learned from us.
/// </summary>
[Category("Interop")]
[NonParallelizable]
public class Bird2RouteReflectorInteropTests
{
    private const string ClientA = "10.213.14.1";
    private const string ReflectorAddress = "10.213.14.2";
    private const string ClientB = "10.213.14.3";
    private const string ClusterId = "10.213.14.200";

    [Test]
    public async Task Bird2_reflects_routes_between_two_bgpd_clients_with_next_hop_originator_and_cluster_list()
    {
        await using var rig = InteropRig.Create(ClientA, ReflectorAddress, 24, "2", "bgpd-bird2-rr", tools: [Bird2, Birdc2]);
        NetnsLab.Run("ip", $"addr add {ClientB}/24 dev {rig.Lab.RootIf}");
        var socket = rig.PathOf("bird2.ctl");
        await File.WriteAllTextAsync(rig.PathOf("bird2.conf"), $$"""
            router id {{ReflectorAddress}};
            log "{{rig.PathOf("bird2.log")}}" all;
            protocol device { scan time 10; }
            protocol static { ipv4; route 10.250.14.0/24 blackhole; }
            template bgp rr_clients {
              local {{ReflectorAddress}} as 64512;
              rr client;
              rr cluster id {{ClusterId}};
              connect delay time 1;
              connect retry time 3;
              error wait time 1,5;
              ipv4 { import all; export all; };
            }
            protocol bgp client_a from rr_clients { neighbor {{ClientA}} as 64512; }
            protocol bgp client_b from rr_clients { neighbor {{ClientB}} as 64512; }
            """);
        rig.StartDaemon($"{Bird2} -f -c {rig.PathOf("bird2.conf")} -s {socket}");
        string Birdc(string command) => rig.Exec($"{Birdc2} -s {socket} {command}");

        var tableB = new RoutingTable("master_b", TableFamily.Ipv4, rig.Loop);
        var originB = new InteropRig.OriginProtocol(rig.Loop, tableB);
        var a = rig.AddPeer("Rr_a", ClientOptions(ClientA));
        var b = rig.AddPeer("Rr_b", ClientOptions(ClientB), table: tableB);
        await rig.StartAsync(["10.251.14.0/24"], a, b);
        await rig.Loop.InvokeAsync(() =>
        {
            originB.Start();
            originB.Announce(Prefix.Parse("10.251.15.0/24"));
        });

        // Client B receives A's route through the reflector, and A receives B's.
        await InteropRig.Until(async () => await rig.BestAsync("10.251.14.0/24", tableB) is not null, "A's route reflected to B",
            () => Birdc("show protocols all") + rig.ReadOrNote("bird2.log"));
        await InteropRig.Until(async () => await rig.BestAsync("10.251.15.0/24") is not null, "B's route reflected to A");
        AssertReflected((await rig.BestAsync("10.251.14.0/24", tableB))!, from: ClientA);
        AssertReflected((await rig.BestAsync("10.251.15.0/24"))!, from: ClientB);

        // The reflector's own route reaches both clients as an ordinary iBGP route: its next hop, no reflection attributes.
        await InteropRig.Until(async () => await rig.BestAsync("10.250.14.0/24", tableB) is not null, "BIRD's own route at B");
        var own = (await rig.BestAsync("10.250.14.0/24", tableB))!;
        Assert.That(own.Gateway, Is.EqualTo(IpAddress.Parse(ReflectorAddress)));
        Assert.That(own.TryGet(EaId.BgpOriginatorId, out _), Is.False);

        // BIRD 2's side: what it learned from client A, with A's next hop and no reflection attributes yet.
        var shown = Birdc("show route all 10.251.14.0/24");
        Assert.That(shown, Does.Contain("[client_a "), shown);
        Assert.That(shown, Does.Contain($"BGP.next_hop: {ClientA}"), shown);
        Assert.That(shown, Does.Contain("BGP.local_pref: 100"), shown);
        Assert.That(shown, Does.Not.Contain("BGP.cluster_list"), shown);
        var protocols = Birdc("show protocols all client_b");
        Assert.That(protocols, Does.Contain("BGP state:          Established"), protocols);
        Assert.That(await rig.Loop.InvokeAsync(() => a.Session.State), Is.EqualTo(BgpState.Established));
    }

    private static void AssertReflected(Rib.Attributes.RouteAttributes route, string from)
    {
        // Both clients live on this host, so the other's next hop is a local address here (not a usable
        // gateway, as BIRD would say); what the reflector kept is the BGP next hop.
        Assert.That(route.TryGet(EaId.BgpNextHop, out var nextHop) ? nextHop.AsIp : default, Is.EqualTo(IpAddress.Parse(from)), "the reflector keeps the announcing client's next hop");
        Assert.That(route.TryGet(EaId.BgpOriginatorId, out var originator) ? originator.AsInt : 0, Is.EqualTo(IpAddress.Parse(from).V4Value));
        Assert.That(route.TryGet(EaId.BgpClusterList, out var clusters) ? clusters.AsIntSet.ToArray() : [], Is.EqualTo(new[] { IpAddress.Parse(ClusterId).V4Value }));
        Assert.That(route.TryGet(EaId.BgpLocalPref, out var localPref) ? localPref.AsInt : 0, Is.EqualTo(100));
    }

    private static BgpProtocolOptions ClientOptions(string address) => new()
    {
        Session = InteropRig.FastSession(64512, 64512, address, ReflectorAddress, BgpFamily.IPv4Unicast),
        Family = BgpFamily.IPv4Unicast,
        SourceAddress = IpAddress.Parse(address),
        // BIRD's iBGP defaults: multihop, next hops resolved through the table.
        Multihop = 64,
        GatewayRecursive = true,
    };
}
