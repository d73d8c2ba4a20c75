using System.Text.RegularExpressions;
using Bgpd.Tests.Support;

namespace Bgpd.Tests.EndToEnd;

/// <summary>
/// BIRD 1.6 makes the attributes a route leaves a BGP protocol with before the export filter runs
/// (bgp_import_control: bgp_create_attrs for other protocols' routes, bgp_update_attrs for BGP
/// ones), so export filters read and change bgp_next_hop, bgp_local_pref, bgp_path as they will be
/// sent. The same subject config runs in Debian's BIRD 1.6.8 and in bgpd, each exporting to the
/// same BIRD peer over an iBGP and two eBGP sessions (loopback); what the filter prints and what
/// the peer receives (its `show route all`) must be the same.
/// </summary>
[NonParallelizable]
public class ExportAttributesSideBySideTests
{
    static string SubjectConfig(string log, int listenPort, int peerPort) => $$"""
        router id 10.0.0.1;
        log "{{log}}" all;
        listen bgp address 127.0.0.1 port {{listenPort}};
        filter from_static {
          bgp_local_pref = 333; bgp_next_hop = 198.51.100.1; bgp_med = 44; bgp_origin = ORIGIN_EGP;
          accept;
        }
        filter to_peers {
          print "export ", proto, " ", net, " nh=", bgp_next_hop, " lp=", bgp_local_pref, " path=", bgp_path, " med=", bgp_med;
          if net = 10.2.0.0/16 then { bgp_path.prepend(65123); bgp_local_pref = 250; bgp_next_hop = 192.0.2.9; }
          if net = 10.4.0.0/16 then bgp_local_pref = bgp_local_pref + 7;
          accept;
        }
        protocol device { }
        protocol static plain { route 10.1.0.0/16 blackhole; route 10.2.0.0/16 blackhole; route 10.4.0.0/16 blackhole; }
        protocol static tagged { import filter from_static; route 10.3.0.0/16 blackhole; }
        protocol bgp ibgp {
          local 127.0.0.1 as 65001; neighbor 127.0.0.2 port {{peerPort}} as 65001; source address 127.0.0.1;
          multihop; import all; export filter to_peers;
        }
        protocol bgp ebgp {
          local 127.0.0.4 as 65001; neighbor 127.0.0.3 port {{peerPort}} as 65002; source address 127.0.0.4;
          multihop; import all; export filter to_peers;
        }
        protocol bgp ebgp2 {
          local 127.0.0.6 as 65001; neighbor 127.0.0.5 port {{peerPort}} as 65003; source address 127.0.0.6;
          multihop; import all; export filter to_peers;
        }
        """;

    static string PeerConfig(int peerPort) => $$"""
        router id 10.0.0.2;
        listen bgp port {{peerPort}};
        filter with_med { bgp_med = 77; accept; }
        protocol device { }
        protocol static far { route 10.50.0.0/16 blackhole; }
        protocol bgp ibgp { local 127.0.0.2 as 65001; neighbor 127.0.0.1 as 65001; source address 127.0.0.2; multihop; passive; import all; export none; }
        protocol bgp ebgp { local 127.0.0.3 as 65002; neighbor 127.0.0.4 as 65001; source address 127.0.0.3; multihop; passive; import all; export filter with_med; }
        protocol bgp ebgp2 { local 127.0.0.5 as 65003; neighbor 127.0.0.6 as 65001; source address 127.0.0.5; multihop; passive; import all; export none; }
        """;

    sealed record Observed(string PeerRoutes, string Prints);

    [Test]
    public void Export_filters_see_and_peers_receive_the_same_bgp_attributes_as_in_bird()
    {
        var bird = Observe(useBgpd: false);
        var ours = Observe(useBgpd: true);
        TestContext.Out.WriteLine("BIRD prints:\n" + bird.Prints + "\nbgpd prints:\n" + ours.Prints);
        TestContext.Out.WriteLine("peer, subject BIRD:\n" + bird.PeerRoutes + "\npeer, subject bgpd:\n" + ours.PeerRoutes);
        Assert.Multiple(() =>
        {
            // The filter saw the created attributes (no void): the comparison below is not vacuous.
            Assert.That(bird.Prints, Does.Contain("export plain 10.1.0.0/16 nh=127.0.0.1 lp=100 path=(path )"));
            Assert.That(ours.Prints, Is.EqualTo(bird.Prints), "what the export filter printed");
            Assert.That(ours.PeerRoutes, Is.EqualTo(bird.PeerRoutes), "what the peer received");
        });
    }

    static Observed Observe(bool useBgpd)
    {
        using var dir = new TempDir();
        var ports = FreePorts.Take(2);
        var log = Path.Combine(dir.Path, "subject.log");
        var peerSocket = Path.Combine(dir.Path, "peer.ctl");
        using var peer = BirdDaemon.Start(dir.Write("peer.conf", PeerConfig(ports[1])), peerSocket);
        var config = SubjectConfig(log, ports[0], ports[1]);
        using var subjectBird = useBgpd ? null : BirdDaemon.Start(dir.Write("subject.conf", config), Path.Combine(dir.Path, "subject.ctl"));
        using var subjectBgpd = useBgpd ? BgpdProcess.Start(config) : null;
        // 10.50/16 comes from the peer's eBGP session and goes back out over iBGP and the second eBGP session.
        const int expectedRoutes = 15;
        var routes = "";
        var deadline = DateTime.UtcNow.AddSeconds(40);
        while (DateTime.UtcNow < deadline)
        {
            routes = PeerRoutes(Birdc.Run(peerSocket, "show route all"));
            if (Regex.Matches(routes, "^\\S+ \\[", RegexOptions.Multiline).Count >= expectedRoutes) break;
            Thread.Sleep(200);
        }
        Thread.Sleep(500); // the subject's log is written as routes leave; let the last lines land
        var prints = File.Exists(log)
            ? string.Join("\n", File.ReadAllLines(log).Where(l => l.Contains("export ", StringComparison.Ordinal))
                .Select(l => l[(l.IndexOf("export ", StringComparison.Ordinal))..]).Order(StringComparer.Ordinal))
            : "";
        return new Observed(routes, prints);
    }

    /// <summary>`show route all` as one entry per route (network, protocol, attributes), times masked, sorted.</summary>
    static string PeerRoutes(string listing)
    {
        var entries = new List<string>();
        var net = "";
        List<string>? current = null;
        foreach (var raw in listing.Split('\n').Skip(1))
        {
            var line = Regex.Replace(raw, @"\d\d:\d\d:\d\d", "TIME");
            var route = Regex.Match(line, @"^(\S+)?\s+(?:unreachable|blackhole|via \S+ on \S+)\s+\[(\S+) .*$");
            if (route.Success)
            {
                if (route.Groups[1].Success) net = route.Groups[1].Value;
                current = [$"{net} [{route.Groups[2].Value} {line[(line.IndexOf(']') + 1)..].Trim()}"];
                entries.Add("");
                continue;
            }
            if (current is not null && line.StartsWith('\t'))
            {
                current.Add(line.Trim());
                entries[^1] = string.Join(" | ", current);
            }
        }
        return string.Join("\n", entries.Where(e => e.Length > 0).Order(StringComparer.Ordinal));
    }
}
