using System.Net;
using System.Net.Sockets;
using Bgpd.Bgp.Io;
using Bgpd.Net;
using Microsoft.Extensions.Logging;

namespace Bgpd.Bgp.Tests.Protocol;

public class ListenerTests
{
    [Test]
    public async Task Connection_from_an_unknown_address_is_refused_with_a_log_line()
    {
        var log = new ListLogger();
        await using var listener = new BgpListener(IpAddress.Parse("127.0.0.1"), port: 0, log: log);
        listener.Start();
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(new IPEndPoint(IPAddress.Loopback, listener.Port));
        var buffer = new byte[16];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var read = await client.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
        Assert.That(read, Is.Zero, "the listener closes the connection");
        Assert.That(log.Lines, Has.Some.Matches(@"^BGP: Unexpected connect from unknown address 127\.0\.0\.1 \(port \d+\)$"));
    }

    [Test]
    public async Task Connection_from_a_configured_peer_is_handed_to_its_protocol()
    {
        await using var listener = new BgpListener(IpAddress.Parse("127.0.0.1"), port: 0);
        listener.Start();
        var handed = new TaskCompletionSource<Socket>();
        listener.Register(IpAddress.Parse("127.0.0.1"), null, s => handed.TrySetResult(s));
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(new IPEndPoint(IPAddress.Loopback, listener.Port));
        using var accepted = await handed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.That(((IPEndPoint)accepted.RemoteEndPoint!).Port, Is.EqualTo(((IPEndPoint)client.LocalEndPoint!).Port));
    }

    [Test]
    public async Task Connection_queued_before_accepting_begins_goes_to_the_protocol_registered_meanwhile()
    {
        var log = new ListLogger();
        await using var listener = new BgpListener(IpAddress.Parse("127.0.0.1"), port: 0, log: log);
        listener.Start(holdAccepts: true);
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(new IPEndPoint(IPAddress.Loopback, listener.Port));

        // The daemon's protocols start (and register) only after the socket is open.
        var handed = new TaskCompletionSource<Socket>();
        listener.Register(IpAddress.Parse("127.0.0.1"), null, s => handed.TrySetResult(s));
        listener.BeginAccepting();

        using var accepted = await handed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.That(((IPEndPoint)accepted.RemoteEndPoint!).Port, Is.EqualTo(((IPEndPoint)client.LocalEndPoint!).Port));
        Assert.That(log.Lines, Is.Empty, "not refused as unknown");
    }

    [Test]
    public async Task Connection_from_the_neighbor_of_a_protocol_that_is_down_is_closed_without_an_unknown_address_warning()
    {
        var log = new ListLogger();
        await using var listener = new BgpListener(IpAddress.Parse("127.0.0.1"), port: 0, log: log);
        listener.SetConfiguredPeers([IpAddress.Parse("127.0.0.1")]);
        listener.Start();
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(new IPEndPoint(IPAddress.Loopback, listener.Port));
        var buffer = new byte[16];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var read = await client.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
        Assert.That(read, Is.Zero, "closed, as BIRD rejects a connection for a protocol that is down");
        Assert.That(log.Lines, Has.None.Contains("Unexpected connect"));
        Assert.That(log.Lines, Has.Some.Matches(@"^BGP: Incoming connection from 127\.0\.0\.1 \(port \d+\) rejected: its protocol is down$"));
    }

    private sealed class ListLogger : ILogger
    {
        private readonly List<string> _lines = [];
        public List<string> Lines { get { lock (_lines) return [.. _lines]; } }
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_lines) _lines.Add(formatter(state, exception));
        }
    }
}
