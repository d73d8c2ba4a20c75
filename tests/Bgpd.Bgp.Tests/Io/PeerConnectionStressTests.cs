using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Bgpd.Bgp.Io;
using Bgpd.Bgp.Session;
using Bgpd.Rib;

namespace Bgpd.Bgp.Tests.Io;

/// <summary>
/// A route reflector's traffic shape on real loopback sockets: every message a peer sends is written to
/// every other peer from the routing loop, in bursts, while one peer does not read at all until the others
/// have everything (its writer stalls with a deep queue) — the case where an UPDATE left unsent once hung a
/// reflector. The loop runs as in the daemon (posts run inline when it is idle).
/// </summary>
[NonParallelizable]
public class PeerConnectionStressTests
{
    private const int Peers = 6;
    private const int MessagesPerPeer = 400;
    private const int MessageBytes = 3000;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);

    [Test]
    public async Task A_reflecting_hub_delivers_every_message_in_order_to_every_peer_including_one_that_reads_late()
    {
        var loop = new RoutingLoop();
        using var cancel = new CancellationTokenSource(Bound);
        var running = Task.Run(() => loop.RunAsync(cancel.Token));
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(Peers);

        var hub = new List<PeerConnection>();          // touched only on the loop
        var events = new ConcurrentQueue<(int Peer, string Event)>();
        var clients = new Socket[Peers];
        try
        {
            for (var i = 0; i < Peers; i++)
            {
                // Small fixed buffers (no autotuning): the late reader's megabytes cannot hide in the kernel.
                clients[i] = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 64 * 1024 };
                await clients[i].ConnectAsync(listener.LocalEndPoint!, cancel.Token);
                var accepted = await listener.AcceptAsync(cancel.Token);
                accepted.SendBufferSize = 64 * 1024;
                var index = i;
                var connection = new PeerConnection(accepted, ConnectionSide.Incoming, loop.Post, (from, e) =>
                {
                    switch (e)
                    {
                        case SessionEvent.MessageReceived m:
                            foreach (var to in hub)
                                if (!ReferenceEquals(to, from)) to.Send(m.Message.ToArray());
                            break;
                        case SessionEvent.WriteStalled:
                            events.Enqueue((index, "stalled"));
                            break;
                        case SessionEvent.WriteDrained:
                            events.Enqueue((index, "drained"));
                            break;
                        default:
                            events.Enqueue((index, e.GetType().Name));
                            break;
                    }
                }, () => 4096);
                await loop.InvokeAsync(() => hub.Add(connection));
                connection.Start();
            }

            var expected = (Peers - 1) * MessagesPerPeer;
            var received = new ReceiveCounter[Peers];
            for (var i = 0; i < Peers; i++) received[i] = new ReceiveCounter(Peers);
            // Peer 0 reads only once every other peer has all it should get.
            var readers = Enumerable.Range(1, Peers - 1).Select(i => Task.Run(() => Read(clients[i], received[i], expected, cancel.Token))).ToList();
            var senders = Enumerable.Range(0, Peers).Select(i => Task.Run(() => SendBurst(clients[i], i, cancel.Token))).ToArray();
            await Task.WhenAll(senders);
            await Task.WhenAll(readers);
            await Read(clients[0], received[0], expected, cancel.Token);

            for (var i = 0; i < Peers; i++)
            {
                Assert.That(received[i].Total, Is.EqualTo(expected), $"peer {i} received");
                Assert.That(received[i].OutOfOrder, Is.Zero, $"peer {i} saw messages out of order");
            }
            var lateReader = events.Where(e => e.Peer == 0).Select(e => e.Event).ToList();
            Assert.That(lateReader, Does.Contain("stalled"), "the late reader's writer should have stalled");
            Assert.That(lateReader.Last(), Is.EqualTo("drained"), "and drained once it read");
            Assert.That(events.Where(e => e.Event is not ("stalled" or "drained")), Is.Empty, "no connection closed or failed");
        }
        finally
        {
            foreach (var c in clients) c?.Dispose();
            var all = await loop.InvokeAsync(() => hub.ToList());
            foreach (var connection in all) connection.Close();
            loop.Complete();
            await running;
        }
    }

    [Test]
    public async Task Closing_a_connection_whose_peer_never_reads_releases_the_socket_after_the_flush_timeout()
    {
        var loop = new RoutingLoop();
        using var cancel = new CancellationTokenSource(Bound);
        var running = Task.Run(() => loop.RunAsync(cancel.Token));
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 64 * 1024 };
        await client.ConnectAsync(listener.LocalEndPoint!, cancel.Token);
        var accepted = await listener.AcceptAsync(cancel.Token);
        accepted.SendBufferSize = 64 * 1024;
        var stalled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var connection = new PeerConnection(accepted, ConnectionSide.Incoming, loop.Post,
            (_, e) => { if (e is SessionEvent.WriteStalled) stalled.TrySetResult(); }, () => 4096);
        connection.Start();

        var message = Message(0, 0);
        await loop.InvokeAsync(() =>
        {
            // Far more than any socket buffer holds: the writer must stall.
            for (var i = 0; i < 20_000 && !stalled.Task.IsCompleted; i++) connection.Send(message);
        });
        await stalled.Task.WaitAsync(cancel.Token);
        await loop.InvokeAsync(connection.Close);

        // The peer never reads: the queued bytes cannot go, and the socket is released after the close
        // flush timeout instead of being held by a writer waiting forever.
        for (var i = 0; i < 300 && !accepted.SafeHandle.IsClosed; i++) await Task.Delay(100, cancel.Token);
        Assert.That(accepted.SafeHandle.IsClosed, Is.True);
        loop.Complete();
        await running;
    }

    private static byte[] Message(int sender, int sequence)
    {
        // An UPDATE-typed frame (the connection only frames, the hub never decodes) carrying sender and sequence.
        var bytes = new byte[MessageBytes];
        bytes.AsSpan(0, 16).Fill(0xFF);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(16), MessageBytes);
        bytes[18] = 2;
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(19), sender);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(23), sequence);
        return bytes;
    }

    private static async Task SendBurst(Socket socket, int sender, CancellationToken cancel)
    {
        for (var i = 0; i < MessagesPerPeer; i++)
            await socket.SendAsync(Message(sender, i), SocketFlags.None, cancel);
    }

    private static async Task Read(Socket socket, ReceiveCounter counter, int expected, CancellationToken cancel)
    {
        var buffer = new byte[MessageBytes * 64];
        var filled = 0;
        while (counter.Total < expected)
        {
            var n = await socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, cancel);
            if (n == 0) throw new InvalidOperationException($"connection closed after {counter.Total} messages");
            filled += n;
            var whole = filled / MessageBytes * MessageBytes;
            for (var offset = 0; offset < whole; offset += MessageBytes)
                counter.Add(BinaryPrimitives.ReadInt32BigEndian(buffer.AsSpan(offset + 19)), BinaryPrimitives.ReadInt32BigEndian(buffer.AsSpan(offset + 23)));
            buffer.AsSpan(whole, filled - whole).CopyTo(buffer);
            filled -= whole;
        }
    }

    private sealed class ReceiveCounter(int senders)
    {
        private readonly int[] _next = new int[senders];
        public int Total { get; private set; }
        public int OutOfOrder { get; private set; }

        public void Add(int sender, int sequence)
        {
            if (sequence != _next[sender]) OutOfOrder++;
            _next[sender] = sequence + 1;
            Total++;
        }
    }
}
