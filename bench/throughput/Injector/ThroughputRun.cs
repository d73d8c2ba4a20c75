using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;

namespace Bgpd.Throughput;

/// <summary>
/// One measurement: an injector and a monitor, both route-reflector clients of the daemon, establish;
/// then the injector sends <see cref="Routes"/> /32 routes in packed UPDATEs (one attribute set,
/// ~800 prefixes per 4096-byte message) and the clock runs until the monitor has seen all of them reflected.
/// </summary>
internal sealed class ThroughputRun(IPAddress daemon, IPAddress injector, IPAddress monitor, uint asNumber, int routes, TimeSpan timeout)
{
    public int Routes => routes;

    public sealed record Result(TimeSpan Established, TimeSpan Elapsed, long Received);

    public async Task<Result> RunAsync()
    {
        using var cancel = new CancellationTokenSource(timeout);
        var clock = Stopwatch.StartNew();
        var connecting = new[] { BgpPeer.ConnectAsync(injector, daemon, asNumber, cancel.Token), BgpPeer.ConnectAsync(monitor, daemon, asNumber, cancel.Token) };
        var peers = await Task.WhenAll(connecting);
        await using var inject = peers[0];
        await using var watch = peers[1];
        var established = clock.Elapsed;
        var updates = Encode(routes, injector);

        long received = 0;
        var start = Stopwatch.GetTimestamp();
        var counting = Task.Run(() => watch.ReadUpdatesAsync(body =>
        {
            received += CountAnnounced(body.Span);
            return received >= routes;
        }, cancel.Token));
        // Keep answering the injector's KEEPALIVEs while sending (the daemon sends it nothing else).
        await inject.SendAsync(updates, cancel.Token);
        try
        {
            await counting;
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"only {received} of {routes} routes reflected within {timeout.TotalSeconds:0} s");
        }
        return new Result(established, Stopwatch.GetElapsedTime(start), received);
    }

    /// <summary>All routes as UPDATEs: ORIGIN IGP, empty AS_PATH, NEXT_HOP the injector, LOCAL_PREF 100; 10.0.0.0 upwards.</summary>
    private static byte[] Encode(int routes, IPAddress nextHop)
    {
        byte[] attributes = [0x40, 1, 1, 0, 0x40, 2, 0, 0x40, 3, 4, 0, 0, 0, 0, 0x40, 5, 4, 0, 0, 0, 100];
        nextHop.GetAddressBytes().CopyTo(attributes, 10);
        const int perMessage = (4096 - 19 - 2 - 2 - 21) / 5;
        var messages = (routes + perMessage - 1) / perMessage;
        var output = new MemoryStream(messages * 4096);
        for (var m = 0; m < messages; m++)
        {
            var count = Math.Min(perMessage, routes - (m * perMessage));
            var length = 19 + 2 + 2 + attributes.Length + (5 * count);
            var message = BgpPeer.Header(length, 2);
            var body = message.AsSpan(19);
            BinaryPrimitives.WriteUInt16BigEndian(body[2..], (ushort)attributes.Length);
            attributes.CopyTo(body[4..]);
            var nlri = body[(4 + attributes.Length)..];
            for (var i = 0; i < count; i++)
            {
                nlri[5 * i] = 32;
                BinaryPrimitives.WriteUInt32BigEndian(nlri[((5 * i) + 1)..], 0x0A000000u + (uint)((m * perMessage) + i));
            }
            output.Write(message);
        }
        return output.ToArray();
    }

    /// <summary>Announced IPv4 prefixes in an UPDATE body (classic NLRI; the session negotiates no ADD-PATH).</summary>
    internal static int CountAnnounced(ReadOnlySpan<byte> body)
    {
        var withdrawn = BinaryPrimitives.ReadUInt16BigEndian(body);
        var attributes = BinaryPrimitives.ReadUInt16BigEndian(body[(2 + withdrawn)..]);
        var nlri = body[(4 + withdrawn + attributes)..];
        var count = 0;
        for (var i = 0; i < nlri.Length; i += 1 + ((nlri[i] + 7) / 8)) count++;
        return count;
    }
}
