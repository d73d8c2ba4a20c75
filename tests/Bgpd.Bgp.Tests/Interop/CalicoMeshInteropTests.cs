using Bgpd.Bgp.Protocol;
using Bgpd.Config;
using Bgpd.Config.Model;
using Bgpd.Net;
using Bgpd.Rib.Attributes;
using Bgpd.Rib.Tables;

namespace Bgpd.Bgp.Tests.Interop;

/// <summary>
/// Calico's node-to-node mesh shape, IPv4 and IPv6 (calico/node's bird.cfg and bird6.cfg: `add paths on`,
/// `graceful restart`, `gateway recursive`, `multihop`, `password`, the lower address `passive on`) on both
/// sides: BIRD 1.6.8 (bird or bird6) runs it in a namespace, and our protocol is built from the same template
/// text through the config parser. We connect, signing with the MD5 key; routes, next hops and local
/// preferences are checked both ways.
/// </summary>
[Category("Interop")]
[NonParallelizable]
public class CalicoMeshInteropTests
{
    private const string Password = "password-a";

    // calico/node's bgp_template, unchanged.
    private const string Template = """
        template bgp bgp_template {
          debug { states, routes, filters, events };
          description "Connection to BGP peer";
          local as 64512;
          gateway recursive; # This should be the default, but just in case.
          add paths on;
          graceful restart;  # See comment in kernel section about graceful restart.
          connect delay time 2;
          connect retry time 5;
          error wait time 5,30;
        }
        """;

    /// <summary>One address family's side of the mesh: the daemon, the two node addresses (the lower one is passive), the blocks.</summary>
    private sealed record MeshCase(string Bird, string Birdc, string BirdAddress, string OurAddress, int PrefixLength, string Tag,
        string BirdRouterId, string OurRouterId, string BirdBlock, string BirdBlockDest, string OurBlock, TableFamily Family);

    [Test]
    public Task Calico_ipv4_mesh_peers_with_password_and_add_paths_exchange_routes_with_bird_1_6() => Run(new MeshCase(
        "/usr/sbin/bird", "/usr/sbin/birdc", "10.213.15.1", "10.213.15.2", 24, "c",
        "10.213.15.1", "10.213.15.2", "10.250.16.0/26", "blackhole", "10.251.16.0/26", TableFamily.Ipv4));

    [Test]
    public Task Calico_ipv6_mesh_peers_with_password_and_add_paths_exchange_routes_with_bird6_1_6() => Run(new MeshCase(
        "/usr/sbin/bird6", "/usr/sbin/birdc6", "fd00:213:15::1", "fd00:213:15::2", 64, "d",
        "10.213.16.1", "10.213.16.2", "fd00:250:16::/122", "unreachable", "fd00:251:16::/122", TableFamily.Ipv6));

    private static string MeshName(string peer) => "Mesh_" + peer.Replace('.', '_').Replace(':', '_');

    private static async Task Run(MeshCase m)
    {
        await using var rig = InteropRig.Create(m.OurAddress, m.BirdAddress, m.PrefixLength, m.Tag, "bgpd-calico-mesh", m.Family, m.Bird, m.Birdc);
        var socket = rig.PathOf("bird.ctl");
        var birdProtocol = MeshName(m.OurAddress);
        await File.WriteAllTextAsync(rig.PathOf("bird.cfg"), $$"""
            router id {{m.BirdRouterId}};
            log "{{rig.PathOf("bird.log")}}" all;
            protocol device { scan time 2; }
            protocol static { route {{m.BirdBlock}} {{m.BirdBlockDest}}; }
            {{Template}}
            protocol bgp {{birdProtocol}} from bgp_template {
              neighbor {{m.OurAddress}} as 64512;
              source address {{m.BirdAddress}};  # The local address we use for the TCP connection
              ttl security off;
              multihop;
              import filter {
                if (defined(bgp_local_pref)&&(bgp_local_pref > 2147482623)) then
                  preference = 200;
                accept;
              };
              export filter {
                if (defined(source) && source = RTS_BGP && defined(bgp_local_pref)) then {
                  krt_metric = 2147483647 - bgp_local_pref;
                } else {
                  if (!defined(krt_metric)) then { krt_metric = 1024; }
                  bgp_local_pref = 2147483647 - krt_metric;
                }
                accept;
              };
              passive on;
              password "{{Password}}";
            }
            """);
        rig.StartDaemon($"{m.Bird} -f -c {rig.PathOf("bird.cfg")} -s {socket}");

        var ourProtocol = MeshName(m.BirdAddress);
        var ours = ConfigParser.ParseText($$"""
            router id {{m.OurRouterId}};
            {{Template}}
            protocol bgp {{ourProtocol}} from bgp_template {
              neighbor {{m.BirdAddress}} as 64512;
              source address {{m.OurAddress}};
              ttl security off;
              multihop;
              import all;
              export all;
              password "{{Password}}";
            }
            """, rig.PathOf(m.Family == TableFamily.Ipv6 ? "bgpd6.cfg" : "bgpd.cfg"));
        var mesh = (BgpConfig)ours.FindProtocol(ourProtocol)!;
        var bgp = rig.AddPeer(mesh.Name, BgpProtocolOptions.FromConfig(mesh, IpAddress.Parse(m.OurRouterId).V4Value, ipv6: m.Family == TableFamily.Ipv6));
        await rig.StartAsync([m.OurBlock], bgp);

        // Ours: BIRD's block with its own next hop and the local preference Calico's export filter derives from krt_metric.
        await InteropRig.Until(async () => await rig.BestAsync(m.BirdBlock) is not null, "BIRD's route in our table", () => rig.ReadOrNote("bird.log"));
        var learned = (await rig.BestAsync(m.BirdBlock))!;
        Assert.That(learned.Gateway, Is.EqualTo(IpAddress.Parse(m.BirdAddress)));
        Assert.That(learned.TryGet(EaId.BgpLocalPref, out var localPref) ? localPref.AsInt : 0, Is.EqualTo(2147483647u - 1024));
        var details = new List<string>();
        await rig.Loop.InvokeAsync(() => bgp.AppendDetails(details));
        Assert.That(details, Has.Some.EqualTo("    Session:          internal multihop AS4 add-path-rx add-path-tx"), string.Join('\n', details));

        // BIRD's: our block with our next hop, over the passive, MD5-signed session.
        var routes = await rig.UntilOutput($"{m.Birdc} -s {socket} show route all protocol {birdProtocol}", m.OurBlock, "our route in BIRD's table");
        Assert.That(routes, Does.Contain($"BGP.next_hop: {m.OurAddress}"), routes);
        Assert.That(routes, Does.Contain("BGP.local_pref: 100"), routes);
        var protocol = rig.Exec($"{m.Birdc} -s {socket} show protocols all {birdProtocol}");
        Assert.That(protocol, Does.Contain("BGP state:          Established"), protocol);
        Assert.That(protocol, Does.Contain("Session:          internal multihop AS4 add-path-rx add-path-tx"), protocol);
        Assert.That(protocol, Does.Match(@"Neighbor caps: .*restart-able.* add-path-rx add-path-tx"), protocol);
    }
}
