using Bgpd.Net;
using Bgpd.Netlink.Kernel;
using Bgpd.Netlink.Rtnetlink;

namespace Bgpd.Netlink.Tests.Kernel;

public class OwnRouteSyncTests
{
    private static OwnRouteSync ReadyAndScanned(params RouteMessage[] inKernel)
    {
        var sync = new OwnRouteSync { Ready = true };
        sync.BeginScan();
        foreach (var r in inKernel)
            sync.Scanned(r);
        sync.EndScan([]);
        return sync;
    }

    [Test]
    public void Exports_before_the_first_scan_do_not_touch_the_kernel()
    {
        var sync = new OwnRouteSync();
        var ops = new List<KernelOperation>();
        sync.SetDesired(Prefix.Parse("10.10.2.0/24"), Routes.Via("10.10.2.0/24", "10.99.0.2"), ops);
        Assert.That(ops, Is.Empty);
        Assert.That(sync.Initialized, Is.False);
    }

    [Test]
    public void First_scan_installs_missing_exports_and_keeps_matching_ones()
    {
        var sync = new OwnRouteSync { Ready = true };
        var ops = new List<KernelOperation>();
        sync.SetDesired(Prefix.Parse("10.10.2.0/24"), Routes.Via("10.10.2.0/24", "10.99.0.2"), ops);
        sync.SetDesired(Prefix.Parse("10.10.5.0/24"), Routes.Via("10.10.5.0/24", "10.99.0.2"), ops);
        sync.BeginScan();
        sync.Scanned(Routes.Via("10.10.2.0/24", "10.99.0.2"));
        sync.EndScan(ops);
        Assert.That(ops.Select(o => (o.Kind, o.Route.Destination.ToString())),
            Is.EqualTo(new[] { (KernelOperationKind.Add, "10.10.5.0/24") }));
        Assert.That(sync.Initialized, Is.True);
    }

    [Test]
    public void Scan_deletes_foreign_proto_bird_routes_nobody_exports()
    {
        var sync = new OwnRouteSync { Ready = true };
        var ops = new List<KernelOperation>();
        sync.BeginScan();
        sync.Scanned(Routes.Via("10.81.0.0/24", "10.99.0.2"));
        sync.EndScan(ops);
        Assert.That(ops.Single().Kind, Is.EqualTo(KernelOperationKind.Delete));
        Assert.That(ops.Single().Route.Destination, Is.EqualTo(Prefix.Parse("10.81.0.0/24")));
    }

    [Test]
    public void While_not_ready_stale_routes_survive_the_scan()
    {
        var sync = new OwnRouteSync();
        var ops = new List<KernelOperation>();
        sync.BeginScan();
        sync.Scanned(Routes.Via("10.10.3.0/24", "10.99.0.2"));
        sync.EndScan(ops);
        Assert.That(ops, Is.Empty);
        sync.Ready = true;
        sync.BeginScan();
        sync.Scanned(Routes.Via("10.10.3.0/24", "10.99.0.2"));
        sync.EndScan(ops);
        Assert.That(ops.Single().Kind, Is.EqualTo(KernelOperationKind.Delete));
    }

    [Test]
    public void Changed_export_with_same_metric_is_replaced_in_place()
    {
        var sync = ReadyAndScanned();
        var ops = new List<KernelOperation>();
        var prefix = Prefix.Parse("10.10.2.0/24");
        sync.SetDesired(prefix, Routes.Via("10.10.2.0/24", "10.99.0.2"), ops);
        sync.SetDesired(prefix, Routes.Via("10.10.2.0/24", "10.99.0.3"), ops);
        Assert.That(ops.Select(o => o.Kind), Is.EqualTo(new[] { KernelOperationKind.Add, KernelOperationKind.Replace }));
    }

