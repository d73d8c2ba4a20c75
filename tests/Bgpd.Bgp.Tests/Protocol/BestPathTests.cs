using Bgpd.Bgp.Protocol;
using Bgpd.Bgp.Wire;
using Bgpd.Net;
using static Bgpd.Bgp.Tests.Protocol.ProtocolHarness;

namespace Bgpd.Bgp.Tests.Protocol;

/// <summary>BIRD 1.6's bgp_rte_better and deterministic MED, on routes from several injected peers.</summary>
public class BestPathTests
{
    private const string Net = "10.80.0.0/16";

    private static ProtocolHarness Connected() => new() { Interfaces = new OneInterface("eth0", "10.99.0.0/24") };

    private static string BestFrom(ProtocolHarness h) => h.Best(Net)!.Attributes.From.ToString();

    private static Peer External(ProtocolHarness h, string address, uint peerAs, uint id, Func<BgpProtocolOptions, BgpProtocolOptions>? tweak = null)
    {
        var peer = h.AddPeer(address, peerAs: peerAs, tweak: tweak);
        h.Establish(peer, id);
        return peer;
    }

    private static PathAttributes WithMed(string nextHop, uint med, params uint[] asns)
    {
        var a = Path(nextHop, asns);
        a.Med = med;
        return a;
    }

    [Test]
    public void A_resolvable_route_beats_an_unreachable_one_whatever_its_local_pref()
    {
        var h = Connected();
        var near = h.AddPeer("10.99.0.2");
        h.Establish(near, 0x0A630002);
        var far = h.AddPeer("10.99.0.3");
        h.Establish(far, 0x0A630003);
        var unreachable = Path("172.16.0.1");
        unreachable.LocalPref = 300;
        h.Announce(far, unreachable, Net);
        h.Announce(near, Path("10.99.0.2"), Net);
        Assert.That(BestFrom(h), Is.EqualTo("10.99.0.2"));
    }

    [Test]
    public void Lower_igp_metric_to_the_next_hop_wins_between_internal_routes()
    {
        var h = new ProtocolHarness();
        h.Origin.AnnounceVia("10.50.0.0/24", "10.99.0.254", "eth0", igpMetric: 20);
        h.Origin.AnnounceVia("10.51.0.0/24", "10.99.0.254", "eth0", igpMetric: 5);
        h.Loop.RunPending();
        var lowId = h.AddPeer("10.99.0.2");
        h.Establish(lowId, 0x0A630002);
        var highId = h.AddPeer("10.99.0.3");
        h.Establish(highId, 0x0A630003);
        h.Announce(lowId, Path("10.50.0.1"), Net);
        h.Announce(highId, Path("10.51.0.1"), Net);
        Assert.That(BestFrom(h), Is.EqualTo("10.99.0.3"));

        // The IGP route changes: the other path is now nearer and takes over.
        h.Origin.AnnounceVia("10.50.0.0/24", "10.99.0.254", "eth0", igpMetric: 1);
        h.Loop.RunPending();
        Assert.That(BestFrom(h), Is.EqualTo("10.99.0.2"));
    }

    [Test]
    public void With_igp_metric_off_the_router_id_decides()
    {
        var h = new ProtocolHarness();
        h.Origin.AnnounceVia("10.50.0.0/24", "10.99.0.254", "eth0", igpMetric: 20);
        h.Origin.AnnounceVia("10.51.0.0/24", "10.99.0.254", "eth0", igpMetric: 5);
        h.Loop.RunPending();
        var lowId = h.AddPeer("10.99.0.2", tweak: o => o with { IgpMetric = false });
        h.Establish(lowId, 0x0A630002);
        var highId = h.AddPeer("10.99.0.3", tweak: o => o with { IgpMetric = false });
        h.Establish(highId, 0x0A630003);
        h.Announce(highId, Path("10.51.0.1"), Net);
        h.Announce(lowId, Path("10.50.0.1"), Net);
        Assert.That(BestFrom(h), Is.EqualTo("10.99.0.2"));
    }

    [Test]
    public void Med_is_compared_only_between_routes_from_the_same_neighbour_as_unless_med_metric()
    {
        foreach (var medMetric in new[] { false, true })
        {
            var h = Connected();
            var a = External(h, "10.99.0.2", 65001, 1, o => o with { MedMetric = medMetric });
            var b = External(h, "10.99.0.3", 65002, 2, o => o with { MedMetric = medMetric });
            h.Announce(a, WithMed("10.99.0.2", 50, 65001), Net);
            h.Announce(b, WithMed("10.99.0.3", 10, 65002), Net);
            Assert.That(BestFrom(h), Is.EqualTo(medMetric ? "10.99.0.3" : "10.99.0.2"), $"med metric {medMetric}");
        }
    }

    [Test]
    public void Without_deterministic_med_the_order_of_arrival_decides_as_in_bird()
    {
        var h = Connected();
        Arrive(h, deterministic: false);
        Assert.That(BestFrom(h), Is.EqualTo("10.99.0.4"));
    }

    [Test]
    public void Deterministic_med_compares_the_best_of_each_neighbour_as()
    {
        var h = Connected();
        Arrive(h, deterministic: true);
        // AS 65001's best is .4 (MED 5); against AS 65002's only route the lower router id wins.
        Assert.That(BestFrom(h), Is.EqualTo("10.99.0.3"));
        var suppressed = h.Table.Find(Prefix.Parse(Net))!.Routes.ToList().Where(r => r.Suppressed).Select(r => r.Attributes.From.ToString());
        Assert.That(suppressed, Is.EqualTo(new[] { "10.99.0.2" }));
    }

    [Test]
    public void Deterministic_med_reselects_when_the_group_best_is_withdrawn()
    {
        var h = Connected();
        var (_, b, c) = Arrive(h, deterministic: true);
        h.Receive(b, UpdateEncoder.Withdraw(BgpFamily.IPv4Unicast, [new NlriEntry(Prefix.Parse(Net))], new UpdateEncodeOptions()).Single());
        Assert.That(BestFrom(h), Is.EqualTo("10.99.0.4"));
        h.Receive(c, UpdateEncoder.Withdraw(BgpFamily.IPv4Unicast, [new NlriEntry(Prefix.Parse(Net))], new UpdateEncodeOptions()).Single());
        Assert.That(BestFrom(h), Is.EqualTo("10.99.0.2"));
        Assert.That(h.Best(Net)!.Suppressed, Is.False);
    }

    // A (AS 65001, MED 10, id 1), B (AS 65002, id 2), C (AS 65001, MED 5, id 3), arriving in that order.
    private static (Peer A, Peer B, Peer C) Arrive(ProtocolHarness h, bool deterministic)
    {
        BgpProtocolOptions Tweak(BgpProtocolOptions o) => o with { DeterministicMed = deterministic };
        var a = External(h, "10.99.0.2", 65001, 1, Tweak);
        var b = External(h, "10.99.0.3", 65002, 2, Tweak);
        var c = External(h, "10.99.0.4", 65001, 3, Tweak);
        h.Announce(a, WithMed("10.99.0.2", 10, 65001), Net);
        h.Announce(b, Path("10.99.0.3", 65002), Net);
        h.Announce(c, WithMed("10.99.0.4", 5, 65001), Net);
        return (a, b, c);
    }
}
