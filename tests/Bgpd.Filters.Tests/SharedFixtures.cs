namespace Bgpd.Filters.Tests;

/// <summary>Locates ../shared (beside the repository) where BIRD's test configs and transcripts live.</summary>
internal static class SharedFixtures
{
    public static string Root
    {
        get
        {
            var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
            while (dir != null && !File.Exists(Path.Combine(dir.FullName, "Bgpd.sln"))) dir = dir.Parent;
            if (dir == null) throw new DirectoryNotFoundException("repository root (Bgpd.sln) not found above the test directory");
            var shared = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared"));
            if (!Directory.Exists(shared)) throw new DirectoryNotFoundException($"shared fixtures not found at {shared}");
            return shared;
        }
    }

    public static string Path_(params string[] parts) => Path.Combine([Root, .. parts]);
}
