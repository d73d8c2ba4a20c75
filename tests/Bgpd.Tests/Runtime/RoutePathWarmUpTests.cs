using Bgpd.Config;
using Bgpd.Rib;
using Bgpd.Rib.Tables;
using Bgpd.Runtime;

namespace Bgpd.Tests.Runtime;

/// <summary>The start-up warm-up (BGP and kernel side) has no visible effect: nothing printed or logged,
/// no route in the daemon's tables, no failure.</summary>
[NonParallelizable] // redirects the console
public class RoutePathWarmUpTests
{
    const string Config = """
        router id 10.0.0.1;
        filter noisy { print "warm-up must stay silent: ", net; accept; }
        protocol kernel { learn; merge paths on; scan time 10; import filter noisy; export filter noisy; }
        protocol bgp n1 { local as 99; neighbor 2.1.1.1 as 99; next hop self; import filter noisy; export filter noisy; }
        """;

    [TestCase("")]
    [TestCase("rr client; rr cluster id 1.1.1.1;")]
    public void Warm_up_prints_logs_and_installs_nothing(string bgpExtra)
    {
        var config = ConfigParser.ParseText(Config.Replace("next hop self;", "next hop self; " + bgpExtra), "test.conf");
        var liveLoop = new RoutingLoop();
        var liveTable = new RoutingTable("master", TableFamily.Ipv4, liveLoop);
        var logged = new List<string>();
        liveLoop.LogMessage += (_, message) => logged.Add(message);
        var failures = new List<string>();
        var output = new StringWriter();
        var (stdout, stderr) = (Console.Out, Console.Error);
        Console.SetOut(output);
        Console.SetError(output);
        try
        {
            RoutePathWarmUp.Run(config, 0x0A000001, failures.Add);
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
        }
        liveLoop.RunPending();

        Assert.Multiple(() =>
        {
            Assert.That(failures, Is.Empty, "the warm-up ran to the end");
            Assert.That(output.ToString(), Is.Empty, "nothing printed (filters compiled silently)");
            Assert.That(logged, Is.Empty, "nothing logged");
            Assert.That(liveTable.NetCount, Is.Zero, "no route in the daemon's table");
        });
    }
}
