namespace Bgpd.Config.Tests;

/// <summary>Locations of the repository and the shared fixtures (../shared relative to the repo root).</summary>
internal static class TestPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();
    public static string Shared => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared"));
    public static string Fixtures => Path.Combine(Shared, "fixtures");
    public static string CalicoCompiled => Path.Combine(Fixtures, "calico", "compiled");
    public static string CalicoOpenStack => Path.Combine(Fixtures, "calico", "openstack");
    public static string LabConfigs => Path.Combine(Fixtures, "bird", "lab-configs");
    public static string BirdTests => Path.Combine(Fixtures, "bird", "tests");
    public static string BrokenDir => Path.Combine(RepoRoot, "tests", "Bgpd.Config.Tests", "Broken");
    public static string AcceptedDir => Path.Combine(RepoRoot, "tests", "Bgpd.Config.Tests", "Accepted");

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Bgpd.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("cannot find Bgpd.sln above " + AppContext.BaseDirectory);
    }
}
