using Bgpd.TestSupport;
namespace Bgpd.Tests.Support;

/// <summary>Tests that need real BIRD binaries: they fail loudly under CI=true and skip with a reason otherwise.</summary>
public static class RealPeers
{
    public static void Require(string path, string what)
    {
        if (File.Exists(path)) return;
        var message = $"{what} is not installed at {path}";
        Prerequisite.Unavailable(message);
    }
}
