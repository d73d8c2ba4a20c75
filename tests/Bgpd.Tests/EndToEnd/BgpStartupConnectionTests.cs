using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Bgpd.Tests.Support;

namespace Bgpd.Tests.EndToEnd;

/// <summary>
/// A peer that connects while bgpd is still starting (the listening socket open, its BGP protocol not
/// yet started because a large static protocol before it is loading): as with BIRD, which opens its
/// socket only once its protocols start, the connection must be served by the configured protocol
/// (our OPEN), never closed as if it came from an unknown address.
/// </summary>
[NonParallelizable]
public class BgpStartupConnectionTests
{
    const string Peer = "127.0.0.5";

    static string Config(int port)
    {
        var routes = string.Concat(Enumerable.Range(0, 60000).Select(i => $"  route 10.{64 + (i >> 16)}.{(i >> 8) & 255}.{i & 255}/32 blackhole;\n"));
        return $$"""
            router id 127.0.0.1;
            log stderr all;
            listen bgp address 127.0.0.1 port {{port}};
            protocol static big {
            {{routes}}}
            protocol bgp early_peer {
              local 127.0.0.1 as 64512;
              neighbor {{Peer}} as 64512;
              passive on;
            }
            """;
    }

    /// <summary>Connects from <see cref="Peer"/> until the port takes the connection, then reads the first header: "OPEN", "closed" or an error.</summary>
    static string FirstConnection(int port, CancellationToken stop)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60) && !stop.IsCancellationRequested)
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.Parse(Peer), 0));
            try
            {
                socket.Connect(new IPEndPoint(IPAddress.Loopback, port));
            }
            catch (SocketException)
            {
                Thread.Sleep(2); // not listening yet: try again, bounded by the loop condition
                continue;
            }
            socket.ReceiveTimeout = 30_000;
            var header = new byte[19];
            var read = 0;
            try
            {
                while (read < header.Length)
                {
                    var n = socket.Receive(header, read, header.Length - read, SocketFlags.None);
                    if (n == 0) return "closed";
                    read += n;
                }
            }
            catch (SocketException e)
            {
                return $"socket error {e.SocketErrorCode}";
            }
            return header[..16].All(b => b == 0xFF) && header[18] == 1 ? "OPEN" : $"message type {header[18]}";
        }
        return "never connected";
    }

    [Test]
    public void A_peer_connecting_during_start_up_gets_our_open_and_no_unknown_address_warning()
    {
        var port = FreePorts.Take(1)[0];
        using var stop = new CancellationTokenSource();
        var client = Task.Run(() => FirstConnection(port, stop.Token));
        BgpdProcess? bgpd = null;
        try
        {
            bgpd = BgpdProcess.Start(Config(port));
            Assert.That(client.Wait(TimeSpan.FromSeconds(60)), Is.True, "the connecting peer finished");
            Assert.That(client.Result, Is.EqualTo("OPEN"), bgpd.Stderr);
            Assert.That(bgpd.Stderr, Does.Not.Contain("Unexpected connect"));
        }
        finally
        {
            stop.Cancel();
            bgpd?.Dispose();
            client.Wait(TimeSpan.FromSeconds(60));
        }
    }
}
