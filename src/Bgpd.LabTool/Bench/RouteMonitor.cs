using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Diagnostics;

namespace Bgpd.LabTool.Bench;

/// <summary>
/// Watches one namespace's IPv4 routing table through rtnetlink multicast and remembers when each
/// routing-daemon (protocol 12) /32 route appeared and disappeared, as Stopwatch timestamps.
/// </summary>
public sealed class RouteMonitor : IDisposable
{
    private readonly NetlinkSocket _socket;
    private readonly Thread _thread;
    private readonly SemaphoreSlim _changed = new(0);
    private volatile bool _stopping;

    public RouteMonitor(string ns)
    {
        Namespace = ns;
        _socket = NetlinkSocket.Open(ns, NetlinkSocket.RtmgrpIpv4Route);
        _thread = new Thread(Loop) { IsBackground = true, Name = "route monitor " + ns };
        _thread.Start();
    }

    public string Namespace { get; }

    public ConcurrentDictionary<uint, long> Added { get; } = new();

    public ConcurrentDictionary<uint, long> Removed { get; } = new();

    public string? Error { get; private set; }

    /// <summary>Forgets what was seen (between phases).</summary>
    public void Reset()
    {
        Added.Clear();
        Removed.Clear();
    }

    /// <summary>Waits (bounded) until <paramref name="done"/> holds, woken by each route change.</summary>
    public bool WaitUntil(Func<RouteMonitor, bool> done, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!done(this))
        {
            if (Error is not null)
            {
                throw new Shell.LabException($"monitor in {Namespace}: {Error}");
            }

            var left = timeout - clock.Elapsed;
            if (left <= TimeSpan.Zero)
            {
                return false;
            }

            _changed.Wait(left < TimeSpan.FromMilliseconds(200) ? left : TimeSpan.FromMilliseconds(200));
        }

        return true;
    }

    private void Loop()
    {
        var buffer = new byte[1 << 16];
        try
        {
            while (!_stopping)
            {
                var received = _socket.Receive(buffer, 100);
                if (received <= 0)
                {
                    continue;
                }

                var now = Stopwatch.GetTimestamp();
                if (Parse(buffer.AsSpan(0, received), now) > 0)
                {
                    _changed.Release();
                }
            }
        }
        catch (Shell.LabException e)
        {
            Error = e.Message;
            _changed.Release();
        }
    }

    private int Parse(ReadOnlySpan<byte> data, long timestamp)
    {
        var changes = 0;
        for (var offset = 0; offset + 28 <= data.Length;)
        {
            var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(data[offset..]);
            if (length < 16 || offset + length > data.Length)
            {
                break;
            }

            var type = BinaryPrimitives.ReadUInt16LittleEndian(data[(offset + 4)..]);
            var message = data.Slice(offset, length);
            offset += (length + 3) & ~3;
            if ((type != NetlinkSocket.RtmNewRoute && type != NetlinkSocket.RtmDelRoute) || length < 28
                || message[16] != 2 || message[17] != 32 || message[21] != NetlinkSocket.RtprotBird)
            {
                continue;
            }

            for (var a = 28; a + 4 <= message.Length;)
            {
                var attributeLength = BinaryPrimitives.ReadUInt16LittleEndian(message[a..]);
                var attributeType = BinaryPrimitives.ReadUInt16LittleEndian(message[(a + 2)..]);
                if (attributeLength < 4)
                {
                    break;
                }

                if (attributeType == 1 && attributeLength >= 8)
                {
                    var destination = BinaryPrimitives.ReadUInt32BigEndian(message[(a + 4)..]);
                    (type == NetlinkSocket.RtmNewRoute ? Added : Removed).TryAdd(destination, timestamp);
                    changes++;
                    break;
                }

                a += (attributeLength + 3) & ~3;
            }
        }

        return changes;
    }

    public void Dispose()
    {
        _stopping = true;
        _thread.Join(TimeSpan.FromSeconds(2));
        _socket.Dispose();
        _changed.Dispose();
    }
}
