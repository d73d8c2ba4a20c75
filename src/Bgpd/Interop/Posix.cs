using System.Runtime.InteropServices;

namespace Bgpd.Interop;

/// <summary>The few libc calls .NET does not expose: session/daemon setup and privilege dropping.</summary>
public static partial class Posix
{
    [LibraryImport("libc", SetLastError = true)]
    private static partial int setsid();

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int chown(string path, int owner, int group);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int setuid(int uid);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int setgid(int gid);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int setgroups(nint size, nint list);

    [LibraryImport("libc")]
    private static partial int getpid();

    [LibraryImport("libc")]
    private static partial int geteuid();

    public static int ProcessId => getpid();
    public static int EffectiveUserId => geteuid();

    /// <summary>Starts a new session so the daemon has no controlling terminal.</summary>
    public static void NewSession()
    {
        if (setsid() < 0) throw Error("setsid");
    }

    public static void Chown(string path, int uid, int gid)
    {
        if (chown(path, uid, gid) < 0) throw Error($"chown {path}");
    }

    /// <summary>Drops to <paramref name="gid"/> / <paramref name="uid"/> (group first, while still allowed).</summary>
    public static void DropPrivileges(int? uid, int? gid)
    {
        if (gid is { } g)
        {
            if (setgroups(0, 0) < 0) throw Error("setgroups");
            if (setgid(g) < 0) throw Error("setgid");
        }
        if (uid is { } u && setuid(u) < 0) throw Error("setuid");
    }

    static IOException Error(string what) =>
        new($"{what}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
}
