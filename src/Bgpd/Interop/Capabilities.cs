using System.Runtime.InteropServices;

namespace Bgpd.Interop;

/// <summary>
/// Changing user while keeping the network capabilities BIRD keeps (CAP_NET_BIND_SERVICE,
/// CAP_NET_BROADCAST, CAP_NET_ADMIN, CAP_NET_RAW), then replacing the process image. Capabilities
/// are per thread and .NET runs many threads, so the calling thread drops to the user with its
/// capabilities raised as ambient ones and execs: the new image starts as the user, every thread
/// with exactly those capabilities.
/// </summary>
public static unsafe partial class Capabilities
{
    const int PrSetKeepCaps = 8;
    const int PrCapAmbient = 47;
    const int PrCapAmbientRaise = 2;
    const uint LinuxCapabilityVersion3 = 0x20080522;
    const int FSetFd = 2;

    /// <summary>The capability numbers kept: NET_BIND_SERVICE 10, NET_BROADCAST 11, NET_ADMIN 12, NET_RAW 13.</summary>
    public static readonly int[] Network = [10, 11, 12, 13];

    [StructLayout(LayoutKind.Sequential)]
    struct CapHeader
    {
        public uint Version;
        public int Pid;
    }

    [StructLayout(LayoutKind.Sequential)]
    struct CapData
    {
        public uint Effective;
        public uint Permitted;
        public uint Inheritable;
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int capset(CapHeader* header, CapData* data);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int setgroups(nint size, nint list);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int setgid(int gid);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int setuid(int uid);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int fcntl(int fd, int command, int argument);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int execve(byte* path, byte** argv, byte** envp);

    /// <summary>Lets <paramref name="fd"/> survive an exec (sockets are created close-on-exec).</summary>
    public static void KeepAcrossExec(int fd)
    {
        if (fcntl(fd, FSetFd, 0) < 0) throw Error("fcntl(F_SETFD)");
    }

    /// <summary>
    /// On the calling thread: switch to <paramref name="gid"/>/<paramref name="uid"/> keeping
    /// <see cref="Network"/> as ambient capabilities, then exec <paramref name="path"/>. Returns only by throwing.
    /// </summary>
    public static void ExecAsUser(int? uid, int? gid, string path, IReadOnlyList<string> argv, IReadOnlyList<string> environment)
    {
        if (gid is { } g)
        {
            if (setgroups(0, 0) < 0) throw Error("setgroups");
            if (setgid(g) < 0) throw Error("setgid");
        }
        if (prctl(PrSetKeepCaps, 1, 0, 0, 0) < 0) throw Error("prctl(PR_SET_KEEPCAPS)");
        if (uid is { } u && setuid(u) < 0) throw Error("setuid");
        uint mask = 0;
        foreach (var cap in Network) mask |= 1u << cap;
        var header = new CapHeader { Version = LinuxCapabilityVersion3, Pid = 0 };
        var data = stackalloc CapData[2];
        data[0] = new CapData { Effective = mask, Permitted = mask, Inheritable = mask };
        data[1] = default;
        if (capset(&header, data) < 0) throw Error("capset");
        foreach (var cap in Network)
            if (prctl(PrCapAmbient, PrCapAmbientRaise, (nuint)cap, 0, 0) < 0) throw Error($"prctl(PR_CAP_AMBIENT_RAISE, {cap})");
        Exec(path, argv, environment);
    }

    static void Exec(string path, IReadOnlyList<string> argv, IReadOnlyList<string> environment)
    {
        var allocated = new List<nint>();
        nint Alloc(int bytes)
        {
            var p = Marshal.AllocCoTaskMem(bytes);
            allocated.Add(p);
            return p;
        }
        byte* Utf8(string s)
        {
            var p = Marshal.StringToCoTaskMemUTF8(s);
            allocated.Add(p);
            return (byte*)p;
        }
        byte** Vector(IReadOnlyList<string> items)
        {
            var v = (byte**)Alloc((items.Count + 1) * sizeof(byte*));
            for (var i = 0; i < items.Count; i++) v[i] = Utf8(items[i]);
            v[items.Count] = null;
            return v;
        }
        try
        {
            execve(Utf8(path), Vector(argv), Vector(environment));
            throw Error($"execve {path}");
        }
        finally
        {
            // Only reached when execve failed: a successful exec replaces this memory.
            foreach (var p in allocated) Marshal.FreeCoTaskMem(p);
        }
    }

    static IOException Error(string what) =>
        new($"{what}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
}
