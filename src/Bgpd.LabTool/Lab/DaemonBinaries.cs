using Bgpd.LabTool.Shell;
using Bgpd.LabTool.Topology;

namespace Bgpd.LabTool.Lab;

/// <summary>Finds the program to run for each daemon choice.</summary>
public static class DaemonBinaries
{
    public const string Bird = "/usr/sbin/bird";

    /// <summary>
    /// The command prefix that starts a daemon: BIRD, or bgpd from BGPD_BIN, else the newest build
    /// output of src/Bgpd (apphost <c>bgpd</c>, or <c>dotnet bgpd.dll</c>).
    /// </summary>
    public static IReadOnlyList<string> CommandFor(DaemonKind kind)
    {
        if (kind == DaemonKind.Bird)
        {
            return File.Exists(Bird) ? [Bird] : throw new LabException($"{Bird} is not installed (apt-get install bird)");
        }

        var explicitPath = Environment.GetEnvironmentVariable("BGPD_BIN");
        if (!string.IsNullOrEmpty(explicitPath))
        {
            return File.Exists(explicitPath) ? Launch(explicitPath) : throw new LabException($"BGPD_BIN={explicitPath} does not exist");
        }

        var root = RepositoryRoot() ?? throw new LabException("cannot find the bgpd repository (Bgpd.sln) above this tool; set BGPD_BIN");
        var candidates = new[] { "Release", "Debug" }
            .Select(c => Path.Combine(root, "src", "Bgpd", "bin", c, "net10.0", "bgpd.dll"))
            .Where(File.Exists)
            .OrderByDescending(File.GetLastWriteTimeUtc)
            .ToList();
        return candidates.Count > 0
            ? Launch(candidates[0])
            : throw new LabException("bgpd is not built: run 'dotnet build src/Bgpd -c Release' or set BGPD_BIN");
    }

    private static IReadOnlyList<string> Launch(string path)
    {
        if (path.EndsWith(".dll", StringComparison.Ordinal))
        {
            var apphost = path[..^4];
            return File.Exists(apphost) ? [apphost] : ["dotnet", path];
        }

        return [path];
    }

    /// <summary>The directory holding Bgpd.sln, searched upward from this tool's location and the cwd.</summary>
    public static string? RepositoryRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Bgpd.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        return null;
    }
}
