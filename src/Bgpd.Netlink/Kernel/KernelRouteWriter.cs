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

    /// <summary>Performs the operations in order; <paramref name="onResult"/> gets (index, errno) for each
    /// (errno 0 = done; a delete of a route that is already gone counts as done).</summary>
    public void Apply(IReadOnlyList<KernelOperation> operations, Action<int, int> onResult)
    {
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
            var offset = start;
            Action<int, int> onAck = (index, errno) =>
            {
                var op = operations[offset + index];
                if (op.Kind == KernelOperationKind.Delete && errno is ErrnoText.ESRCH or ErrnoText.ENOENT)
                    errno = 0;
                onResult(offset + index, errno);
            };
            if (socket is null)
                for (var i = 0; i < count; i++) onAck(i, 0);
            else
                socket.Execute(_writer.Written, first, count, onAck);
            start += count;
        }
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
