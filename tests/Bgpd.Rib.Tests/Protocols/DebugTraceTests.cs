using Bgpd.Rib.Filtering;
using Bgpd.Rib.Protocols;
using Bgpd.Rib.Tests.Support;
using NUnit.Framework;

namespace Bgpd.Rib.Tests.Protocols;

/// <summary>`debug { states, routes, filters }` trace lines, worded and ordered as BIRD 1.6 logs them.</summary>
public class DebugTraceTests
{
    static List<string> Traces(TestRib rib) => rib.Log.Where(l => l.Level == RibLogLevel.Trace).Select(l => l.Message).ToList();

    [Test]
    public void A_protocol_that_starts_and_stops_at_once_traces_states_routes_and_filtered_routes()
    {
        var rib = new TestRib();
        var tens = Filters.FromDelegate("tens", e => e.Net.ToString().StartsWith("10.", StringComparison.Ordinal) ? FilterVerdict.Accept : FilterVerdict.Reject);
        var s1 = new TestProtocol("s1", rib.Loop, rib.Master, "Static", 200, new ChannelOptions { ImportFilter = tens })
        {
            Debug = ProtocolDebug.States | ProtocolDebug.Routes | ProtocolDebug.Filters,
            TakesExports = false,
        };
        var other = rib.Protocol("s2", "Static", 100);
        other.Announce("10.2.0.0/16", other.Blackhole());

        s1.Start();
        s1.Announce("10.1.0.0/16", s1.Blackhole());
        s1.Announce("192.168.0.0/16", s1.Blackhole());
        s1.Announce("10.2.0.0/16", s1.Blackhole());
        s1.Stop();

        var traces = Traces(rib);
        Assert.Multiple(() =>
        {
            Assert.That(traces.Take(9), Is.EqualTo(new[]
            {
                "s1: Starting",
                "s1: Connected to table master",
                "s1: State changed to feed",
                "s1: State changed to up",
                "s1 > added [best] 10.1.0.0/16 blackhole",
                "s1 > filtered out 192.168.0.0/16 blackhole",
                "s1 > added [best] 10.2.0.0/16 blackhole",
                "s1: Shutting down",
                "s1: State changed to flush",
            }));
            // The flush walks the table, in hash order as BIRD's does.
            Assert.That(traces.Skip(9).Take(2), Is.EquivalentTo(new[]
            {
                "s1 > removed [sole] 10.1.0.0/16 blackhole",
                "s1 > removed [replaced] 10.2.0.0/16 blackhole",
            }));
            Assert.That(traces.Skip(11), Is.EqualTo(new[] { "s1: State changed to down" }));
        });
    }

    [Test]
    public void A_session_protocol_traces_start_and_stop_and_the_routes_it_is_sent()
    {
        var rib = new TestRib();
        var local = rib.Protocol("local1", "Static", 200);
        local.Announce("10.1.0.0/16", local.Blackhole());
        var peer = new TestProtocol("b1", rib.Loop, rib.Master, "BGP", 100) { Asynchronous = true, Debug = ProtocolDebug.States | ProtocolDebug.Routes };

        peer.Start();
        peer.Complete(ProtocolState.Up);
        local.Withdraw("10.1.0.0/16");
        peer.Stop();
        peer.Complete(ProtocolState.Down);

        Assert.That(Traces(rib), Is.EqualTo(new[]
        {
            "b1: Starting",
            "b1: State changed to start",
            "b1: Connected to table master",
            "b1: State changed to feed",
            "b1 < added 10.1.0.0/16 blackhole",
            "b1: State changed to up",
            "b1 < removed 10.1.0.0/16 blackhole",
            "b1: Shutting down",
            "b1: State changed to stop",
            "b1: State changed to down",
        }));
    }

    [Test]
    public void Without_debug_switches_nothing_is_traced()
    {
        var rib = new TestRib();
        var s1 = rib.Protocol("s1", "Static", 200);
        s1.Announce("10.1.0.0/16", s1.Blackhole());
        s1.Stop();
        Assert.That(Traces(rib), Is.Empty);
    }
}
