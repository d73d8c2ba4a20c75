using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Bgpd.Bgp.Io;
using Bgpd.Bgp.Session;
using Bgpd.Bgp.Wire;
using Bgpd.Rib;

namespace Bgpd.Bgp.Tests.Io;

/// <summary>
/// The connection's reader on a real loopback socket: messages split across reads, many messages in one
/// read, a bad header and the peer's close each reach the loop whole, in order, once.
/// </summary>
public class PeerConnectionReadTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    private sealed class Rig : IAsyncDisposable
    {
        private readonly CancellationTokenSource _cancel = new(Bound);
        private readonly Task _loopTask;
        private readonly RoutingLoop _loop = new();
        public readonly ConcurrentQueue<SessionEvent> Events = new();
        public Socket Client = null!;
        public PeerConnection Connection = null!;

        public Rig() => _loopTask = Task.Run(() => _loop.RunAsync(_cancel.Token));

        public async Task Connect()
        {
            using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            listener.Listen(1);
            Client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await Client.ConnectAsync(listener.LocalEndPoint!, _cancel.Token);
            var accepted = await listener.AcceptAsync(_cancel.Token);
            Connection = new PeerConnection(accepted, ConnectionSide.Incoming, _loop.Post, (_, e) =>
            {
                // A read's messages share one array: each event gets its own copy, so a check sees exactly its message.
                Events.Enqueue(e is SessionEvent.MessageReceived m ? m with { Message = m.Message.ToArray() } : e);
            }, () => BgpWire.MaxMessageLength);
            Connection.Start();
        }

        public async Task<List<SessionEvent>> WaitFor(int count)
        {
            while (Events.Count < count && !_cancel.IsCancellationRequested) await Task.Delay(10);
            Assert.That(Events, Has.Count.GreaterThanOrEqualTo(count), "events did not arrive in time");
            return [.. Events];
        }

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            Connection.Close();
            _loop.Complete();
            await _loopTask;
            _cancel.Dispose();
        }
    }

    private static byte[] Keepalive() => BgpWire.Keepalive();

    private static byte[] Update(int i)
    {
        NlriEntry[] entry = [new NlriEntry(Bgpd.Net.Prefix.Host(Bgpd.Net.IpAddress.V4(0x0A000000u + (uint)i)))];
        return UpdateEncoder.Withdraw(BgpFamily.IPv4Unicast, entry, new UpdateEncodeOptions()).Single();
    }

    [Test]
    public async Task A_message_written_one_byte_at_a_time_arrives_once_and_whole()
    {
        await using var rig = new Rig();
        await rig.Connect();
        var update = Update(7);
        foreach (var b in update)
        {
            rig.Client.Send([b]);
            await Task.Delay(1);
        }
        var events = await rig.WaitFor(1);
        await Task.Delay(50);
        Assert.That(rig.Events, Has.Count.EqualTo(1));
        Assert.That(((SessionEvent.MessageReceived)events[0]).Message.ToArray(), Is.EqualTo(update));
    }

    [Test]
    public async Task Hundreds_of_messages_in_one_write_arrive_in_order_with_their_own_bytes()
    {
        await using var rig = new Rig();
        await rig.Connect();
        var messages = Enumerable.Range(0, 500).Select(i => i % 3 == 0 ? Keepalive() : Update(i)).ToList();
        rig.Client.Send(messages.SelectMany(m => m).ToArray());
        var events = await rig.WaitFor(messages.Count);
        Assert.That(events.Select(e => ((SessionEvent.MessageReceived)e).Message.ToArray()), Is.EqualTo(messages));
    }

    [Test]
    public async Task A_bad_marker_after_good_messages_is_a_framing_error_after_them_and_reading_stops()
    {
        await using var rig = new Rig();
        await rig.Connect();
        var bad = Keepalive();
        bad[3] = 0;
        rig.Client.Send([.. Update(1), .. Update(2), .. bad, .. Update(3)]);
        var events = await rig.WaitFor(3);
        await Task.Delay(50);
        Assert.That(events.Select(e => e.GetType().Name), Is.EqualTo(new[] { "MessageReceived", "MessageReceived", "FramingError" }));
        Assert.That(rig.Events, Has.Count.EqualTo(3));
    }

    [Test]
    public async Task The_peer_closing_after_a_message_gives_the_message_then_tcp_closed()
    {
        await using var rig = new Rig();
        await rig.Connect();
        rig.Client.Send(Update(5));
        rig.Client.Shutdown(SocketShutdown.Send);
        var events = await rig.WaitFor(2);
        Assert.That(events[0], Is.TypeOf<SessionEvent.MessageReceived>());
        Assert.That(events[1], Is.TypeOf<SessionEvent.TcpClosed>());
    }
}
