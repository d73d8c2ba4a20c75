using System.Buffers.Binary;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Bgpd.Netlink.Interop;

namespace Bgpd.Netlink.Netlink;

/// <summary>Receives one message of a dump or a notification batch, in place.</summary>
public delegate void NetlinkMessageHandler(in NetlinkMessage message);

/// <summary>An AF_NETLINK/NETLINK_ROUTE socket: requests with ACKs, multi-part dumps, multicast groups.
/// Not thread-safe: use one socket per thread of use (bgpd uses one for events and one for requests).</summary>
public sealed class NetlinkSocket : IDisposable
{
    private const int SolSocket = 1;
    private const int SoAttachFilter = 26;
    private const int SoRcvbufForce = 33;
    private const int SolNetlink = 270;
    private const int NetlinkAddMembership = 1;
    private const int NetlinkCapAck = 10;
    private const int SockaddrNlLength = 12;

    private readonly Socket _socket;
    private readonly byte[] _receiveBuffer;
    private uint _sequence;

    private NetlinkSocket(Socket socket, uint portId, int receiveChunk)
    {
        _socket = socket;
        PortId = portId;
        _receiveBuffer = new byte[receiveChunk];
        _sequence = (uint)Environment.TickCount;
    }

    /// <summary>The port id the kernel assigned to this socket (nl_pid).</summary>
    public uint PortId { get; }

    /// <summary>Opens a route netlink socket in the calling thread's network namespace.</summary>
    /// <param name="receiveBufferBytes">Socket receive queue size; a large queue makes overruns rare.</param>
    /// <param name="groups">RTNLGRP_* multicast groups to join (see <c>Rtm.Group*</c>).</param>
    public static NetlinkSocket Open(int receiveBufferBytes = 8 << 20, params int[] groups)
    {
        var fd = LibC.socket(LibC.AfNetlink, LibC.SockRaw | LibC.SockCloexec, NetlinkConstants.ProtocolRoute);
        if (fd < 0)
            throw new NetlinkException(Marshal.GetLastPInvokeError(), "socket(AF_NETLINK)");
        Socket socket;
        Span<byte> address = stackalloc byte[SockaddrNlLength];
        try
        {
            address.Clear();
            BinaryPrimitives.WriteUInt16LittleEndian(address, LibC.AfNetlink);
            if (LibC.bind(fd, address, SockaddrNlLength) < 0)
                throw new NetlinkException(Marshal.GetLastPInvokeError(), "bind(AF_NETLINK)");
            var length = SockaddrNlLength;
            if (LibC.getsockname(fd, address, ref length) < 0)
                throw new NetlinkException(Marshal.GetLastPInvokeError(), "getsockname(AF_NETLINK)");
            socket = new Socket(new SafeSocketHandle(fd, ownsHandle: true));
        }
        catch
        {
            LibC.close(fd);
            throw;
        }
        var portId = BinaryPrimitives.ReadUInt32LittleEndian(address[4..]);
        var result = new NetlinkSocket(socket, portId, 256 * 1024);
        try
        {
            result.Configure(receiveBufferBytes, groups);
        }
        catch
        {
            result.Dispose();
            throw;
        }
        return result;
    }

    private void Configure(int receiveBufferBytes, int[] groups)
    {
        Span<byte> value = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(value, receiveBufferBytes);
        try { _socket.SetRawSocketOption(SolSocket, SoRcvbufForce, value); }
        catch (SocketException) { _socket.ReceiveBufferSize = receiveBufferBytes; }
        BinaryPrimitives.WriteInt32LittleEndian(value, 1);
        try { _socket.SetRawSocketOption(SolNetlink, NetlinkCapAck, value); }
        catch (SocketException) { /* older kernels: error ACKs just carry the whole request */ }
        foreach (var group in groups)
        {
            BinaryPrimitives.WriteInt32LittleEndian(value, group);
            _socket.SetRawSocketOption(SolNetlink, NetlinkAddMembership, value);
        }
    }

