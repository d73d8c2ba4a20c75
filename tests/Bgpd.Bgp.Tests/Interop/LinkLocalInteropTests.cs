using Bgpd.Bgp.Protocol;
using Bgpd.Bgp.Session;
using Bgpd.Bgp.Wire;
using Bgpd.Net;
using Bgpd.Rib.Tables;
using static Bgpd.Bgp.Tests.Interop.PeerBinaries;

namespace Bgpd.Bgp.Tests.Interop;

/// <summary>
/// eBGP over IPv6 link-local addresses with Debian's bird6 1.6.8 on a veth pair that has no global
/// address (`neighbor fe80::1 % 'iface'` on both sides): the session is reached through the
/// interface's scope id, routes flow both ways, and each side's gateway is the other's link-local
/// address on the link.
/// </summary>
[Category("Interop")]
[NonParallelizable]
public class LinkLocalInteropTests
{
    private const string OurAddress = "fe80::1";
    private const string BirdAddress = "fe80::2";

    [Test]
    public async Task Link_local_session_with_bird6_exchanges_routes_with_link_local_gateways()
    {
        await using var rig = InteropRig.Create(OurAddress, BirdAddress, 64, "l", "bgpd-ll", TableFamily.Ipv6, Bird6, Birdc6);
        var socket = rig.PathOf("bird6.ctl");
        var config = rig.PathOf("bird6.conf");
        await File.WriteAllTextAsync(config, $$"""
            router id 10.213.22.2;
            log "{{rig.Dir}}/bird6.log" all;
            protocol device { scan time 10; }
            protocol static { route fd00:254:22::/64 unreachable; }
            protocol bgp Ll_bgpd {
              local as 65001;
              neighbor {{OurAddress}} % '{{rig.Lab.NsIf}}' as 64512;
              import all;
              export all;
              connect delay time 1;
              connect retry time 3;
              error wait time 1,5;
            }
            """);
        rig.StartDaemon($"{Bird6} -f -c {config} -s {socket}");
        var bgp = rig.AddPeer("Ll_bird6", new BgpProtocolOptions
        {
            Session = InteropRig.FastSession(64512, 65001, "10.213.22.1", BirdAddress, BgpFamily.IPv6Unicast),
            Family = BgpFamily.IPv6Unicast,
            Interface = rig.Lab.RootIf,
        });
        await rig.StartAsync(["fd00:251:22::/64"], bgp);

        await InteropRig.Until(async () => await rig.Loop.InvokeAsync(() => bgp.Session.State) == BgpState.Established,
            "link-local session Established", () => rig.ReadOrNote("bird6.log") + rig.Exec($"{Birdc6} -s {socket} show protocols all Ll_bgpd"));
        await InteropRig.Until(async () => await rig.BestAsync("fd00:254:22::/64") is not null, "bird6's route in our table");
        var learned = (await rig.BestAsync("fd00:254:22::/64"))!;
        Assert.That((learned.Gateway, learned.InterfaceName), Is.EqualTo((IpAddress.Parse(BirdAddress), rig.Lab.RootIf)));
        Assert.That(await rig.Loop.InvokeAsync(() => bgp.LocalAddress), Is.EqualTo(IpAddress.Parse(OurAddress)));

        var shown = await rig.UntilOutput($"{Birdc6} -s {socket} show route all fd00:251:22::/64", "fd00:251:22::/64",
            "our route in bird6's table", () => rig.Exec($"{Birdc6} -s {socket} show protocols all Ll_bgpd"));
        Assert.That(shown, Does.Contain($"via {OurAddress} on {rig.Lab.NsIf}"), shown);
        // A 32-byte next hop: bird6 prints the global part (it keeps a link-local one as ::) and our link-local address.
        Assert.That(shown, Does.Match(@"BGP\.next_hop: \S+ fe80::1\n"), shown);
    }

    [Test]
    public async Task Two_link_local_neighbors_with_one_address_on_two_links_each_reach_their_own_protocol()
    {
        await using var rig = InteropRig.Create(OurAddress, BirdAddress, 64, "m", "bgpd-ll2", TableFamily.Ipv6, Bird6, Birdc6);
        var second = rig.AddLab(OurAddress, BirdAddress, 64, "n");
        await using var listener = new Bgpd.Bgp.Io.BgpListener(port: 0);
        listener.Start();
        BgpProtocol Passive(string name, NetnsLab lab, uint asn) => rig.AddPeer(name, new BgpProtocolOptions
        {
            Session = InteropRig.FastSession(64512, asn, "10.213.32.1", BirdAddress, BgpFamily.IPv6Unicast) with { Passive = true },
            Family = BgpFamily.IPv6Unicast,
            Interface = lab.RootIf,
        }, listener);
        string Config(NetnsLab lab, uint asn, string routerId, string route) => $$"""
            router id {{routerId}};
            log "{{rig.Dir}}/bird6-{{asn}}.log" all;
            protocol device { scan time 10; }
            protocol static { route {{route}} unreachable; }
            protocol bgp Ll_bgpd {
              local as {{asn}};
              neighbor {{OurAddress}} % '{{lab.NsIf}}' port {{listener.Port}} as 64512;
              source address {{BirdAddress}};
              import all;
              export all;
              connect delay time 1;
              connect retry time 3;
              error wait time 1,5;
            }
            """;
        await File.WriteAllTextAsync(rig.PathOf("a.conf"), Config(rig.Lab, 65001, "10.213.32.2", "fd00:254:31::/64"));
        await File.WriteAllTextAsync(rig.PathOf("b.conf"), Config(second, 65002, "10.213.32.3", "fd00:254:32::/64"));
        rig.StartDaemon($"{Bird6} -f -c {rig.PathOf("a.conf")} -s {rig.PathOf("a.ctl")}");
        rig.StartDaemon($"{Bird6} -f -c {rig.PathOf("b.conf")} -s {rig.PathOf("b.ctl")}", second);
        var first = Passive("Ll_first", rig.Lab, 65001);
        var other = Passive("Ll_second", second, 65002);
        await rig.StartAsync([], first, other);

        string Logs() => rig.ReadOrNote("bird6-65001.log") + rig.ReadOrNote("bird6-65002.log");
        await InteropRig.Until(async () => await rig.Loop.InvokeAsync(() => first.Session.State == BgpState.Established && other.Session.State == BgpState.Established),
            "both link-local sessions Established (each peer's connection taken by the protocol of its link)", Logs);
        await InteropRig.Until(async () => await rig.BestAsync("fd00:254:31::/64") is not null && await rig.BestAsync("fd00:254:32::/64") is not null, "both peers' routes");
        var viaFirst = await rig.Loop.InvokeAsync(() => rig.Table.Find(Prefix.Parse("fd00:254:31::/64"))!.Best!);
        var viaSecond = await rig.Loop.InvokeAsync(() => rig.Table.Find(Prefix.Parse("fd00:254:32::/64"))!.Best!);
        Assert.That((viaFirst.Attributes.Protocol, viaFirst.Attributes.InterfaceName), Is.EqualTo(((Rib.Protocols.Protocol)first, rig.Lab.RootIf)));
        Assert.That((viaSecond.Attributes.Protocol, viaSecond.Attributes.InterfaceName), Is.EqualTo(((Rib.Protocols.Protocol)other, second.RootIf)));
        Assert.That(Logs(), Does.Not.Contain("Bad peer AS"));
    }
}
