using Bgpd.LabTool.Topology;
using NUnit.Framework;

namespace Bgpd.Lab.Kernel;

/// <summary>
/// Debian's BIRD 1.6 and bgpd run in twin namespaces (identical interfaces) on the same config and go
/// through the same steps; after each step their kernel tables must become identical.
/// </summary>
[NonParallelizable]
public class KernelTwinTests
{
    private const string Config = """
        router id 10.99.0.1;
        filter kernel_out {
          if proto = "direct1" then reject;
          if net = 10.20.1.0/24 then krt_prefsrc = 10.99.0.1;
          accept;
        }
        protocol kernel {
          learn;
          persist;
          scan time 2;
          import all;
          export filter kernel_out;
        }
        protocol device {
          scan time 2;
        }
        protocol direct {
          interface -"cali*", "*";
        }
        protocol static {
          route 10.10.1.0/24 blackhole;
          route 10.10.2.0/24 via 10.99.0.2;
          route 10.10.3.0/24 unreachable;
          route 10.10.4.0/24 multipath via 10.99.0.3 weight 2 via 10.99.0.2;
          route 10.20.1.0/24 via 10.99.0.2;
        }
        """;

    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(10);

    private static void Both(KernelLabHost a, KernelLabHost b, string ipArgs)
    {
        a.Ip(ipArgs);
        b.Ip(ipArgs);
    }

    private static void AssertSameTables(KernelLabHost bird, KernelLabHost bgpd, string step, Func<string, bool> until, string family = "-4")
    {
        var converged = KernelLabHost.Poll(() =>
        {
            var expected = bird.KernelTable(family);
            return until(expected) && expected == bgpd.KernelTable(family);
        }, Settle);
        Assert.That(bgpd.KernelTable(family), Is.EqualTo(bird.KernelTable(family)), $"kernel tables differ after: {step}");
        Assert.That(converged, Is.True, $"tables did not reach the expected state after: {step}");
    }

    /// <summary>Route listings with the times (which differ between the twins) blanked.</summary>
    private static string Normalized(string text) =>
        System.Text.RegularExpressions.Regex.Replace(text, @"\d\d:\d\d:\d\d", "hh:mm:ss");

    [Test]
    public void Bgpd_and_bird_16_leave_identical_kernel_tables_through_the_same_steps()
    {
        KernelLabHost.RequirePrerequisites();
        using var bird = new KernelLabHost(DaemonKind.Bird);
        using var bgpd = new KernelLabHost(DaemonKind.Bgpd);
        bird.Start(Config);
        bgpd.Start(Config);
        AssertSameTables(bird, bgpd, "start", t => t.Contains("10.10.4.0/24 proto bird") && t.Contains("src 10.99.0.1"));

        // A Felix-style VM route is learned (not exported back) and stays alone in the kernel.
        Both(bird, bgpd, "route add 10.65.0.2 dev tap1 proto boot scope link metric 1024");
        Assert.That(KernelLabHost.Poll(() => bgpd.Birdc("show route 10.65.0.2/32").Contains("[kernel1"), TimeSpan.FromSeconds(2)), Is.True);
        Assert.That(KernelLabHost.Poll(() => bird.Birdc("show route 10.65.0.2/32").Contains("[kernel1"), TimeSpan.FromSeconds(2)), Is.True);
        AssertSameTables(bird, bgpd, "proto boot route added", t => t.Contains("10.65.0.2"));
        Assert.That(Normalized(bgpd.Birdc("show route all 10.65.0.2/32")), Is.EqualTo(Normalized(bird.Birdc("show route all 10.65.0.2/32"))));
        Assert.That(bgpd.Birdc("show interfaces summary"), Is.EqualTo(bird.Birdc("show interfaces summary")));

        // An exported route deleted by hand comes back at the next scan; a foreign proto bird route goes.
        Both(bird, bgpd, "route del 10.10.2.0/24 proto bird");
        Both(bird, bgpd, "route add 10.81.0.0/24 via 10.99.0.2 proto bird");
        AssertSameTables(bird, bgpd, "hand-deleted and foreign proto bird routes", t => t.Contains("10.10.2.0/24") && !t.Contains("10.81.0.0/24"));

        // Interface down and up again: the kernel drops routes through it, the scan restores ours.
        Both(bird, bgpd, "link set rsv16 down");
        AssertSameTables(bird, bgpd, "rsv16 down", t => !t.Contains("10.10.2.0/24"));
        Both(bird, bgpd, "link set rsv16 up");
        AssertSameTables(bird, bgpd, "rsv16 up", t => t.Contains("10.10.2.0/24 via 10.99.0.2") && t.Contains("10.10.4.0/24 proto bird"));

        // persist: a clean stop leaves every proto bird route in place.
        bird.Stop();
        bgpd.Stop();
        AssertSameTables(bird, bgpd, "stop with persist", t => t.Contains("blackhole 10.10.1.0/24 proto bird"));
    }

    private const string Config6 = """
        router id 10.99.0.1;
        protocol kernel {
          learn;
          persist;
          scan time 2;
          import all;
          export all;
        }
        protocol device {
          scan time 2;
        }
        protocol direct {
          interface -"cali*", "*";
        }
        protocol static {
          route fd00:10:1::/48 blackhole;
          route fd00:10:2::/48 via fd00:99::2;
          route fd00:10:3::/48 unreachable;
        }
        """;

    [Test]
    public void Bgpd_6_and_bird6_leave_identical_ipv6_kernel_tables()
    {
        KernelLabHost.RequirePrerequisites();
        using var bird = new KernelLabHost(DaemonKind.Bird, ipv6: true);
        using var bgpd = new KernelLabHost(DaemonKind.Bgpd, ipv6: true);
        bird.Start(Config6);
        bgpd.Start(Config6);
        AssertSameTables(bird, bgpd, "start", t => t.Contains("fd00:10:2::/48 via fd00:99::2") && t.Contains("unreachable fd00:10:3::/48"), "-6");
        Both(bird, bgpd, "-6 route add fd00:65::2/128 dev tap1 proto boot metric 1024");
        Assert.That(KernelLabHost.Poll(() => bgpd.Birdc("show route fd00:65::2/128").Contains("[kernel1"), TimeSpan.FromSeconds(2)), Is.True);
        Both(bird, bgpd, "-6 route del fd00:10:2::/48 proto bird");
        AssertSameTables(bird, bgpd, "hand-deleted route", t => t.Contains("fd00:10:2::/48") && t.Contains("fd00:65::2"), "-6");
        bird.Stop();
        bgpd.Stop();
        AssertSameTables(bird, bgpd, "stop with persist", t => t.Contains("blackhole fd00:10:1::/48"), "-6");
    }
}
