using System.Collections.Concurrent;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Bgpd.Control;

/// <summary>
/// The control socket: checks for a running instance, unlinks, binds, listens, chmod 0660 (and chown
/// when asked), or takes the one created before a privilege drop; then runs one
/// <see cref="ControlSession"/> per connection until stopped.
/// </summary>
public sealed class ControlServer : IAsyncDisposable
{
    readonly string _path;
    readonly CommandDispatcher _dispatcher;
    readonly ILogger _logger;
    readonly ConcurrentDictionary<ControlSession, Task> _sessions = new();
    readonly CancellationTokenSource _stop = new();
    Socket? _listener;
    Task? _acceptLoop;

    public ControlServer(string path, CommandDispatcher dispatcher, ILogger logger)
    {
        _path = path;
        _dispatcher = dispatcher;
        _logger = logger;
    }

    public string Path => _path;
    public IEnumerable<ControlSession> Sessions => _sessions.Keys;

    /// <summary>True when something accepts connections on <paramref name="path"/> (another daemon).</summary>
    public static bool AnotherInstanceAnswers(string path)
    {
        if (!File.Exists(path)) return false;
        using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            probe.Connect(new UnixDomainSocketEndPoint(path));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>
    /// Where a control socket created before an exec (for <c>-u</c>/<c>-g</c>, see
    /// <c>PrivilegeDrop</c>) passes its descriptor to the new image.
    /// </summary>
    public const string InheritedSocketVariable = "BGPD_CONTROL_FD";

    /// <summary>Binds the socket (or takes the inherited one); throws <see cref="IOException"/> with a readable message on failure.</summary>
    public void Start(int? ownerUid = null, int? ownerGid = null)
    {
        _listener = TakeInherited() ?? Create(_path, ownerUid, ownerGid);
        try
        {
            _listener.Listen(128);
        }
        catch (SocketException e)
        {
            throw new IOException($"Cannot create control socket {_path}: {e.Message}", e);
        }
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>
    /// Unlinks a stale file, binds (not yet listening, so a second instance's check still fails to
    /// connect), chmod 0660 and chown when asked: BIRD creates its socket as root and gives it to
    /// the user it runs as.
    /// </summary>
    public static Socket Create(string path, int? ownerUid, int? ownerGid)
    {
        if (AnotherInstanceAnswers(path)) throw new IOException("I found another BIRD running.");
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            if (File.Exists(path)) File.Delete(path);
            socket.Bind(new UnixDomainSocketEndPoint(path));
            if (ownerUid is not null || ownerGid is not null)
                Interop.Posix.Chown(path, ownerUid ?? -1, ownerGid ?? -1);
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite);
            return socket;
        }
        catch (Exception e) when (e is SocketException or UnauthorizedAccessException or IOException)
        {
            socket.Dispose();
            throw new IOException($"Cannot create control socket {path}: {e.Message}", e);
        }
    }

    static Socket? TakeInherited()
    {
        var text = Environment.GetEnvironmentVariable(InheritedSocketVariable);
        if (text is null || !int.TryParse(text, out var fd)) return null;
        Environment.SetEnvironmentVariable(InheritedSocketVariable, null);
        return new Socket(new SafeSocketHandle(fd, ownsHandle: true));
    }

    async Task AcceptLoopAsync()
    {
        var listener = _listener!;
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(_stop.Token);
            }
            catch (OperationCanceledException) { return; }
            catch (ObjectDisposedException) { return; }
            catch (SocketException e)
            {
                _logger.LogWarning("CLI accept failed: {Message}", e.Message);
                continue;
            }
            var session = new ControlSession(client, _dispatcher, _logger);
            _sessions[session] = RunSessionAsync(session);
        }
    }

    async Task RunSessionAsync(ControlSession session)
    {
        await Task.Yield();
        try
        {
            await session.RunAsync(_stop.Token);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A broken session must never take the server (or the daemon) down.
            _logger.LogDebug("CLI session failed: {Message}", e.Message);
        }
        finally
        {
            _sessions.TryRemove(session, out _);
            await session.DisposeAsync();
        }
    }

    /// <summary>Sends a log message to every session that asked for its class with <c>echo</c>.</summary>
    public void Echo(string logClass, string message)
    {
        foreach (var session in _sessions.Keys)
            if (session.State.EchoClasses.Contains(logClass))
                _ = session.EchoAsync(message);
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener?.Dispose();
        if (_acceptLoop is not null) await _acceptLoop;
        await Task.WhenAll(_sessions.Values.ToArray());
        try { if (File.Exists(_path)) File.Delete(_path); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        _stop.Dispose();
    }
}
