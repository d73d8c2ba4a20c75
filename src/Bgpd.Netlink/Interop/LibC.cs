using System.Runtime.InteropServices;

namespace Bgpd.Netlink.Interop;

/// <summary>The few libc calls .NET does not expose: creating an AF_NETLINK socket and switching
/// network namespaces. Everything else goes through <see cref="System.Net.Sockets.Socket"/>.</summary>
internal static partial class LibC
{
    public const int AfNetlink = 16;
    public const int SockRaw = 3;
    public const int SockCloexec = 0x80000;
    public const int CloneNewNet = 0x40000000;

    [LibraryImport("libc", SetLastError = true)]
    public static partial int socket(int domain, int type, int protocol);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int bind(int fd, ReadOnlySpan<byte> address, int addressLength);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int getsockname(int fd, Span<byte> address, ref int addressLength);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int setns(int fd, int nsType);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int close(int fd);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int open(string path, int flags);

    public const int ORdonly = 0;
    public const int OCloexec = 0x80000;

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial uint if_nametoindex(string name);
}
