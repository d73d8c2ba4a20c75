using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Bgpd.Throughput;

/// <summary>
/// A minimal iBGP speaker over one TCP connection: sends OPEN (IPv4 unicast, 4-octet AS), answers
/// KEEPALIVEs, and hands every received UPDATE body to a callback. Enough to inject and to count.
/// </summary>
internal sealed class BgpPeer(IPAddress local, IPAddress daemon, uint asNumber) : IAsyncDisposable
{
    /// <summary>A peer with an Established session; a daemon still starting (refusing, or resetting
    /// connections from peers it has not registered yet) is retried with a new connection, bounded.</summary>
    public static async Task<BgpPeer> ConnectAsync(IPAddress local, IPAddress daemon, uint asNumber, CancellationToken cancel)
    {
        for (var attempt = 0; ; attempt++)
        {
            var peer = new BgpPeer(local, daemon, asNumber);
            try
            {
                await peer.EstablishAsync(cancel);
                return peer;
            }
            catch (Exception e) when (e is SocketException or IOException && attempt < 300)
            {
                await peer.DisposeAsync();
                await Task.Delay(100, cancel);
            }
        }
    }

    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
    private readonly byte[] _buffer = new byte[1 << 20];
    private int _start, _end;

    public async Task EstablishAsync(CancellationToken cancel)
    {
        _socket.Bind(new IPEndPoint(local, 0));
        await _socket.ConnectAsync(new IPEndPoint(daemon, 179), cancel);
        await SendAsync(Open(), cancel);
        // Established once the daemon's OPEN and its KEEPALIVE (confirming ours) have arrived.
        var sawOpen = false;
        while (true)
        {
            var (type, _) = await ReadMessageAsync(cancel);
            if (type == 1)
            {
                sawOpen = true;
                await SendAsync(Keepalive(), cancel);
            }
            else if (type == 4 && sawOpen) return;
            else if (type == 3) throw new IOException($"{local}: the daemon sent a NOTIFICATION");
        }
    }

    public ValueTask<int> SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancel) => _socket.SendAsync(bytes, SocketFlags.None, cancel);

    /// <summary>Reads until <paramref name="done"/> says stop; UPDATE bodies go to <paramref name="onUpdate"/>.</summary>
    public async Task ReadUpdatesAsync(Func<ReadOnlyMemory<byte>, bool> onUpdate, CancellationToken cancel)
    {
        while (true)
        {
            var (type, body) = await ReadMessageAsync(cancel);
            if (type == 2 && onUpdate(body)) return;
            if (type == 4) await SendAsync(Keepalive(), cancel);
            if (type == 3) throw new IOException($"{local}: the daemon sent a NOTIFICATION");
        }
    }

    private async Task<(byte Type, ReadOnlyMemory<byte> Body)> ReadMessageAsync(CancellationToken cancel)
    {
        while (true)
        {
            if (_end - _start >= 19)
            {
                var length = BinaryPrimitives.ReadUInt16BigEndian(_buffer.AsSpan(_start + 16));
                if (length < 19) throw new IOException("bad message length");
                if (_end - _start >= length)
                {
                    var type = _buffer[_start + 18];
                    var body = _buffer.AsMemory(_start + 19, length - 19);
                    _start += length;
                    return (type, body);
                }
            }
            if (_start > 0 && _buffer.Length - _end < 65536)
            {
                _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
                _end -= _start;
                _start = 0;
            }
            var n = await _socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None, cancel);
            if (n == 0) throw new IOException($"{local}: the daemon closed the connection");
            _end += n;
        }
    }

    private byte[] Open()
    {
        // Capabilities: multiprotocol IPv4 unicast, route refresh, 4-octet AS.
        byte[] caps = [2, 6, 1, 4, 0, 1, 0, 1, 2, 2, 2, 0, 2, 6, 65, 4, 0, 0, 0, 0];
        BinaryPrimitives.WriteUInt32BigEndian(caps.AsSpan(16), asNumber);
        var message = Header(19 + 10 + caps.Length, 1);
        var body = message.AsSpan(19);
        body[0] = 4;
        BinaryPrimitives.WriteUInt16BigEndian(body[1..], asNumber > 65535 ? (ushort)23456 : (ushort)asNumber);
        BinaryPrimitives.WriteUInt16BigEndian(body[3..], 240);
        local.GetAddressBytes().CopyTo(body[5..]);
        body[9] = (byte)caps.Length;
        caps.CopyTo(body[10..]);
        return message;
    }

    public static byte[] Keepalive() => Header(19, 4);

    public static byte[] Header(int length, byte type)
    {
        var message = new byte[length];
        message.AsSpan(0, 16).Fill(0xFF);
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(16), (ushort)length);
        message[18] = type;
        return message;
    }

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }
}
