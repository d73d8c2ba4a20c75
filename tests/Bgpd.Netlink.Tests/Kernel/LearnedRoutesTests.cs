using Bgpd.Net;
using Bgpd.Netlink.Kernel;
using Bgpd.Netlink.Rtnetlink;

namespace Bgpd.Netlink.Tests.Kernel;

public class LearnedRoutesTests
{
    [Test]
    public void Lowest_metric_alien_route_wins_like_bird()
    {
        var learned = new LearnedRoutes();
        var changes = new List<LearnedChange>();
        learned.Apply(Routes.Via("10.82.0.0/24", "10.98.0.3", RouteProtocol.Static, metric: 5), false, changes);
        learned.Apply(Routes.Via("10.82.0.0/24", "10.99.0.1", RouteProtocol.Boot, metric: 0), false, changes);
        Assert.That(changes, Has.Count.EqualTo(2));
        Assert.That(changes[^1].Best!.Value.Gateway, Is.EqualTo(IpAddress.Parse("10.99.0.1")));
        Assert.That(learned.TryGetAnnounced(Prefix.Parse("10.82.0.0/24"), out var best), Is.True);
        Assert.That(best.Protocol, Is.EqualTo(RouteProtocol.Boot));
    }

    [Test]
    public void Deleting_the_best_falls_back_to_the_next_metric_then_withdraws()
    {
        var learned = new LearnedRoutes();
        var changes = new List<LearnedChange>();
        learned.Apply(Routes.Via("10.82.0.0/24", "10.98.0.3", RouteProtocol.Static, metric: 5), false, changes);
        learned.Apply(Routes.Via("10.82.0.0/24", "10.99.0.1", RouteProtocol.Boot, metric: 0), false, changes);
        changes.Clear();
        learned.Apply(Routes.Via("10.82.0.0/24", "10.99.0.1", RouteProtocol.Boot, metric: 0), true, changes);
        Assert.That(changes.Single().Best!.Value.Priority, Is.EqualTo(5u));
        changes.Clear();
        learned.Apply(Routes.Via("10.82.0.0/24", "10.98.0.3", RouteProtocol.Static, metric: 5), true, changes);
        Assert.That(changes.Single().Best, Is.Null);
        Assert.That(learned.Count, Is.Zero);
    }

    [Test]
    public void Repeated_identical_notification_causes_no_change()
    {
        var learned = new LearnedRoutes();
        var changes = new List<LearnedChange>();
        learned.Apply(Routes.Dev("10.65.0.2/32", 4, metric: 1024), false, changes);
        learned.Apply(Routes.Dev("10.65.0.2/32", 4, metric: 1024), false, changes);
        Assert.That(changes, Has.Count.EqualTo(1));
    }

    [Test]
    public void Same_metric_update_replaces_the_route()
    {
        var learned = new LearnedRoutes();
        var changes = new List<LearnedChange>();
        learned.Apply(Routes.Dev("10.65.0.2/32", 4, metric: 1024), false, changes);
        learned.Apply(Routes.Dev("10.65.0.2/32", 5, metric: 1024), false, changes);
        Assert.That(changes.Select(c => c.Best!.Value.OutputInterface), Is.EqualTo(new[] { 4, 5 }));
    }

    [Test]
    public void Scan_withdraws_routes_the_dump_no_longer_has_and_adds_new_ones()
    {
        var learned = new LearnedRoutes();
        var changes = new List<LearnedChange>();
        learned.Apply(Routes.Dev("10.65.0.2/32", 4), false, changes);
        learned.Apply(Routes.Dev("10.65.0.3/32", 4), false, changes);
        changes.Clear();
        learned.BeginScan();
        learned.Scanned(Routes.Dev("10.65.0.3/32", 4));
        learned.Scanned(Routes.Dev("10.65.0.4/32", 4));
        Assert.That(changes, Is.Empty, "nothing is announced in the middle of a scan");
        learned.EndScan(changes);
        Assert.That(changes.Select(c => (c.Prefix.ToString(), c.Best is not null)),
            Is.EquivalentTo(new[] { ("10.65.0.2/32", false), ("10.65.0.4/32", true) }));
    }

    [Test]
    public void A_scan_that_finds_everything_unchanged_announces_nothing()
    {
        var learned = new LearnedRoutes();
        var changes = new List<LearnedChange>();
        learned.Apply(Routes.Dev("10.65.0.2/32", 4), false, changes);
        learned.Apply(Routes.Via("10.82.0.0/24", "10.98.0.3", RouteProtocol.Static, metric: 5), false, changes);
        changes.Clear();
        learned.BeginScan();
        learned.Scanned(Routes.Via("10.82.0.0/24", "10.98.0.3", RouteProtocol.Static, metric: 5));
        learned.Scanned(Routes.Dev("10.65.0.2/32", 4));
        learned.EndScan(changes);
        Assert.That(changes, Is.Empty);
        Assert.That(learned.Count, Is.EqualTo(2));
    }

    [Test]
    public void A_scan_that_finds_a_route_changed_in_place_announces_the_new_one()
    {
        var learned = new LearnedRoutes();
        var changes = new List<LearnedChange>();
        learned.Apply(Routes.Dev("10.65.0.2/32", 4, metric: 1024), false, changes);
        changes.Clear();
        learned.BeginScan();
        learned.Scanned(Routes.Dev("10.65.0.2/32", 7, metric: 1024));
        learned.EndScan(changes);
        Assert.That(changes.Single().Best!.Value.OutputInterface, Is.EqualTo(7));
        Assert.That(learned.TryGetAnnounced(Prefix.Parse("10.65.0.2/32"), out var now) && now.OutputInterface == 7, Is.True);
    }

    [Test]
    public void Live_migration_metric_512_route_wins_and_its_removal_falls_back_to_1024()
    {
        var learned = new LearnedRoutes();
        var changes = new List<LearnedChange>();
        learned.Apply(Routes.Dev("10.65.0.2/32", 4, metric: 1024), false, changes);
        learned.Apply(Routes.Dev("10.65.0.2/32", 4, metric: 512), false, changes);
        Assert.That(changes.Select(c => c.Best!.Value.Priority), Is.EqualTo(new[] { 1024u, 512u }));
        changes.Clear();
        learned.Apply(Routes.Dev("10.65.0.2/32", 4, metric: 512), true, changes);
        Assert.That(changes.Single().Best!.Value.Priority, Is.EqualTo(1024u), "live migration over: back to the 1024 route");
    }
}
