using Bgpd.Rib;
using Bgpd.Rib.Protocols;
using static Bgpd.Bgp.Tests.Protocol.ProtocolHarness;

namespace Bgpd.Bgp.Tests.Protocol;

/// <summary>`debug { events }` on a BGP protocol: BIRD 1.6's BGP_TRACE(D_EVENTS) lines, and nothing without it.</summary>
public class EventTraceTests
{
    private static List<string> Run(ProtocolDebug debug)
    {
        var h = new ProtocolHarness();
        var log = new List<string>();
        h.Loop.LogMessage += (level, message) => { if (level == RibLogLevel.Trace) log.Add(message); };
        var peer = h.AddPeer("10.99.0.2", connect: false);
        peer.Protocol.Debug = debug;
        peer.Protocol.Start();
        h.Loop.RunPending();
        h.Establish(peer, 0x0A630002);
        peer.Protocol.Stop();
        h.Loop.RunPending();
        return log;
    }

    [Test]
    public void Events_trace_start_incoming_connection_establishment_and_shutdown()
    {
        var log = Run(ProtocolDebug.Events);
        const string name = "peer_10_99_0_2";
        Assert.That(log, Is.SupersetOf(new[]
        {
            $"{name}: Started",
            $"{name}: Incoming connection from 10.99.0.2 accepted",
            $"{name}: BGP session established",
            $"{name}: Shutdown requested",
            $"{name}: Down",
        }));
        Assert.That(log.IndexOf($"{name}: Started"), Is.LessThan(log.IndexOf($"{name}: BGP session established")));
        Assert.That(log, Has.None.Contains("State changed"), "states are a different switch");
    }

    [Test]
    public void Without_debug_events_nothing_is_traced()
    {
        Assert.That(Run(ProtocolDebug.None), Is.Empty);
    }
}
