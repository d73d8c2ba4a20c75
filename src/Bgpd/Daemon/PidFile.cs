using System.Globalization;

namespace Bgpd.Daemon;

/// <summary>The <c>-P</c> pid file: written after start-up, removed at clean shutdown.</summary>
public sealed class PidFile(string path) : IDisposable
{
    public string Path => path;

    /// <summary>Writes the pid; an IOException says which file and why (BIRD: "Cannot create PID file").</summary>
    public void Write(int pid)
    {
        try
        {
            File.WriteAllText(path, pid.ToString(CultureInfo.InvariantCulture) + "\n");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var reason = e is UnauthorizedAccessException ? "Permission denied" : e.Message;
            throw new IOException($"Cannot create PID file {path}: {reason}", e);
        }
    }

    public void Dispose()
    {
        try { File.Delete(path); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
