using Bgpd.Bgp.Protocol;
using Bgpd.Bgp.Wire;
using Bgpd.Net;
using Bgpd.Rib.Attributes;
using static Bgpd.Bgp.Tests.Interop.PeerBinaries;

namespace Bgpd.Bgp.Tests.Interop;

/// <summary>An eBGP session with FRR's bgpd (run without zebra) in a network namespace, checked with vtysh.</summary>
[Category("Interop")]
[NonParallelizable]
public class FrrInteropTests
{
    private const string OurAddress = "10.213.11.1";
    private const string PeerAddress = "10.213.11.2";

    [Test]
    public async Task Ebgp_session_with_frr_exchanges_routes()
    {
        await using var rig = InteropRig.Create(OurAddress, PeerAddress, 30, "f", "bgpd-frr", tools: [FrrBgpd, Vtysh]);
        var config = rig.PathOf("bgpd.conf");
        await File.WriteAllTextAsync(config, $"""
            frr defaults traditional
            hostname frrpeer
            !
            router bgp 65002
             bgp router-id {PeerAddress}
             no bgp ebgp-requires-policy
             no bgp network import-check
             neighbor {OurAddress} remote-as 64512
             neighbor {OurAddress} timers connect 1
             address-family ipv4 unicast
              network 10.255.1.0/24
             exit-address-family
            !
            """);
        rig.StartDaemon($"{FrrBgpd} -f {config} -Z -S -n -P 0 -i {rig.Dir}/bgpd.pid --vty_socket {rig.Dir} -l {PeerAddress} --log file:{rig.Dir}/frr.log");
        string Vty(string command) => rig.Exec($"{Vtysh} --vty_socket {rig.Dir} -c \"{command}\"");
        var bgp = rig.AddPeer("Tor_frr", new BgpProtocolOptions
        {
            Session = InteropRig.FastSession(64512, 65002, OurAddress, PeerAddress, BgpFamily.IPv4Unicast),
            Family = BgpFamily.IPv4Unicast,
            SourceAddress = IpAddress.Parse(OurAddress),
        });
        await rig.StartAsync(["10.254.2.0/24"], bgp);
        await InteropRig.Until(async () => await rig.BestAsync("10.255.1.0/24") is not null,
            "FRR's route in our table", () => Vty("show bgp summary") + rig.ReadOrNote("frr.log"));
        var learned = (await rig.BestAsync("10.255.1.0/24"))!;
        Assert.That(learned.TryGet(EaId.BgpAsPath, out var path) ? path.AsPath.FirstAs : null, Is.EqualTo(65002));

        await InteropRig.Until(() => Task.FromResult(Vty("show bgp ipv4 unicast 10.254.2.0/24").Contains("64512")), "our route in FRR's table",
            () => Vty("show bgp ipv4 unicast"));
        var shown = Vty("show bgp ipv4 unicast 10.254.2.0/24");
        Assert.That(shown, Does.Contain(OurAddress), shown);
    }
}
