using Bgpd.Net;
using Bgpd.Netlink.Device;
using Bgpd.Netlink.Direct;
using Bgpd.Rib.Attributes;

namespace Bgpd.Netlink.Tests.Namespaces;

/// <summary>Device and direct protocols following a real namespace's interfaces.</summary>
[NonParallelizable]
public class DeviceAndDirectInNamespaceTests
{
    private static DeviceProtocol StartDevice(LoopHost host, int scanTime = 600) => host.Invoke(() =>
    {
        var device = new DeviceProtocol("device1", host.Loop, host.V4, new DeviceOptions { ScanTimeSeconds = scanTime }, host.Hub);
        device.Start();
        return device;
    });

    private static DirectProtocol StartDirect(LoopHost host, params DirectInterfacePattern[] patterns) => host.Invoke(() =>
    {
        var direct = new DirectProtocol("direct1", host.Loop, host.V4, new DirectOptions { Interfaces = patterns }, host.Hub);
        direct.Start();
        return direct;
    });

    [Test]
    public void Show_interfaces_lists_the_namespace_and_forgets_a_deleted_interface()
    {
        using var ns = TestNamespace.Create();
        ns.AddVeth("rsv16", "rsv16p", "10.99.0.1/24");
        ns.AddVeth("cali1234", "cali1234p", "192.168.16.1/32");
        using var host = new LoopHost(ns);
        var device = StartDevice(host);
        var summary = host.Invoke(() => device.ShowInterfacesSummary().Select(l => l.Text).ToList());
        Assert.That(summary[0], Is.EqualTo("interface state address"));
        Assert.That(summary, Does.Contain("lo        up    127.0.0.1/8"));
        Assert.That(summary, Does.Contain("rsv16     up    10.99.0.1/24"));
        Assert.That(summary, Does.Contain("rsv16p    DOWN  "));
        var show = host.Invoke(() => device.ShowInterfaces().ToList());
        Assert.That(show, Does.Contain((1004, "\tMultiAccess AdminUp LinkUp Loopback Ignored MTU=65536")));
        Assert.That(show, Does.Contain((1003, "\t192.168.16.1/32 (Primary, scope site)")));
        ns.Ip("link del cali1234");
        Assert.That(host.Eventually(() => device.Interfaces.Find("cali1234") is null && device.Interfaces.Find("cali1234p") is null), Is.True);
        Assert.That(host.Invoke(() => device.TryFindNeighbor(IpAddress.Parse("10.99.0.2"), null, out var s) ? s.Name : null), Is.EqualTo("rsv16"));
    }

    [Test]
    public void Periodic_scan_runs_on_the_scan_time()
    {
        using var ns = TestNamespace.Create();
        using var host = new LoopHost(ns);
        var device = StartDevice(host, scanTime: 1);
        Assert.That(host.Eventually(() => device.Scans >= 3, seconds: 5), Is.True);
    }

    [Test]
    public void Direct_with_calico_pattern_skips_cali_interfaces_and_follows_interface_state()
    {
        using var ns = TestNamespace.Create();
        ns.AddVeth("eth0", "eth0p", "10.99.0.1/24");
        ns.AddVeth("cali1234", "cali1234p", "192.168.16.1/32");
        using var host = new LoopHost(ns);
        var direct = StartDirect(host, new DirectInterfacePattern("cali*", Negated: true), new DirectInterfacePattern("*"));
        var route = host.Invoke(() => host.V4.Find(Prefix.Parse("10.99.0.0/24"))?.Best);
        Assert.That(route, Is.Not.Null);
        Assert.That((route!.Attributes.Source, route.Attributes.Dest, route.Attributes.InterfaceName, route.Preference),
            Is.EqualTo((RouteSource.Device, RouteDest.Device, "eth0", 240)));
        Assert.That(host.Invoke(() => host.V4.Find(Prefix.Parse("192.168.16.1/32"))), Is.Null);
        Assert.That(host.Invoke(() => host.V4.Find(Prefix.Parse("127.0.0.0/8"))), Is.Null, "host-scope addresses get no device route");

        ns.Ip("link set eth0 down");
        Assert.That(host.Eventually(() => host.V4.Find(Prefix.Parse("10.99.0.0/24")) is null), Is.True);
        ns.Ip("link set eth0 up");
        Assert.That(host.Eventually(() => host.V4.Find(Prefix.Parse("10.99.0.0/24")) is not null), Is.True);
        ns.Ip("addr add 10.97.0.1/24 dev eth0");
        Assert.That(host.Eventually(() => direct.Announced.Contains(Prefix.Parse("10.97.0.0/24"))), Is.True);
        ns.Ip("link del eth0");
        Assert.That(host.Eventually(() => host.V4.NetCount == 0), Is.True);
    }

    [Test]
    public void Direct_with_dash_inside_quotes_excludes_that_interface_and_admits_the_listed_ones()
    {
        using var ns = TestNamespace.Create();
        ns.AddVeth("dummy0", "dummy0p", "10.1.0.1/24");
        ns.AddVeth("eth1", "eth1p", "10.2.0.1/24");
        ns.AddVeth("ens3", "ens3p", "10.3.0.1/24");
        using var host = new LoopHost(ns);
        var direct = StartDirect(host, new DirectInterfacePattern("-dummy0"), new DirectInterfacePattern("eth*"));
        Assert.That(host.Invoke(() => direct.Announced.Select(p => p.ToString()).ToList()), Is.EqualTo(new[] { "10.2.0.0/24" }));
    }
}
