using Bgpd.Bgp.Protocol;
using Bgpd.Config;
using Bgpd.Config.Model;
using Bgpd.Net;
using Bgpd.Rib.Attributes;

namespace Bgpd.Bgp.Tests.Interop;

/// <summary>
/// Calico's node-to-node mesh shape (calico/node's bird.cfg: `add paths on`, `graceful restart`,
/// `gateway recursive`, `multihop`, `password`, the lower address `passive on`) on both sides: BIRD 1.6.8
/// runs it in a namespace, and our protocol is built from the same template text through the config parser.
/// We connect, signing with the MD5 key; routes, next hops and local preferences are checked both ways.
/// </summary>
[Category("Interop")]
[NonParallelizable]
public class CalicoMeshInteropTests
{
    private const string Bird = "/usr/sbin/bird";
    private const string Birdc = "/usr/sbin/birdc";
    private const string BirdAddress = "10.213.15.1";
    private const string OurAddress = "10.213.15.2";
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

    [Test]
    public async Task Calico_mesh_peers_with_password_and_add_paths_exchange_routes_with_bird_1_6()
    {
        await using var rig = InteropRig.Create(OurAddress, BirdAddress, 24, "c", "bgpd-calico-mesh", tools: [Bird, Birdc]);
        var socket = rig.PathOf("bird.ctl");
        await File.WriteAllTextAsync(rig.PathOf("bird.cfg"), $$"""
            router id {{BirdAddress}};
            log "{{rig.PathOf("bird.log")}}" all;
            protocol device { scan time 2; }
            protocol static { route 10.250.16.0/26 blackhole; }
            {{Template}}
            protocol bgp Mesh_10_213_15_2 from bgp_template {
              neighbor {{OurAddress}} as 64512;
              source address {{BirdAddress}};  # The local address we use for the TCP connection
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
        rig.StartDaemon($"{Bird} -f -c {rig.PathOf("bird.cfg")} -s {socket}");

        var ours = ConfigParser.ParseText($$"""
            router id {{OurAddress}};
            {{Template}}
            protocol bgp Mesh_10_213_15_1 from bgp_template {
              neighbor {{BirdAddress}} as 64512;
              source address {{OurAddress}};
              ttl security off;
              multihop;
              import all;
              export all;
              password "{{Password}}";
            }
            """, rig.PathOf("bgpd.cfg"));
        var mesh = (BgpConfig)ours.FindProtocol("Mesh_10_213_15_1")!;
        var bgp = rig.AddPeer(mesh.Name, BgpProtocolOptions.FromConfig(mesh, IpAddress.Parse(OurAddress).V4Value, ipv6: false));
        await rig.StartAsync(["10.251.16.0/26"], bgp);

        // Ours: BIRD's block with its own next hop and the local preference Calico's export filter derives from krt_metric.
        await InteropRig.Until(async () => await rig.BestAsync("10.250.16.0/26") is not null, "BIRD's route in our table", () => rig.ReadOrNote("bird.log"));
        var learned = (await rig.BestAsync("10.250.16.0/26"))!;
        Assert.That(learned.Gateway, Is.EqualTo(IpAddress.Parse(BirdAddress)));
        Assert.That(learned.TryGet(EaId.BgpLocalPref, out var localPref) ? localPref.AsInt : 0, Is.EqualTo(2147483647u - 1024));
        var details = new List<string>();
        await rig.Loop.InvokeAsync(() => bgp.AppendDetails(details));
        Assert.That(details, Has.Some.EqualTo("    Session:          internal multihop AS4 add-path-rx add-path-tx"), string.Join('\n', details));

        // BIRD's: our block with our next hop, over the passive, MD5-signed session.
        var routes = await rig.UntilOutput($"{Birdc} -s {socket} show route all protocol Mesh_10_213_15_2", "10.251.16.0/26", "our route in BIRD's table");
        Assert.That(routes, Does.Contain($"BGP.next_hop: {OurAddress}"), routes);
        Assert.That(routes, Does.Contain("BGP.local_pref: 100"), routes);
        var protocol = rig.Exec($"{Birdc} -s {socket} show protocols all Mesh_10_213_15_2");
        Assert.That(protocol, Does.Contain("BGP state:          Established"), protocol);
        Assert.That(protocol, Does.Contain("Session:          internal multihop AS4 add-path-rx add-path-tx"), protocol);
        Assert.That(protocol, Does.Match(@"Neighbor caps: .*restart-able.* add-path-rx add-path-tx"), protocol);
    }
}
