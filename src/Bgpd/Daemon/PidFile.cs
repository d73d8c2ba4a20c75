using System.Globalization;

namespace Bgpd.Daemon;

/// <summary>The <c>-P</c> pid file: written after start-up, removed at clean shutdown.</summary>
public sealed class PidFile(string path) : IDisposable
{
    public string Path => path;

    public void Write(int pid) =>
        File.WriteAllText(path, pid.ToString(CultureInfo.InvariantCulture) + "\n");

    public void Dispose()
    {
        try { File.Delete(path); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
