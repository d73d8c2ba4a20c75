using System.Net;
using System.Net.Sockets;
using Bgpd.Bgp.Interop;
using Bgpd.Net;
using Microsoft.Extensions.Logging;

namespace Bgpd.Bgp.Io;

/// <summary>
/// `listen bgp [address A] [port P]`: one listening socket shared by all BGP protocols. Connections
/// are handed to the protocol configured for the remote address; others are refused with a log line.
/// The daemon opens it while it builds its protocols but accepts only once they have started
/// (<see cref="BeginAccepting"/>), as BIRD opens its socket from a starting protocol: a peer that
/// connects during start-up waits in the backlog instead of being refused as unknown.
/// </summary>
public sealed class BgpListener : IAsyncDisposable
{
    private readonly Dictionary<IpAddress, Action<Socket>> _peers = [];
    private readonly Dictionary<IpAddress, string?> _passwords = [];
    private readonly object _gate = new();
    private readonly ILogger _log;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _accepting = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Socket? _socket;
    private Task? _acceptLoop;

    public BgpListener(IpAddress? address = null, int port = 179, ILogger? log = null)
    {
        Address = address;
        Port = port;
        _log = log ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
    }

    public IpAddress? Address { get; }
    public int Port { get; private set; }

    /// <summary>
    /// Opens the socket (dual-stack when no address is given) and starts accepting, or with
    /// <paramref name="holdAccepts"/> leaves connections queued until <see cref="BeginAccepting"/>.
    /// </summary>
    public void Start(bool holdAccepts = false)
    {
        var endpoint = Address is { } a ? new IPEndPoint(a.ToSystem(), Port) : new IPEndPoint(IPAddress.IPv6Any, Port);
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        if (endpoint.AddressFamily == AddressFamily.InterNetworkV6 && Address is null) socket.DualMode = true;
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        socket.Bind(endpoint);
        socket.Listen(64);
        Port = ((IPEndPoint)socket.LocalEndPoint!).Port;
        _socket = socket;
        // Peers registered before the socket existed get their MD5 keys now.
        lock (_gate)
            foreach (var (peer, password) in _passwords)
                if (password is not null) SocketTuning.SetMd5Key(socket, peer, password);
        _acceptLoop = Task.Run(AcceptLoop);
        if (!holdAccepts) BeginAccepting();
    }

    /// <summary>Starts taking queued and new connections (the protocols of the config have registered).</summary>
    public void BeginAccepting() => _accepting.TrySetResult();

    /// <summary>Routes connections from <paramref name="peer"/> to <paramref name="accept"/>; installs the MD5 key when given.</summary>
    public void Register(IpAddress peer, string? password, Action<Socket> accept)
    {
        lock (_gate)
        {
            _peers[peer] = accept;
            _passwords[peer] = password;
        }
        if (password is not null && _socket is not null) SocketTuning.SetMd5Key(_socket, peer, password);
    }

    public void Unregister(IpAddress peer, bool hadPassword)
    {
        lock (_gate)
        {
            _peers.Remove(peer);
            _passwords.Remove(peer);
        }
        if (hadPassword && _socket is not null)
        {
            try { SocketTuning.SetMd5Key(_socket, peer, null); }
            catch (SocketException) { }
        }
    }

    private async Task AcceptLoop()
    {
        try
        {
            await _accepting.Task.WaitAsync(_stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _socket!.AcceptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e)
            {
                _log.LogWarning("BGP: accept failed: {Error}", e.Message);
                continue;
            }
            var remote = (IPEndPoint)client.RemoteEndPoint!;
            var address = IpAddress.FromSystem(remote.Address);
            Action<Socket>? accept;
            lock (_gate) _peers.TryGetValue(address, out accept);
            if (accept is null)
            {
                // BIRD: "BGP: Unexpected connect from unknown address X (port P)".
                _log.LogWarning("BGP: Unexpected connect from unknown address {Address} (port {Port})", address, remote.Port);
                client.Dispose();
                continue;
            }
            accept(client);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _socket?.Dispose();
        if (_acceptLoop is not null) await _acceptLoop.ConfigureAwait(false);
    }
}
