using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Bgpd.LabTool.Interop;
using Bgpd.LabTool.Shell;

namespace Bgpd.LabTool.Bench;

/// <summary>
/// An rtnetlink socket created inside a lab namespace (a socket stays bound to the namespace it was
/// made in, so only the creating thread has to enter it). Used to add/delete routes as Felix does
/// and to watch a compute's kernel table, with timestamps taken in this process.
/// </summary>
public sealed unsafe class NetlinkSocket : IDisposable
{
    public const ushort RtmNewRoute = 24;
    public const ushort RtmDelRoute = 25;
    public const byte RtprotBoot = 3;
    public const byte RtprotBird = 12;
    public const uint RtmgrpIpv4Route = 0x40;

    private const ushort NlmsgError = 2;
    private const ushort FlagRequest = 0x1;
    private const ushort FlagAck = 0x4;
    private const ushort FlagExcl = 0x200;
    private const ushort FlagCreate = 0x400;

    private readonly byte[] _request = new byte[64];
    private readonly byte[] _reply = new byte[8192];
    private uint _sequence;

    private NetlinkSocket(int fd) => Fd = fd;

    public int Fd { get; private set; }

    /// <summary>Opens a NETLINK_ROUTE socket in namespace <paramref name="ns"/>, joined to <paramref name="groups"/>.</summary>
    public static NetlinkSocket Open(string ns, uint groups)
    {
        var fd = -1;
        string? error = null;
        var thread = new Thread(() =>
        {
            using var original = File.OpenHandle("/proc/thread-self/ns/net");
            using var target = File.OpenHandle(Path.Combine("/run/netns", ns));
            if (Native.SetNs((int)target.DangerousGetHandle(), Native.CloneNewNet) != 0)
            {
                error = $"setns({ns}) failed: errno {Marshal.GetLastPInvokeError()}";
                return;
            }

            try
            {
                fd = Native.Socket(Native.AfNetlink, Native.SockRaw | Native.SockCloexec, Native.NetlinkRoute);
                if (fd < 0)
                {
                    error = $"netlink socket in {ns}: errno {Marshal.GetLastPInvokeError()}";
                    return;
                }

                var address = new Native.SockaddrNl { Family = Native.AfNetlink, Groups = groups };
                if (Native.Bind(fd, &address, sizeof(Native.SockaddrNl)) != 0)
                {
                    error = $"netlink bind in {ns}: errno {Marshal.GetLastPInvokeError()}";
                }

                var size = 16 << 20; // Route bursts in scale mode must not overflow the receive queue.
                Native.SetSockOpt(fd, Native.SolSocket, Native.SoRcvBufForce, &size, sizeof(int));
            }
            finally
            {
                Native.SetNs((int)original.DangerousGetHandle(), Native.CloneNewNet);
            }
        });
        thread.Start();
        thread.Join();
        if (error is not null)
        {
            if (fd >= 0)
            {
                Native.Close(fd);
            }

            throw new LabException(error);
        }

        return new NetlinkSocket(fd);
    }

    /// <summary>Sends RTM_NEWROUTE for DST/32 dev IFINDEX proto boot metric METRIC; returns once acknowledged.</summary>
    public void AddHostRoute(uint destination, int interfaceIndex, uint metric) =>
        Request(RtmNewRoute, (ushort)(FlagRequest | FlagAck | FlagCreate | FlagExcl), destination, interfaceIndex, metric,
            protocol: RtprotBoot, scope: 253, routeType: 1);

    /// <summary>Sends RTM_DELROUTE for DST/32 dev IFINDEX metric METRIC; returns once acknowledged.</summary>
    public void DeleteHostRoute(uint destination, int interfaceIndex, uint metric) =>
        Request(RtmDelRoute, (ushort)(FlagRequest | FlagAck), destination, interfaceIndex, metric, protocol: 0, scope: 255, routeType: 0);

    /// <summary>Sends without waiting for the acknowledgement (burst mode); call <see cref="DrainAcks"/> later.</summary>
    public void SendHostRoute(ushort messageType, uint destination, int interfaceIndex, uint metric)
    {
        var add = messageType == RtmNewRoute;
        var length = Build(messageType, add ? (ushort)(FlagRequest | FlagAck | FlagCreate | FlagExcl) : (ushort)(FlagRequest | FlagAck), destination, interfaceIndex, metric,
            add ? RtprotBoot : (byte)0, add ? (byte)253 : (byte)255, add ? (byte)1 : (byte)0);
        SendAll(length);
    }

