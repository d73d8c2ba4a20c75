using System.Runtime.InteropServices;
using Bgpd.Netlink.Interop;

namespace Bgpd.Netlink.Netlink;

/// <summary>Opens route netlink sockets in some network namespace. A socket stays bound to the namespace
/// it was created in, whichever thread later uses it.</summary>
public interface INetlinkSocketFactory
{
    NetlinkSocket Open(int receiveBufferBytes, params int[] groups);
}

/// <summary>Sockets in the daemon's own network namespace.</summary>
public sealed class CurrentNamespaceSockets : INetlinkSocketFactory
{
    public static readonly CurrentNamespaceSockets Instance = new();

    public NetlinkSocket Open(int receiveBufferBytes, params int[] groups) => NetlinkSocket.Open(receiveBufferBytes, groups);
}

/// <summary>Sockets in a named namespace (<c>ip netns add NAME</c>): each socket is created on a short-lived
/// thread that first enters the namespace with setns, so no other thread ever changes namespace.</summary>
public sealed class NamedNamespaceSockets(string name) : INetlinkSocketFactory
{
    public string Name { get; } = name;

    public NetlinkSocket Open(int receiveBufferBytes, params int[] groups) =>
        RunInNamespace(Name, () => NetlinkSocket.Open(receiveBufferBytes, groups));

    /// <summary>Runs <paramref name="action"/> on a fresh thread inside namespace <paramref name="name"/>.</summary>
    public static T RunInNamespace<T>(string name, Func<T> action)
    {
        T? result = default;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                var fd = LibC.open(Path.Combine("/var/run/netns", name), LibC.ORdonly | LibC.OCloexec);
                if (fd < 0)
                    throw new NetlinkException(Marshal.GetLastPInvokeError(), $"open netns {name}");
                try
                {
                    if (LibC.setns(fd, LibC.CloneNewNet) < 0)
                        throw new NetlinkException(Marshal.GetLastPInvokeError(), $"setns {name}");
                }
                finally
                {
                    LibC.close(fd);
                }
                result = action();
            }
            catch (Exception e)
            {
                failure = e;
            }
        })
        { IsBackground = true, Name = "netns-" + name };
        thread.Start();
        thread.Join();
        if (failure is not null)
            throw new InvalidOperationException($"cannot open a netlink socket in namespace {name}: {failure.Message}", failure);
        return result!;
    }
}
