using System.Runtime.InteropServices;

namespace Bgpd.Interop;

/// <summary>The few libc calls .NET does not expose: session/daemon setup and file ownership (privilege dropping: <see cref="Capabilities"/>).</summary>
public static partial class Posix
{
    [LibraryImport("libc", SetLastError = true)]
    private static partial int setsid();

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int chown(string path, int owner, int group);

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

    static IOException Error(string what) =>
        new($"{what}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
}
