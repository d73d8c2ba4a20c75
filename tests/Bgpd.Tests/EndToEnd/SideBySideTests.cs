using System.Text.RegularExpressions;
using Bgpd.Tests.Support;

namespace Bgpd.Tests.EndToEnd;

/// <summary>
/// Debian's BIRD 1.6.8 and bgpd on the same config, each queried with Debian's birdc; outputs must
/// be identical once times are masked (and, where BIRD lists in hash order, once lines are sorted).
/// </summary>
[NonParallelizable]
public class SideBySideTests
{
    const string Config = """
        router id 10.0.0.7;
        define LOCAL_AS = 64512;
        table aux;
        filter only_tens {
          if net ~ [ 10.0.0.0/8+ ] then accept;
          reject;
        }
        filter show_lift {
          if net ~ [ 10.10.0.0/16+ ] then { preference = 300; bgp_local_pref = 5; krt_metric = 7; }
          if net = 192.168.16.0/26 then bgp_med = 9;
          accept;
        }
        filter static_tmp {
          krt_metric = 600;
          bgp_med = 3;
          accept;
        }
        protocol device device1 {
          scan time 10;
        }
        protocol static static1 {
          route 10.10.1.0/24 blackhole;
          route 10.10.2.0/24 unreachable;
          route 10.10.3.0/24 prohibit;
          route 192.168.16.0/26 blackhole;
        }
        protocol static static2 {
          route 10.10.1.0/24 unreachable;
          preference 150;
        }
        protocol static static3 {
          import filter static_tmp;
          route 10.30.0.0/24 blackhole;
        }
        protocol pipe p_aux {
          peer table aux;
          import none;
          export filter only_tens;
        }
        """;

    TempDir _dir = null!;
    BirdDaemon? _bird;
    BgpdProcess? _bgpd;
    string _birdSocket = "";

    [OneTimeSetUp]
    public void Start()
    {
        _dir = new TempDir();
        var conf = _dir.Write("bird.conf", Config);
        _birdSocket = Path.Combine(_dir.Path, "bird.ctl");
        _bird = BirdDaemon.Start(conf, _birdSocket);
        _bgpd = BgpdProcess.Start(Config);
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _bgpd?.Dispose();
        _bird?.Dispose();
        _dir?.Dispose();
    }

    static string Mask(string output) =>
        Regex.Replace(Regex.Replace(output, @"\d{4}-\d\d-\d\d", "DATE"), @"\d\d:\d\d:\d\d", "TIME");

    static string Sorted(string output) => string.Join("\n", output.Split('\n').Order(StringComparer.Ordinal));

    [TestCase("show protocols")]
    [TestCase("show protocols all static1")]
    [TestCase("show protocols all static2")]
    [TestCase("show protocols all p_aux")]
    [TestCase("show protocols all device1")]
    [TestCase("show route count")]
    [TestCase("show route table aux count")]
    [TestCase("show status")]
    [TestCase("show route for 10.10.1.7")]
    [TestCase("show route 10.10.1.0/24 all")]
    [TestCase("show route protocol static2")]
    [TestCase("show route protocol nosuch")]
    [TestCase("show protocols nosuch")]
    [TestCase("show static static1")]
    [TestCase("eval LOCAL_AS + 1")]
    [TestCase("show route where net.len = 26")]
    public void Output_is_identical(string command)
    {
        var args = command.Split(' ');
        Assert.That(Mask(Birdc.Run(_bgpd!.SocketPath, args)), Is.EqualTo(Mask(Birdc.Run(_birdSocket, args))));
    }

    [TestCase("show route")]
    [TestCase("show route all")]
    [TestCase("show route table aux")]
    [TestCase("show route export p_aux")]
    [TestCase("show route noexport p_aux")]
    [TestCase("show route primary")]
    [TestCase("show symbols")]
    [TestCase("show route all filter show_lift")]
    [TestCase("show route all export p_aux")]
    [TestCase("show route all protocol static3")]
    public void Output_is_identical_up_to_listing_order(string command)
    {
        var args = command.Split(' ');
        var bird = Mask(Birdc.Run(_birdSocket, args));
        var bgpd = Mask(Birdc.Run(_bgpd!.SocketPath, args));
        if (command.EndsWith(" all"))
        {
            // Route blocks (a route line plus its Type line) move together.
            bird = Regex.Replace(bird, "\n\t", "\u0001\t");
            bgpd = Regex.Replace(bgpd, "\n\t", "\u0001\t");
        }
        Assert.That(Sorted(bgpd), Is.EqualTo(Sorted(bird)));
    }
}
