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
    // A link-local peer is known by its address and interface index (BIRD matches sk->iface too);
    // scope 0 matches a connection from that address on any interface.
    private readonly Dictionary<(IpAddress Address, int Scope), Action<Socket>> _peers = [];
    private readonly Dictionary<(IpAddress Address, int Scope), string?> _passwords = [];
    private readonly object _gate = new();
    private readonly ILogger _log;
    private readonly CancellationTokenSource _stop = new();
    // Neighbors of configured BGP protocols, running or not: a connection from one whose protocol is
    // down (disabled) is closed quietly, as BIRD rejects it, not reported as from an unknown address.
    private HashSet<IpAddress> _configured = [];
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
                if (password is not null) SocketTuning.SetMd5Key(socket, peer.Address, password);
        _acceptLoop = Task.Run(AcceptLoop);
        if (!holdAccepts) BeginAccepting();
    }

    /// <summary>The neighbor addresses of every configured BGP protocol (enabled or not).</summary>
    public void SetConfiguredPeers(IEnumerable<IpAddress> peers)
    {
        var set = peers.ToHashSet();
        lock (_gate) _configured = set;
    }

    /// <summary>Starts taking queued and new connections (the protocols of the config have registered).</summary>
    public void BeginAccepting() => _accepting.TrySetResult();

    /// <summary>
    /// Routes connections from <paramref name="peer"/> (on the interface with index <paramref name="scope"/>
    /// for a link-local peer, 0 for any) to <paramref name="accept"/>; installs the MD5 key when given.
    /// </summary>
    public void Register(IpAddress peer, string? password, Action<Socket> accept, int scope = 0)
    {
        lock (_gate)
        {
            _peers[(peer, scope)] = accept;
            _passwords[(peer, scope)] = password;
        }
        if (password is not null && _socket is not null) SocketTuning.SetMd5Key(_socket, peer, password);
    }

    public void Unregister(IpAddress peer, bool hadPassword, int scope = 0)
    {
        lock (_gate)
        {
            _peers.Remove((peer, scope));
            _passwords.Remove((peer, scope));
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
            var scope = address.IsLinkLocal ? (int)remote.Address.ScopeId : 0;
            Action<Socket>? accept;
            bool configured;
            lock (_gate)
            {
                if (!_peers.TryGetValue((address, scope), out accept)) _peers.TryGetValue((address, 0), out accept);
                configured = _configured.Contains(address);
            }
            if (accept is null && configured)
            {
                // BIRD: its protocol is down, "Incoming connection ... rejected" (a trace line only).
                _log.LogDebug("BGP: Incoming connection from {Address} (port {Port}) rejected: its protocol is down", address + InterfaceSuffix(scope), remote.Port);
                client.Dispose();
                continue;
            }
            if (accept is null)
            {
                // BIRD: "BGP: Unexpected connect from unknown address X[%iface] (port P)".
                _log.LogWarning("BGP: Unexpected connect from unknown address {Address} (port {Port})", address + InterfaceSuffix(scope), remote.Port);
                client.Dispose();
                continue;
            }
            accept(client);
        }
    }

    /// <summary>BIRD's %J: "%eth0" after a link-local address.</summary>
    private static string InterfaceSuffix(int scope)
    {
        if (scope == 0) return "";
        try
        {
            var nic = System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces()
                .FirstOrDefault(n => n.Supports(System.Net.NetworkInformation.NetworkInterfaceComponent.IPv6) && n.GetIPProperties().GetIPv6Properties().Index == scope);
            return nic is null ? "" : "%" + nic.Name;
        }
        catch (System.Net.NetworkInformation.NetworkInformationException)
        {
            return "";
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _socket?.Dispose();
        if (_acceptLoop is not null) await _acceptLoop.ConfigureAwait(false);
    }
}
