using System.Net;
using System.Net.Sockets;
using Bgpd.Config;
using Bgpd.Rib;
using Bgpd.Rib.Protocols;
using Bgpd.Runtime;
using Bgpd.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bgpd.Tests.Runtime;

/// <summary>
/// `configure` with a changed `listen bgp`: BGP protocols move to the new socket (restarting on it),
/// the old socket closes, and a refused config keeps the running socket. Real loopback sockets.
/// </summary>
public class ListenReconfigureTests
{
    static readonly IPAddress Neighbor = IPAddress.Parse("127.0.0.2");

    static string Config(string listen, string extra = "") => $$"""
        router id 10.0.0.1;
        {{listen}}
        protocol bgp peer1 { local as 65001; neighbor 127.0.0.2 as 65002; passive on; import all; export none; }
        {{extra}}
        """;

    static Bgpd.Config.Model.BirdConfig Parse(string text) => ConfigParser.ParseText(text, "test.conf");

    [Test]
    public async Task Changed_listen_port_restarts_bgp_protocols_on_the_new_socket_and_closes_the_old()
    {
        var ports = FreePorts.Take(2);
        await using var router = new Router($"listen bgp address 127.0.0.1 port {ports[0]};");
        var (loop, state) = (router.Loop, router.State);
        var before = state.Find("peer1")!;
        Assert.That(await ReceivesOpen(loop, ports[0]), Is.True, "the first socket hands the neighbor to its protocol");

        state.Apply(Parse(Config($"listen bgp address 127.0.0.1 port {ports[1]};")), soft: false);
        loop.RunPending();

        var after = state.Find("peer1")!;
        Assert.Multiple(async () =>
        {
            Assert.That(after, Is.Not.SameAs(before), "the protocol restarts on the new socket");
            Assert.That(before.State, Is.EqualTo(ProtocolState.Down));
            Assert.That(await ReceivesOpen(loop, ports[1]), Is.True, "the neighbor's connection to the new port reaches the protocol");
            Assert.That(await IsRefused(ports[0]), Is.True, "the old port is closed");
        });
    }

    [Test]
    public async Task Listen_moving_from_every_address_to_one_on_the_same_port_takes_over_the_port()
    {
        var port = FreePorts.Take(1)[0];
        await using var router = new Router($"listen bgp port {port};");
        var (loop, state) = (router.Loop, router.State);
        var before = state.Find("peer1")!;

        state.Apply(Parse(Config($"listen bgp address 127.0.0.1 port {port};")), soft: false);
        loop.RunPending();

        Assert.That(state.Find("peer1"), Is.Not.SameAs(before), "the protocol restarts on the new socket");
        Assert.That(before.State, Is.EqualTo(ProtocolState.Down));
        Assert.That(await ReceivesOpen(loop, port), Is.True, "the wildcard socket gave the port up to the new one, which reaches the new protocol");
    }

    [Test]
    public async Task Abandoned_listen_change_keeps_the_running_socket()
    {
        var ports = FreePorts.Take(2);
        await using var router = new Router($"listen bgp address 127.0.0.1 port {ports[0]};");
        var (loop, services, state) = (router.Loop, router.Services, router.State);
        var running = state.Find("peer1")!;

        // Only a BIRD 2 config can be refused after its protocols were built (confederations), and
        // BIRD 2 has no `listen bgp`: drive the services as RouterState does for such a refusal.
        var pending = services.BgpListener(new Bgpd.Config.Model.ListenBgp(Bgpd.Net.IpAddress.Parse("127.0.0.1"), ports[1], false, false));
        Assert.That(pending, Is.Not.Null);
        services.AbandonPendingListener();

        Assert.Multiple(async () =>
        {
            Assert.That(state.Find("peer1"), Is.SameAs(running));
            Assert.That(await ReceivesOpen(loop, ports[0]), Is.True, "the running socket still reaches the protocol");
            Assert.That(await IsRefused(ports[1]), Is.True, "the refused config's socket was closed");
        });
    }

    /// <summary>A router state on its own loop and services, started on a config with <c>listen</c>; stopped when disposed.</summary>
    sealed class Router : IAsyncDisposable
    {
        public Router(string listen)
        {
            Services = new DaemonServices(Loop, false, NullLogger.Instance);
            State = new RouterState(Loop, Services);
            State.Apply(Parse(Config(listen)), soft: false);
            Loop.RunPending();
        }

        public RoutingLoop Loop { get; } = new();
        public DaemonServices Services { get; }
        public RouterState State { get; }

        public async ValueTask DisposeAsync()
        {
            State.StopAll();
            Loop.RunPending();
            await Services.DisposeAsync();
        }
    }

    /// <summary>Connects from the neighbor's address and waits (bounded) for the protocol's OPEN.</summary>
    static async Task<bool> ReceivesOpen(RoutingLoop loop, int port)
    {
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        client.Bind(new IPEndPoint(Neighbor, 0));
        await client.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port)).WaitAsync(TimeSpan.FromSeconds(5));
        var header = new byte[19];
        var received = 0;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        for (var round = 0; round < 1000 && received < header.Length && DateTime.UtcNow < deadline; round++)
        {
            loop.RunPending();
            if (!client.Poll(10_000, SelectMode.SelectRead)) continue;
            var n = client.Receive(header, received, header.Length - received, SocketFlags.None);
            if (n == 0) return false;
            received += n;
        }
        return received == header.Length && header[..16].All(b => b == 0xff) && header[18] == 1;
    }

    static async Task<bool> IsRefused(int port)
    {
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await client.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port)).WaitAsync(TimeSpan.FromSeconds(5));
            return false;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
        {
            return true;
        }
    }
}
