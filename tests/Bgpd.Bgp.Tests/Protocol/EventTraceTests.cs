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

    private static (ProtocolHarness H, Peer Peer, List<string> Log) Traced(Func<Bgpd.Bgp.Protocol.BgpProtocolOptions, Bgpd.Bgp.Protocol.BgpProtocolOptions>? tweak = null)
    {
        var h = new ProtocolHarness();
        var log = new List<string>();
        h.Loop.LogMessage += (level, message) => { if (level == RibLogLevel.Trace) log.Add(message); };
        var peer = h.AddPeer("10.99.0.2", connect: false, tweak: tweak);
        peer.Protocol.Debug = ProtocolDebug.Events | ProtocolDebug.States;
        peer.Protocol.Start();
        h.Loop.RunPending();
        h.Establish(peer, 0x0A630002);
        log.Clear();
        return (h, peer, log);
    }

    [Test]
    public void Lost_session_traces_birds_stop_and_restart()
    {
        var (h, peer, log) = Traced(o => o with { Session = o.Session with { Passive = false } });
        h.Receive(peer, Bgpd.Bgp.Wire.NotificationMessage.Encode(Bgpd.Bgp.Wire.BgpError.Cease(2)));
        h.Time.AdvanceSeconds(5);
        h.Loop.RunPending();

        const string name = "peer_10_99_0_2";
        Assert.That(log, Is.EqualTo(new[]
        {
            $"{name}: BGP session closed",
            $"{name}: State changed to stop",
            $"{name}: Down",
            $"{name}: State changed to down",
            $"{name}: Starting",
            $"{name}: State changed to start",
            $"{name}: Started",
            $"{name}: Connect delayed by 5 seconds",
            $"{name}: Connecting to 10.99.0.2 from local address 0.0.0.0",
        }));
    }

    [Test]
    public void Graceful_restart_is_traced_before_the_session_closes_as_bird_does()
    {
        var caps = Bgpd.Bgp.Session.SessionOptions.DefaultCapabilities([Bgpd.Bgp.Wire.BgpFamily.IPv4Unicast], LocalAs);
        caps.GracefulRestart = new Bgpd.Bgp.Wire.GracefulRestartCapability(false, false, 120, [new Bgpd.Bgp.Wire.GracefulRestartFamily(Bgpd.Bgp.Wire.BgpFamily.IPv4Unicast, true)]);
        var h = new ProtocolHarness();
        var log = new List<string>();
        h.Loop.LogMessage += (level, message) => { if (level == RibLogLevel.Trace) log.Add(message); };
        var peer = h.AddPeer("10.99.0.2", connect: false, tweak: o => o with { Session = o.Session with { Passive = false, ConnectDelayTime = 2 }, SourceAddress = Bgpd.Net.IpAddress.Parse("10.99.0.1") });
        peer.Protocol.Debug = ProtocolDebug.Events | ProtocolDebug.States;
        peer.Protocol.Start();
        h.Loop.RunPending();
        h.Establish(peer, 0x0A630002, caps);
        log.Clear();

        peer.Protocol.Inject(new Bgpd.Bgp.Session.SessionEvent.TcpClosed(Bgpd.Bgp.Session.ConnectionSide.Incoming, null));
        h.Time.AdvanceSeconds(2);
        h.Loop.RunPending();

        const string name = "peer_10_99_0_2";
        Assert.That(log, Is.EqualTo(new[]
        {
            $"{name}: Connection closed",
            $"{name}: Neighbor graceful restart detected",
            $"{name}: State changed to start",
            $"{name}: BGP session closed",
            $"{name}: Connect delayed by 2 seconds",
            $"{name}: Connecting to 10.99.0.2 from local address 10.99.0.1",
        }));
    }

    [Test]
    public void Errors_exchanged_with_the_peer_are_logged_in_birds_remote_class()
    {
        var h = new ProtocolHarness();
        var log = new List<(RibLogLevel Level, string Message)>();
        h.Loop.LogMessage += (level, message) => log.Add((level, message));
        var peer = h.AddPeer("10.99.0.2");
        h.Establish(peer, 0x0A630002);
        h.Receive(peer, Bgpd.Bgp.Wire.NotificationMessage.Encode(Bgpd.Bgp.Wire.BgpError.Cease(2)));
        Assert.That(log, Does.Contain((RibLogLevel.Remote, "peer_10_99_0_2: Received: Administrative shutdown")));
    }
}
