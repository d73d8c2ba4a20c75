using System.Collections;
using Bgpd.Control;
using Bgpd.Interop;

namespace Bgpd.Daemon;

/// <summary>
/// <c>-u USER</c> / <c>-g GROUP</c> as BIRD 1.6 does them: the control socket is created as root and
/// handed to the user, then everything else (config, pid file, protocols) runs as the user, keeping
/// the network capabilities BIRD keeps so kernel routes can still be written and port 179 bound.
/// Capabilities are per thread, so the program is exec'd once more as the user (see
/// <see cref="Capabilities"/>); the new image takes the socket from <see cref="ControlServer.InheritedSocketVariable"/>.
/// </summary>
public static class PrivilegeDrop
{
    const string DoneVariable = "BGPD_RUNS_AS_USER";

    /// <summary>True in the image started by <see cref="ExecAsUser"/>: nothing left to drop.</summary>
    public static bool Done => Environment.GetEnvironmentVariable(DoneVariable) is not null;

    /// <summary>Creates the control socket, drops to the user and execs; returns only by throwing <see cref="IOException"/>.</summary>
    public static void ExecAsUser(string socketPath, int? uid, int? gid)
    {
        var socket = ControlServer.Create(socketPath, uid, gid);
        var fd = (int)socket.Handle;
        Capabilities.KeepAcrossExec(fd);
        var environment = new List<string>();
        foreach (DictionaryEntry e in Environment.GetEnvironmentVariables())
            if (e.Key is string key && key is not DoneVariable and not ControlServer.InheritedSocketVariable)
                environment.Add($"{key}={e.Value}");
        environment.Add($"{ControlServer.InheritedSocketVariable}={fd}");
        environment.Add($"{DoneVariable}={uid?.ToString() ?? "-"}");
        try
        {
            Capabilities.ExecAsUser(uid, gid, "/proc/self/exe", CommandLine.OriginalArguments(), environment);
        }
        finally
        {
            // Only reached when the exec failed.
            GC.KeepAlive(socket);
            socket.Dispose();
        }
    }
}
