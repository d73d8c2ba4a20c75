using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Threading.Channels;
using Bgpd.Bgp.Session;
using Bgpd.Bgp.Wire;

namespace Bgpd.Bgp.Io;

/// <summary>
/// One TCP connection to a peer: a Pipelines reader that frames messages and a writer task that
/// drains an outgoing queue. Events go to <paramref name="post"/> (which hands them to the routing loop).
/// </summary>
internal sealed class PeerConnection(Socket socket, ConnectionSide side, Action<PeerConnection, SessionEvent> post, Func<int> maxLength)
{
    private readonly Channel<byte[]> _outgoing = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private volatile bool _closing;

    public Socket Socket { get; } = socket;
    public ConnectionSide Side { get; } = side;

    public void Start()
    {
        _ = Task.Run(ReadLoop);
        _ = Task.Run(WriteLoop);
    }

    public void Send(byte[] message) => _outgoing.Writer.TryWrite(message);

    /// <summary>Closes after what is queued has been written (a NOTIFICATION goes out before the FIN).</summary>
    public void Close()
    {
        _closing = true;
        _outgoing.Writer.TryComplete();
    }

    private async Task ReadLoop()
    {
        var reader = PipeReader.Create(new NetworkStream(Socket, ownsSocket: false));
        string? error = null;
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var result = await reader.ReadAsync(_stop.Token).ConfigureAwait(false);
                var buffer = result.Buffer;
                while (true)
                {
                    var status = MessageFramer.TryReadMessage(buffer, maxLength(), out var message, out _, out var framingError);
                    if (status == FrameStatus.NeedMoreData) break;
                    if (status == FrameStatus.Error)
                    {
                        post(this, new SessionEvent.FramingError(Side, framingError!));
                        return;
                    }
                    post(this, new SessionEvent.MessageReceived(Side, message.ToArray()));
                    buffer = buffer.Slice(message.Length);
                }
                reader.AdvanceTo(buffer.Start, buffer.End);
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
        if (!_closing) post(this, new SessionEvent.TcpClosed(Side, error));
    }

    private async Task WriteLoop()
    {
        var stalled = false;
        try
        {
            await foreach (var message in _outgoing.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                var send = Socket.SendAsync(message, SocketFlags.None);
                if (!send.IsCompleted && !stalled)
                {
                    stalled = true;
                    post(this, new SessionEvent.WriteStalled(Side));
                }
                await send.ConfigureAwait(false);
                if (stalled && _outgoing.Reader.Count == 0)
                {
                    stalled = false;
                    post(this, new SessionEvent.WriteDrained(Side));
                }
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // The reader reports the failure.
        }
        finally
        {
            if (_closing)
            {
                try { Socket.Shutdown(SocketShutdown.Both); } catch (SocketException) { } catch (ObjectDisposedException) { }
                _stop.Cancel();
                Socket.Dispose();
            }
        }
    }
}
