using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using Bgpd.Bgp.Session;
using Bgpd.Bgp.Wire;
using Bgpd.Rib.Diagnostics;

namespace Bgpd.Bgp.Io;

/// <summary>
/// One TCP connection to a peer. A Pipelines reader frames messages and hands each receive's messages to the
/// routing loop as one work item (<paramref name="post"/>; <paramref name="deliver"/> runs there, once per
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
    private readonly CancellationTokenSource _stop = new();
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
        _stop.Cancel();
        Socket.Dispose();
    }

    private void Deliver(SessionEvent e) => post(() => deliver(this, e));

    private void Deliver(List<SessionEvent> events) => post(() =>
    {
        foreach (var e in events) deliver(this, e);
    });

    private async Task ReadLoop()
    {
        // Over a NetworkStream: with socket continuations inline (the daemon's setting) a receive is
        // framed and handed to the loop on the epoll thread that saw it.
        var reader = PipeReader.Create(new NetworkStream(Socket, ownsSocket: false), new StreamPipeReaderOptions(minimumReadSize: ReceiveBufferBytes));
        string? error = null;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(_stop.Token).ConfigureAwait(false);
                LatencyTrace.ReadReturned();
                var buffer = result.Buffer;
                List<SessionEvent>? batch = null;
                while (true)
                {
                    var status = MessageFramer.TryReadMessage(buffer, maxLength(), out var message, out _, out var framingError);
                    if (status == FrameStatus.NeedMoreData) break;
                    if (status == FrameStatus.Error)
                    {
                        (batch ??= []).Add(new SessionEvent.FramingError(Side, framingError!));
                        Deliver(batch);
                        return;
                    }
                    (batch ??= []).Add(new SessionEvent.MessageReceived(Side, message.ToArray()));
                    buffer = buffer.Slice(message.Length);
                }
                reader.AdvanceTo(buffer.Start, buffer.End);
                if (batch is not null) Deliver(batch);
                if (result.IsCompleted) break;
            }
        }
        catch (OperationCanceledException)
        {
            return;
        }
        catch (IOException e) when (e.InnerException is SocketException se)
        {
            error = SocketErrorText.Describe(se.SocketErrorCode);
        }
        catch (SocketException se)
        {
            error = SocketErrorText.Describe(se.SocketErrorCode);
        }
        catch (ObjectDisposedException)
        {
            return;
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
        }
        if (!Volatile.Read(ref _closing)) Deliver([new SessionEvent.TcpClosed(Side, error)]);
    }
}
