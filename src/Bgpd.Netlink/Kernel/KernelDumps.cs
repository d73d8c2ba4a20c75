using Bgpd.Netlink.Netlink;
using Bgpd.Netlink.Rtnetlink;

namespace Bgpd.Netlink.Kernel;

/// <summary>Full-table dumps (links, addresses, routes) over a request socket, retried when the kernel
/// reports the dump was interrupted by concurrent changes.</summary>
public sealed class KernelDumps(NetlinkSocket socket)
{
    private const int MaxAttempts = 5;
    private readonly NetlinkWriter _writer = new(256);

    public NetlinkSocket Socket => socket;

    public void Links(Action<LinkMessage> onLink) => Run(
        seq => LinkCodec.EncodeDumpRequest(_writer, seq),
        (in NetlinkMessage m) =>
        {
            if (m.Type == Rtm.NewLink && LinkCodec.TryDecode(m.Payload, out var link))
                onLink(link);
        }, restart: null);

    public void Addresses(Action<AddressMessage> onAddress) => Run(
        seq => AddressCodec.EncodeDumpRequest(_writer, seq),
        (in NetlinkMessage m) =>
        {
            if (m.Type == Rtm.NewAddr && AddressCodec.TryDecode(m.Payload, out var address))
                onAddress(address);
        }, restart: null);

    /// <summary>Dumps routes of one family; <paramref name="restart"/> is called before a retried dump so
    /// the caller can discard what it collected from the interrupted one.</summary>
    public void Routes(byte family, NetlinkMessageHandler onRoute, Action? restart = null) => Run(
        seq => RouteCodec.EncodeDumpRequest(_writer, seq, family),
        onRoute, restart);

    private void Run(Action<uint> encode, NetlinkMessageHandler handler, Action? restart)
    {
        for (var attempt = 1; ; attempt++)
        {
            _writer.Clear();
            var seq = socket.NextSequence();
            encode(seq);
            if (socket.Dump(_writer.Written, seq, handler) || attempt == MaxAttempts)
                return;
            restart?.Invoke();
        }
    }
}
