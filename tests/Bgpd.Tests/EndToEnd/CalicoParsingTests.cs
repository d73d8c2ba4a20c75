using System.Text.RegularExpressions;
using Bgpd.Tests.Support;

namespace Bgpd.Tests.EndToEnd;

/// <summary>
/// calicoctl's parser (calicoctl node status, FRAMING.md §8 and the Calico transcripts README)
/// applied to bgpd's output: only 0000/0001/2002/1002/space lines, the lowercase header split
/// into exactly six words, one-token since; show status ends with 0013 and 0024 marks GR.
/// </summary>
[NonParallelizable]
public class CalicoParsingTests
{
    const string MeshConfig = """
        router id 10.0.0.1;
        filter calico_export_to_bgp_peers { reject; }
        protocol static static1 { route 10.10.1.0/24 blackhole; }
        protocol bgp Mesh_10_0_0_2 {
          local as 64512;
          neighbor 127.0.0.2 as 64512;
          export filter calico_export_to_bgp_peers;
          source address 127.0.0.1;
          passive on;
        }
        protocol bgp Node_10_0_0_3 {
          local as 64512;
          neighbor 127.0.0.3 as 64512;
          disabled;
        }
        listen bgp address 127.0.0.1 port 17999;
        """;

    static readonly Regex PeerName = new("^(Global|Node|Mesh)_(.+)$");

    [Test]
    public void Show_protocols_passes_calicoctls_parser()
    {
        using var bgpd = BgpdProcess.Start(MeshConfig);
        using var c = bgpd.Connect();
        c.Send("show protocols");
        var peers = new List<string[]>();
        var sawHeader = false;
        while (true)
        {
            var line = c.ReadLine()!.TrimEnd('\n');
            if (line.StartsWith("0000")) break;
            if (line.StartsWith("0001")) continue;
            if (line.StartsWith("2002"))
            {
                Assert.That(line[5..].Split(' ', StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[] { "name", "proto", "table", "state", "since", "info" }));
                sawHeader = true;
                continue;
            }
            Assert.That(line.StartsWith("1002") || line.StartsWith(' '), Is.True, $"unexpected output line from BIRD: {line}");
            var cols = line[(line.StartsWith(' ') ? 1 : 5)..].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (!PeerName.IsMatch(cols[0])) continue;
            Assert.That(cols[1], Is.EqualTo("BGP"));
            peers.Add(cols);
        }
        Assert.Multiple(() =>
        {
            Assert.That(sawHeader, Is.True);
            Assert.That(peers.Select(p => p[0]), Is.EqualTo(new[] { "Mesh_10_0_0_2", "Node_10_0_0_3" }));
            Assert.That(peers[0][3], Is.EqualTo("start"));
            Assert.That(peers[0][4], Does.Match(@"^\d\d:\d\d:\d\d$"), "since must be one token");
            Assert.That(peers[0][5], Is.AnyOf("Idle", "Connect", "Active", "Passive"));
            Assert.That(peers[1][3], Is.EqualTo("down"));
        });
    }

    [Test]
    public void Show_status_ends_with_0013_and_has_no_graceful_restart_lines_without_minus_r()
    {
        using var bgpd = BgpdProcess.Start(MeshConfig);
        using var c = bgpd.Connect();
        c.ReadReply();
        var lines = c.Command("show status").TrimEnd('\n').Split('\n');
        Assert.Multiple(() =>
        {
            Assert.That(lines[^1], Is.EqualTo("0013 Daemon is up and running"));
            Assert.That(lines.Any(l => l.StartsWith("0024")), Is.False);
        });
    }
}
