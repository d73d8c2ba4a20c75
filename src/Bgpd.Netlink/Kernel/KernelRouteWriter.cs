using Bgpd.Netlink.Netlink;
using Bgpd.Netlink.Rtnetlink;

namespace Bgpd.Netlink.Kernel;

/// <summary>Writes <see cref="KernelOperation"/>s to the kernel, many per datagram, and reports each
/// request's result. Used on one thread (the routing loop). Without a socket (an offline hub's, for the
/// start-up warm-up) it encodes the requests and reports each one done without sending anything.</summary>
public sealed class KernelRouteWriter(NetlinkSocket? socket)
{
    private const int MaxBatchBytes = 60 * 1024;
    private const int MaxBatchMessages = 512;

    private readonly NetlinkWriter _writer = new(64 * 1024);
    // The Apply in progress, for the cached ACK handler (no closure per route written).
    private IReadOnlyList<KernelOperation> _operations = [];
    private Action<int, int> _onResult = static (_, _) => { };
    private int _offset;
    private Action<int, int>? _onAck;

    /// <summary>Performs the operations in order; <paramref name="onResult"/> gets (index, errno) for each
    /// (errno 0 = done; a delete of a route that is already gone counts as done).</summary>
    public void Apply(IReadOnlyList<KernelOperation> operations, Action<int, int> onResult)
    {
        // Saved and restored: a result handler may write again.
        var (outerOperations, outerResult, outerOffset) = (_operations, _onResult, _offset);
        (_operations, _onResult) = (operations, onResult);
        try
        {
            ApplyAll(operations);
        }
        finally
        {
            (_operations, _onResult, _offset) = (outerOperations, outerResult, outerOffset);
        }
    }

    private void ApplyAll(IReadOnlyList<KernelOperation> operations)
    {
        var onAck = _onAck ??= OnAck;
        var start = 0;
        while (start < operations.Count)
        {
            _writer.Clear();
            var first = socket?.NextSequence() ?? 1;
            var count = 0;
            while (start + count < operations.Count && count < MaxBatchMessages && _writer.Length < MaxBatchBytes)
            {
                Encode(operations[start + count], first + (uint)count);
                count++;
            }
            // Skip the sequence numbers this batch used so the next batch never reuses one.
            for (var i = 1; i < count; i++)
                socket?.NextSequence();
            _offset = start;
            if (socket is null)
                for (var i = 0; i < count; i++) onAck(i, 0);
            else
                socket.Execute(_writer.Written, first, count, onAck);
            start += count;
        }
    }

    private void OnAck(int index, int errno)
    {
        var position = _offset + index;
        if (_operations[position].Kind == KernelOperationKind.Delete && errno is ErrnoText.ESRCH or ErrnoText.ENOENT)
            errno = 0;
        _onResult(position, errno);
    }

    /// <summary>
    /// Compiles the request/ACK path before the first route needs it (the JIT would otherwise run inside
    /// that route's write): one read-only request through it, for the loopback link (index 1, in every
    /// namespace). Nothing changes in the kernel; without a socket nothing is sent. False when it failed.
    /// </summary>
    public bool WarmUp()
    {
        if (socket is null)
            return true;
        _writer.Clear();
        var sequence = socket.NextSequence();
        LinkCodec.Encode(_writer, Rtm.GetLink, NetlinkConstants.FlagRequest | NetlinkConstants.FlagAck, sequence,
            new LinkMessage(1, "", 0, 0, 0, 0, 0));
        return socket.Execute(_writer.Written, sequence) == 0;
    }

    private void Encode(in KernelOperation operation, uint sequence)
    {
        const ushort request = NetlinkConstants.FlagRequest | NetlinkConstants.FlagAck;
        switch (operation.Kind)
        {
            case KernelOperationKind.Add:
                RouteCodec.Encode(_writer, Rtm.NewRoute, request | NetlinkConstants.FlagCreate | NetlinkConstants.FlagExcl, sequence, operation.Route);
                break;
            case KernelOperationKind.Replace:
                RouteCodec.Encode(_writer, Rtm.NewRoute, request | NetlinkConstants.FlagCreate | NetlinkConstants.FlagReplace, sequence, operation.Route);
                break;
            default:
                RouteCodec.Encode(_writer, Rtm.DelRoute, request, sequence, DeleteKey(operation.Route));
                break;
        }
    }

    /// <summary>A delete names the route by table, destination, protocol, type and priority only, so it
    /// removes exactly our route (never another protocol's) including all its next hops.</summary>
    public static RouteMessage DeleteKey(in RouteMessage route) => new()
    {
        Destination = route.Destination,
        Table = route.Table,
        Protocol = route.Protocol,
        Scope = RouteScope.Nowhere,
        Type = route.Type,
        Priority = route.Priority,
    };
}
