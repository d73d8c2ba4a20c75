using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using Bgpd.Bgp.Session;
using Bgpd.Bgp.Wire;
using Bgpd.Rib.Diagnostics;

namespace Bgpd.Bgp.Io;

/// <summary>
/// One TCP connection to a peer. A Pipelines reader frames each receive's messages and hands them to the routing
/// loop (<paramref name="post"/> of one cached work item; <paramref name="deliver"/> runs there, once per
/// event, in order). Sending writes straight to the socket from the caller's thread while the kernel takes
/// the bytes; only when it does not (send buffer full) is the rest queued for an asynchronous writer, which
/// reports WriteStalled, and WriteDrained once it has written everything, so the send hold timer runs.
/// </summary>
internal sealed class PeerConnection(Socket socket, ConnectionSide side, Action<Action> post, Action<PeerConnection, SessionEvent> deliver, Func<int> maxLength)
{
    // Bytes asked of each socket read: a burst's UPDATEs arrive in few reads.
    private const int ReceiveBufferBytes = 64 * 1024;
    // How long a closing connection may take to write what is queued (a NOTIFICATION behind a full buffer).
    private static readonly TimeSpan CloseFlushTimeout = TimeSpan.FromSeconds(5);

    private readonly object _gate = new();
    private readonly Queue<ReadOnlyMemory<byte>> _pending = new();
    private readonly CancellationTokenSource _abortWrite = new();
    private bool _writing;   // the asynchronous writer owns the send side; guarded by _gate
    private bool _failed;    // a send failed; the reader reports the connection's end
    private bool _closing;
    private int _disposed;

    public Socket Socket { get; } = socket;
    public ConnectionSide Side { get; } = side;

    public void Start() => _ = Task.Run(ReadLoop);

    /// <summary>Writes <paramref name="message"/> after everything sent before it; never blocks.</summary>
    public void Send(byte[] message)
    {
        lock (_gate)
        {
            if (_closing || _failed) return;
            if (_writing)
            {
                _pending.Enqueue(message);
                return;
            }
            var sent = NonBlockingSend.Send(Socket, message);
            if (sent == message.Length) return;
            if (sent < 0)
            {
                _failed = true;
                return;
            }
            _pending.Enqueue(message.AsMemory(sent));
            _writing = true;
        }
        Deliver(new SessionEvent.WriteStalled(Side));
        _ = WriteQueued();
    }

    /// <summary>Closes after what is queued has been written (a NOTIFICATION goes out before the FIN).</summary>
    public void Close()
    {
        lock (_gate)
        {
            if (_closing) return;
            _closing = true;
            if (_writing)
            {
                _abortWrite.CancelAfter(CloseFlushTimeout);
                return;
            }
        }
        Shutdown();
    }

    private async Task WriteQueued()
    {
        try
        {
            while (true)
            {
                ReadOnlyMemory<byte> next;
                lock (_gate)
                {
                    if (!_pending.TryPeek(out next))
                    {
                        _writing = false;
                        break;
                    }
                }
                await Socket.SendAsync(next, SocketFlags.None, _abortWrite.Token).ConfigureAwait(false);
                lock (_gate) _pending.Dequeue();
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            lock (_gate)
            {
                _pending.Clear();
                _writing = false;
                _failed = true;
            }
        }
        bool closing, failed;
        lock (_gate) (closing, failed) = (_closing, _failed);
        if (closing) Shutdown();
        else if (!failed) Deliver(new SessionEvent.WriteDrained(Side));
    }

    private void Shutdown()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        try { Socket.Shutdown(SocketShutdown.Both); } catch (SocketException) { } catch (ObjectDisposedException) { }
        // Disposing ends a pending receive (ObjectDisposedException or OperationAborted): the reader stops quietly.
        Socket.Dispose();
    }

    private void Deliver(SessionEvent e) => post(() => deliver(this, e));

    // What the reader hands to the loop, in order. One cached work item drains it, so a received UPDATE
    // costs no closure, delegate or list: the read's bytes are the only allocation.
    private List<SessionEvent> _inbox = [];
    private List<SessionEvent> _draining = [];
    private bool _inboxPosted;  // guarded by _gate
    private Action? _drainInbox;

    private void Receive(SessionEvent e)
    {
        bool schedule;
        lock (_gate)
        {
            _inbox.Add(e);
            schedule = !_inboxPosted;
            _inboxPosted = true;
        }
        // Outside the lock: the loop may run the drain inline, on this thread.
        if (schedule) post(_drainInbox ??= DrainInbox);
    }

    private void DrainInbox()
    {
        List<SessionEvent> events;
        lock (_gate)
        {
            (events, _inbox, _draining) = (_inbox, _draining, _inbox);
            _inboxPosted = false;
        }
        try
        {
            foreach (var e in events) deliver(this, e);
        }
        finally
        {
            events.Clear();
        }
    }

    private async Task ReadLoop()
    {
        // A Pipelines reader over the socket (the socket receives straight into the pipe's pooled segments);
        // with socket continuations inline (the daemon's setting) a receive is framed and handed to the loop
        // on the epoll thread that saw it. A message split across segments or reads stays in the pipe until whole.
        var reader = PipeReader.Create(new NetworkStream(Socket, ownsSocket: false),
            new StreamPipeReaderOptions(bufferSize: ReceiveBufferBytes, minimumReadSize: ReceiveBufferBytes / 4));
        string? error = null;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync().ConfigureAwait(false);
                LatencyTrace.ReadReturned();
                var buffer = result.Buffer;
                var framed = FrameReceived(buffer, out var failed);
                reader.AdvanceTo(buffer.GetPosition(framed), buffer.End);
                if (failed) return;
                if (result.IsCompleted) break;
            }
        }
        catch (IOException e) when (e.InnerException is SocketException se)
        {
            error = SocketErrorText.Describe(se.SocketErrorCode);
        }
        catch (SocketException se)
        {
            error = SocketErrorText.Describe(se.SocketErrorCode);
        }
        catch (Exception e) when (e is ObjectDisposedException or OperationCanceledException)
        {
            return;
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
        }
        if (!Volatile.Read(ref _closing)) Receive(new SessionEvent.TcpClosed(Side, error));
    }

    /// <summary>
    /// Hands the whole messages at the start of <paramref name="buffer"/> to the loop, copied out in one array
    /// per read, and returns how many bytes they took. <paramref name="failed"/> after a framing error (reported
    /// after the messages before it; reading stops).
    /// </summary>
    private long FrameReceived(in ReadOnlySequence<byte> buffer, out bool failed)
    {
        failed = false;
        long framed = 0;
        BgpError? framingError = null;
        while (true)
        {
            var status = MessageFramer.TryReadMessage(buffer.Slice(framed), maxLength(), out var message, out _, out framingError);
            if (status == FrameStatus.NeedMoreData) break;
            if (status == FrameStatus.Error)
            {
                failed = true;
                break;
            }
            framed += message.Length;
        }
        if (framed > 0) Deliver(buffer.Slice(0, framed));
        if (failed) Receive(new SessionEvent.FramingError(Side, framingError!));
        return framed;
    }

    /// <summary>One event per message of <paramref name="messages"/> (whole, already framed), sharing one copy.</summary>
    private void Deliver(in ReadOnlySequence<byte> messages)
    {
        var bytes = messages.ToArray();
        var start = 0;
        while (start < bytes.Length)
        {
            var length = bytes[start + 16] << 8 | bytes[start + 17];
            Receive(new SessionEvent.MessageReceived(Side, bytes.AsMemory(start, length)));
            start += length;
        }
    }
}
