using Bgpd.Bgp.Protocol;
using Bgpd.Bgp.Session;
using Bgpd.Bgp.Wire;
using Bgpd.Net;
using static Bgpd.Bgp.Tests.Interop.PeerBinaries;

namespace Bgpd.Bgp.Tests.Interop;

/// <summary>
/// bgpd as route server (`rs client`) for two Debian BIRD 1.6.8 clients in other ASes on one shared
/// LAN (one namespace, two addresses on its side of the veth): the route of one client reaches the
/// other with its AS path, MED and next hop as the first client sent them, as BIRD's own `show route
/// all` on the receiving client shows.
/// </summary>
[Category("Interop")]
[NonParallelizable]
public class RouteServerInteropTests
{
    private const string OurAddress = "10.213.31.1";
    private const string ClientA = "10.213.31.2";
    private const string ClientB = "10.213.31.3";

    private static string ClientConfig(string dir, string self, uint asn, string body) => $$"""
        router id {{self}};
        log "{{dir}}/bird-{{asn}}.log" all;
        listen bgp address {{self}};
        protocol device { scan time 10; }
        {{body}}
        protocol bgp route_server {
          local as {{asn}};
          neighbor {{OurAddress}} as 64512;
          source address {{self}};
          import all;
          export filter { if proto = "static1" then { bgp_med = 77; accept; } reject; };
          connect delay time 1;
          connect retry time 3;
          error wait time 1,5;
        }
        """;

    private BgpProtocol RouteServerFor(InteropRig rig, string name, string client, uint asn) => rig.AddPeer(name, new BgpProtocolOptions
    {
        Session = InteropRig.FastSession(64512, asn, OurAddress, client, BgpFamily.IPv4Unicast),
        Family = BgpFamily.IPv4Unicast,
        SourceAddress = IpAddress.Parse(OurAddress),
        RsClient = true,
    });

    /// <summary>
    /// A second namespace for client B on the same LAN as the rig's: the root ends of both veth pairs
    /// are bridged and our address moves to the bridge. Removed on dispose (B's daemon killed first).
    /// </summary>
    private sealed class SharedLan : IDisposable
    {
        private readonly string _prefix;

        public SharedLan(NetnsLab lab)
        {
            _prefix = lab.RootIf[..^1];
            Name = lab.Name + "2";
            Cleanup();
            try
            {
                NetnsLab.Run("ip", $"link add {Bridge} type bridge");
                NetnsLab.Run("ip", $"addr del {OurAddress}/24 dev {lab.RootIf}");
                NetnsLab.Run("ip", $"link set {lab.RootIf} master {Bridge}");
                NetnsLab.Run("ip", $"addr add {OurAddress}/24 dev {Bridge}");
                NetnsLab.Run("ip", $"link set {Bridge} up");
                NetnsLab.Run("ip", $"netns add {Name}");
                NetnsLab.Run("ip", $"link add {_prefix}c type veth peer name {NsIf}");
                NetnsLab.Run("ip", $"link set {NsIf} netns {Name}");
                NetnsLab.Run("ip", $"link set {_prefix}c master {Bridge}");
                NetnsLab.Run("ip", $"link set {_prefix}c up");
                NetnsLab.Run("ip", $"netns exec {Name} ip addr add {ClientB}/24 dev {NsIf}");
                NetnsLab.Run("ip", $"netns exec {Name} ip link set {NsIf} up");
                NetnsLab.Run("ip", $"netns exec {Name} ip link set lo up");
            }
            catch
            {
                Cleanup();
                throw;
            }
        }

        public string Name { get; }
        public string NsIf => _prefix + "d";
        private string Bridge => _prefix + "br";
        public System.Diagnostics.Process? Daemon { get; set; }

        private void Cleanup()
        {
            NetnsLab.Run("ip", $"link del {_prefix}c", check: false);
            NetnsLab.Run("ip", $"link del {Bridge}", check: false);
            NetnsLab.Run("ip", $"netns del {Name}", check: false);
        }

        public void Dispose()
        {
            if (Daemon is { HasExited: false } daemon)
            {
                daemon.Kill(true);
                daemon.WaitForExit(5000);
            }
            Cleanup();
        }
    }

    [Test]
    public async Task Route_server_passes_a_clients_route_on_with_its_path_med_and_next_hop()
    {
        await using var rig = InteropRig.Create(OurAddress, ClientA, 24, "r", "bgpd-rs", tools: [Bird, Birdc]);
        using var lan = new SharedLan(rig.Lab);
        var configA = rig.PathOf("a.conf");
        var configB = rig.PathOf("b.conf");
        await File.WriteAllTextAsync(configA, ClientConfig(rig.Dir, ClientA, 65002, "protocol static static1 { route 10.254.31.0/24 blackhole; }"));
        await File.WriteAllTextAsync(configB, ClientConfig(rig.Dir, ClientB, 65003, ""));
        rig.StartDaemon($"{Bird} -f -c {configA} -s {rig.PathOf("a.ctl")}");
        lan.Daemon = rig.StartDaemon($"ip netns exec {lan.Name} {Bird} -f -c {configB} -s {rig.PathOf("b.ctl")}");
        var toA = RouteServerFor(rig, "rs_a", ClientA, 65002);
        var toB = RouteServerFor(rig, "rs_b", ClientB, 65003);
        await rig.StartAsync(["10.251.31.0/24"], toA, toB);

        string BirdB(string command) => NetnsLab.Run("ip", $"netns exec {lan.Name} {Birdc} -s {rig.PathOf("b.ctl")} {command}", check: false);
        string Logs() => rig.ReadOrNote("bird-65002.log") + rig.ReadOrNote("bird-65003.log") + BirdB("show protocols all route_server");
        await InteropRig.Until(async () => await rig.Loop.InvokeAsync(() => toA.Session.State == BgpState.Established && toB.Session.State == BgpState.Established),
            "both route-server sessions Established", Logs);
        var route = "";
        await InteropRig.Until(() => Task.FromResult((route = BirdB("show route all 10.254.31.0/24")).Contains("BGP.as_path", StringComparison.Ordinal)),
            "client A's route at client B", () => route + Logs());

        Assert.That(route, Does.Contain($"via {ClientA} on {lan.NsIf}"), route);
        Assert.That(route, Does.Contain("\tBGP.as_path: 65002\n"), "no route-server AS in the path\n" + route);
        Assert.That(route, Does.Contain($"\tBGP.next_hop: {ClientA}\n"), route);
        Assert.That(route, Does.Contain("\tBGP.med: 77\n"), route);

        // Our own route to a client still carries our AS, with us as next hop.
        var own = BirdB("show route all 10.251.31.0/24");
        Assert.That(own, Does.Contain("\tBGP.as_path: 64512\n").And.Contain($"\tBGP.next_hop: {OurAddress}\n"), own);
    }
}