    private void Request(ushort type, ushort flags, uint destination, int interfaceIndex, uint metric, byte protocol, byte scope, byte routeType)
    {
        var length = Build(type, flags, destination, interfaceIndex, metric, protocol, scope, routeType);
        SendAll(length);
        var sequence = _sequence;
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var received = Receive(_reply, 5000);
            if (received <= 0)
            {
                throw new LabException("no netlink acknowledgement within 5 s");
            }

            for (var offset = 0; offset + 16 <= received;)
            {
                var messageLength = (int)BinaryPrimitives.ReadUInt32LittleEndian(_reply.AsSpan(offset));
                var messageType = BinaryPrimitives.ReadUInt16LittleEndian(_reply.AsSpan(offset + 4));
                var messageSequence = BinaryPrimitives.ReadUInt32LittleEndian(_reply.AsSpan(offset + 8));
                if (messageType == NlmsgError && messageSequence == sequence)
                {
                    var errno = BinaryPrimitives.ReadInt32LittleEndian(_reply.AsSpan(offset + 16));
                    if (errno != 0)
                    {
                        throw new LabException($"netlink {(type == RtmNewRoute ? "add" : "delete")} of {Topology.Ipv4Cidr.FromUInt(destination)}/32 failed: errno {-errno}");
                    }

                    return;
                }

                offset += Math.Max(16, (messageLength + 3) & ~3);
            }
        }
    }

    private int Build(ushort type, ushort flags, uint destination, int interfaceIndex, uint metric, byte protocol, byte scope, byte routeType)
    {
        var b = _request.AsSpan();
        b.Clear();
        const int length = 16 + 12 + 8 + 8 + 8;
        BinaryPrimitives.WriteUInt32LittleEndian(b, length);
        BinaryPrimitives.WriteUInt16LittleEndian(b[4..], type);
        BinaryPrimitives.WriteUInt16LittleEndian(b[6..], flags);
        BinaryPrimitives.WriteUInt32LittleEndian(b[8..], ++_sequence);
        b[16] = 2;          // AF_INET
        b[17] = 32;         // dst_len
        b[20] = 254;        // RT_TABLE_MAIN
        b[21] = protocol;
        b[22] = scope;
        b[23] = routeType;
        WriteAttribute(b[28..], 1, destination, bigEndian: true);               // RTA_DST
        WriteAttribute(b[36..], 4, (uint)interfaceIndex, bigEndian: false);     // RTA_OIF
        WriteAttribute(b[44..], 6, metric, bigEndian: false);                   // RTA_PRIORITY
        return length;
    }

    private static void WriteAttribute(Span<byte> b, ushort type, uint value, bool bigEndian)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(b, 8);
        BinaryPrimitives.WriteUInt16LittleEndian(b[2..], type);
        if (bigEndian)
        {
            BinaryPrimitives.WriteUInt32BigEndian(b[4..], value);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(b[4..], value);
        }
    }

    private void SendAll(int length)
    {
        fixed (byte* p = _request)
        {
            if (Native.Send(Fd, p, length, 0) != length)
            {
                throw new LabException($"netlink send failed: errno {Marshal.GetLastPInvokeError()}");
            }
        }
    }

    /// <summary>Reads and discards pending replies (acknowledgements of burst-mode requests), reporting errors.</summary>
    public int DrainAcks(int expected, TimeSpan timeout)
    {
        var errors = 0;
        var seen = 0;
        var deadline = DateTime.UtcNow + timeout;
        while (seen < expected && DateTime.UtcNow < deadline)
        {
            var received = Receive(_reply, 1000);
            for (var offset = 0; offset + 16 <= received;)
            {
                var messageLength = (int)BinaryPrimitives.ReadUInt32LittleEndian(_reply.AsSpan(offset));
                if (BinaryPrimitives.ReadUInt16LittleEndian(_reply.AsSpan(offset + 4)) == NlmsgError)
                {
                    seen++;
                    errors += BinaryPrimitives.ReadInt32LittleEndian(_reply.AsSpan(offset + 16)) != 0 ? 1 : 0;
                }

                offset += Math.Max(16, (messageLength + 3) & ~3);
            }
        }

        return errors;
    }

    /// <summary>Receives one datagram, waiting up to <paramref name="timeoutMs"/>; 0 on timeout.</summary>
    public int Receive(byte[] buffer, int timeoutMs)
    {
        var poll = new Native.PollFd { Fd = Fd, Events = Native.PollIn };
        if (Native.Poll(&poll, 1, timeoutMs) <= 0)
        {
            return 0;
        }

        fixed (byte* p = buffer)
        {
            var n = Native.Recv(Fd, p, buffer.Length, 0);
            if (n < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                throw new LabException(errno == 105 ? "netlink receive queue overflowed (ENOBUFS): events were lost" : $"netlink recv failed: errno {errno}");
            }

            return (int)n;
        }
    }

    public void Dispose()
    {
        if (Fd >= 0)
        {
            Native.Close(Fd);
            Fd = -1;
        }
    }
}
