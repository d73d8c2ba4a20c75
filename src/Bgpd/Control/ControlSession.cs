using System.IO.Pipelines;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Bgpd.Control;

/// <summary>
/// One control-socket connection: greeting, then commands answered strictly in order, with BIRD's
/// framing. Ends on EOF (dropping unanswered commands, as BIRD does), on an over-long line, or
/// when the client goes away mid-reply; none of these affect the daemon.
/// </summary>
public sealed class ControlSession : IAsyncDisposable
{
    public const string Greeting = "BIRD 1.6.8 ready.";

    readonly Socket _socket;
    readonly NetworkStream _stream;
    readonly PipeReader _reader;
    readonly PipeWriter _writer;
    readonly CommandDispatcher _dispatcher;
    readonly ILogger _logger;
    readonly ReplyFramer _framer = new();
    readonly SemaphoreSlim _writeLock = new(1, 1);

    public SessionState State { get; } = new();

    public ControlSession(Socket socket, CommandDispatcher dispatcher, ILogger logger)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _reader = PipeReader.Create(_stream, new StreamPipeReaderOptions(bufferSize: LineReader.ReadBufferSize));
        _writer = PipeWriter.Create(_stream);
        _dispatcher = dispatcher;
        _logger = logger;
    }

    public async Task RunAsync(CancellationToken cancellation)
    {
        try
        {
            await WriteAsync(reply => reply.Final(1, Greeting), cancellation);
            await ReadLoopAsync(cancellation);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            // A client that leaves mid-reply is normal (birdc after `down`); BIRD logs nothing for it.
        }
    }

    async Task ReadLoopAsync(CancellationToken cancellation)
    {
        while (true)
        {
            var result = await _reader.ReadAsync(cancellation);
            // BIRD frees the session at EOF, discarding anything not yet answered.
            if (result.IsCompleted || result.IsCanceled) return;
            var buffer = result.Buffer;
            while (true)
            {
                var outcome = LineReader.TryReadLine(ref buffer, out var line);
                if (outcome == LineReader.Result.TooLong)
                {
                    _logger.LogDebug("CLI: command line too long, closing the connection");
                    return;
                }
                if (outcome == LineReader.Result.NeedMore) break;
                await WriteAsync(line, cancellation);
            }
            _reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    async Task WriteAsync(string commandLine, CancellationToken cancellation)
    {
        await _writeLock.WaitAsync(cancellation);
        try
        {
            var reply = new FramedReply(_framer, _writer);
            try
            {
                await _dispatcher.ExecuteAsync(commandLine, State, reply);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                _logger.LogError(e, "CLI command '{Command}' failed", commandLine);
                if (!reply.Finished) reply.Final(9001, "syntax error");
            }
            if (!reply.Finished) reply.Final(0, "");
            await _writer.FlushAsync(cancellation);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    async Task WriteAsync(Action<IReplySink> produce, CancellationToken cancellation)
    {
        await _writeLock.WaitAsync(cancellation);
        try
        {
            produce(new FramedReply(_framer, _writer));
            await _writer.FlushAsync(cancellation);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Sends a spontaneous <c>+</c> line (log echo) between replies; never throws.</summary>
    public async Task EchoAsync(string text)
    {
        try
        {
            await _writeLock.WaitAsync();
            try
            {
                ReplyFramer.Async(_writer, text);
                await _writer.FlushAsync();
            }
            finally
            {
                _writeLock.Release();
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            // The client is gone; its read loop will end the session.
        }
    }

    /// <summary>Releases the connection; never throws (the peer may already be gone).</summary>
    public async ValueTask DisposeAsync()
    {
        await Quietly(() => _reader.CompleteAsync());
        await Quietly(() => _writer.CompleteAsync());
        await Quietly(() => _stream.DisposeAsync());
    }

    static async Task Quietly(Func<ValueTask> action)
    {
        try
        {
            await action();
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or InvalidOperationException or OperationCanceledException)
        {
            // Completing a pipe flushes what is left; the socket may be closed already.
        }
    }
}