    /// <summary>Attaches a classic BPF program (struct sock_filter entries packed as ulongs, see
    /// <see cref="OwnRouteEchoFilter"/>): the kernel drops what it rejects before queueing it.</summary>
    public unsafe void AttachFilter(ReadOnlySpan<ulong> program)
    {
        fixed (ulong* instructions = program)
        {
            // struct sock_fprog { unsigned short len; struct sock_filter *filter; } (pointer 8-aligned)
            Span<byte> fprog = stackalloc byte[16];
            fprog.Clear();
            BinaryPrimitives.WriteUInt16LittleEndian(fprog, (ushort)program.Length);
            BinaryPrimitives.WriteUInt64LittleEndian(fprog[8..], (ulong)instructions);
            _socket.SetRawSocketOption(SolSocket, SoAttachFilter, fprog);
        }
    }

    /// <summary>Bounds blocking receives so a request can never hang the caller.</summary>
    public TimeSpan ReceiveTimeout
    {
        get => TimeSpan.FromMilliseconds(_socket.ReceiveTimeout);
        set => _socket.ReceiveTimeout = (int)value.TotalMilliseconds;
    }

    public uint NextSequence() => ++_sequence;

    /// <summary>True when a datagram is queued for reading right now (poll with zero timeout).</summary>
    public bool HasPending => _socket.Poll(0, SelectMode.SelectRead);

    public void Send(ReadOnlySpan<byte> datagram)
    {
        var sent = _socket.Send(datagram);
        if (sent != datagram.Length)
            throw new NetlinkException(ErrnoText.EAGAIN, "netlink send truncated");
    }

    /// <summary>Receives one datagram (possibly several messages). Throws <see cref="NetlinkOverrunException"/>
    /// when the kernel dropped messages for this socket.</summary>
    public ReadOnlySpan<byte> Receive()
    {
        try
        {
            var n = _socket.Receive(_receiveBuffer);
            return _receiveBuffer.AsSpan(0, n);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.NoBufferSpaceAvailable)
        {
            throw new NetlinkOverrunException();
        }
    }

    /// <summary>Runs a dump request (already written with <paramref name="sequence"/>) and feeds every reply
    /// message to <paramref name="handler"/>. Returns false if the kernel flagged the dump as interrupted
    /// (NLM_F_DUMP_INTR: the table changed during the dump), in which case the caller should dump again.</summary>
    public bool Dump(ReadOnlySpan<byte> request, uint sequence, NetlinkMessageHandler handler)
    {
        Send(request);
        var consistent = true;
        while (true)
        {
            var reader = new NetlinkMessageReader(Receive());
            foreach (var message in reader)
            {
                if (message.Sequence != sequence)
                    continue;
                if ((message.Flags & NetlinkConstants.FlagDumpInterrupted) != 0)
                    consistent = false;
                if (message.IsDone)
                {
                    var error = message.DoneErrorCode;
                    if (error != 0)
                        throw new NetlinkException(error, "netlink dump");
                    return consistent;
                }
                if (message.IsError)
                {
                    var error = message.ErrorCode;
                    if (error == 0)
                        continue;
                    if (error == ErrnoText.EINTR || error == ErrnoText.EBUSY)
                        return false;
                    throw new NetlinkException(error, "netlink dump");
                }
                handler(message);
            }
            if (reader.Malformed)
                throw new NetlinkException(ErrnoText.EINVAL, "malformed netlink reply");
        }
    }

    /// <summary>Sends a batch of requests (each written with NLM_F_ACK and consecutive sequence numbers from
    /// <paramref name="firstSequence"/>) and collects one result per request: 0 or a positive errno.</summary>
    public void Execute(ReadOnlySpan<byte> batch, uint firstSequence, int count, Action<int, int> onResult)
    {
        Send(batch);
        var pending = count;
        while (pending > 0)
        {
            var reader = new NetlinkMessageReader(Receive());
            foreach (var message in reader)
            {
                if (!message.IsError)
                    continue;
                var index = unchecked((int)(message.Sequence - firstSequence));
                if (index < 0 || index >= count)
                    continue;
                onResult(index, message.ErrorCode);
                pending--;
            }
        }
    }

    /// <summary>One request with ACK; returns 0 or a positive errno.</summary>
    public int Execute(ReadOnlySpan<byte> request, uint sequence)
    {
        var result = 0;
        Execute(request, sequence, 1, (_, error) => result = error);
        return result;
    }

    public void Dispose() => _socket.Dispose();
}