    [Test]
    public void Changed_metric_adds_the_new_route_before_deleting_the_old()
    {
        var sync = ReadyAndScanned();
        var ops = new List<KernelOperation>();
        var prefix = Prefix.Parse("10.10.2.0/24");
        sync.SetDesired(prefix, Routes.Via("10.10.2.0/24", "10.99.0.2", metric: 0), ops);
        ops.Clear();
        sync.SetDesired(prefix, Routes.Via("10.10.2.0/24", "10.99.0.2", metric: 7), ops);
        Assert.That(ops.Select(o => (o.Kind, o.Route.Priority)),
            Is.EqualTo(new[] { (KernelOperationKind.Add, 7u), (KernelOperationKind.Delete, 0u) }));
    }

    [Test]
    public void Withdrawn_export_is_deleted_and_unchanged_export_is_not_rewritten()
    {
        var sync = ReadyAndScanned();
        var ops = new List<KernelOperation>();
        var prefix = Prefix.Parse("10.10.2.0/24");
        sync.SetDesired(prefix, Routes.Via("10.10.2.0/24", "10.99.0.2"), ops);
        sync.SetDesired(prefix, Routes.Via("10.10.2.0/24", "10.99.0.2"), ops);
        sync.SetDesired(prefix, null, ops);
        Assert.That(ops.Select(o => o.Kind), Is.EqualTo(new[] { KernelOperationKind.Add, KernelOperationKind.Delete }));
    }

    [Test]
    public void Route_deleted_by_hand_is_reinstalled_at_the_next_scan()
    {
        var sync = ReadyAndScanned();
        var ops = new List<KernelOperation>();
        var prefix = Prefix.Parse("10.10.2.0/24");
        sync.SetDesired(prefix, Routes.Via("10.10.2.0/24", "10.99.0.2"), ops);
        ops.Clear();
        sync.BeginScan();
        sync.EndScan(ops);
        Assert.That(ops.Single().Kind, Is.EqualTo(KernelOperationKind.Add));
    }

    [Test]
    public void Failed_add_is_flagged_and_retried_by_the_next_change()
    {
        var sync = ReadyAndScanned();
        var ops = new List<KernelOperation>();
        var prefix = Prefix.Parse("10.10.2.0/24");
        var route = Routes.Via("10.10.2.0/24", "10.99.0.2");
        sync.SetDesired(prefix, route, ops);
        sync.Completed(ops[0], 17);
        Assert.That(sync.HasSyncError(prefix), Is.True);
        ops.Clear();
        sync.SetDesired(prefix, route, ops);
        Assert.That(ops.Single().Kind, Is.EqualTo(KernelOperationKind.Add));
        sync.Completed(ops[0], 0);
        Assert.That(sync.HasSyncError(prefix), Is.False);
    }

    [Test]
    public void Flush_deletes_everything_installed()
    {
        var sync = ReadyAndScanned();
        var ops = new List<KernelOperation>();
        sync.SetDesired(Prefix.Parse("10.10.2.0/24"), Routes.Via("10.10.2.0/24", "10.99.0.2"), ops);
        sync.SetDesired(Prefix.Parse("10.10.3.0/24"), Routes.Via("10.10.3.0/24", "10.99.0.2"), ops);
        ops.Clear();
        sync.Flush(ops);
        Assert.That(ops.Select(o => o.Kind), Is.All.EqualTo(KernelOperationKind.Delete));
        Assert.That(ops, Has.Count.EqualTo(2));
    }

    [Test]
    public void Multipath_routes_compare_equal_regardless_of_hop_order()
    {
        var a = Routes.Via("10.10.4.0/24", "10.99.0.2") with
        {
            Gateway = null,
            OutputInterface = 0,
            NextHops = [new NextHop(IpAddress.Parse("10.99.0.3"), 2, 2), new NextHop(IpAddress.Parse("10.99.0.2"), 2, 1)],
        };
        var b = a with { NextHops = [new NextHop(IpAddress.Parse("10.99.0.2"), 2, 1), new NextHop(IpAddress.Parse("10.99.0.3"), 2, 2)] };
        var c = a with { NextHops = [new NextHop(IpAddress.Parse("10.99.0.2"), 2, 1), new NextHop(IpAddress.Parse("10.99.0.3"), 2, 1)] };
        Assert.That(RouteComparison.SameForwarding(a, b), Is.True);
        Assert.That(RouteComparison.SameForwarding(a, c), Is.False);
    }
}
