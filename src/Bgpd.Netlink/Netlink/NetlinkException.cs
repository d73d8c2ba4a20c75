namespace Bgpd.Netlink.Netlink;

/// <summary>The kernel answered a netlink request with an error (errno, positive).</summary>
public sealed class NetlinkException(int errno, string operation)
    : Exception($"{operation}: {ErrnoText.Describe(errno)}")
{
    public int Errno { get; } = errno;
}

/// <summary>The socket's receive queue overflowed (ENOBUFS): notifications were lost and the caller
/// must resynchronise with full dumps.</summary>
public sealed class NetlinkOverrunException() : Exception("netlink receive buffer overrun (ENOBUFS); messages were lost");

/// <summary>Short names for the errnos netlink route operations return.</summary>
public static class ErrnoText
{
    public const int ENOENT = 2;
    public const int ESRCH = 3;
    public const int EINTR = 4;
    public const int EAGAIN = 11;
    public const int ENOBUFS = 105;
    public const int EEXIST = 17;
    public const int ENODEV = 19;
    public const int EINVAL = 22;
    public const int ENETUNREACH = 101;
    public const int EBUSY = 16;

    public static string Describe(int errno) => errno switch
    {
        ENOENT => "No such file or directory",
        ESRCH => "No such process",
        EEXIST => "File exists",
        ENODEV => "No such device",
        EINVAL => "Invalid argument",
        ENETUNREACH => "Network is unreachable",
        ENOBUFS => "No buffer space available",
        EBUSY => "Device or resource busy",
        EAGAIN => "Resource temporarily unavailable",
        _ => $"errno {errno}",
    };
}
