using Bgpd.TestSupport;
using Bgpd.LabTool.Lab;
using NUnit.Framework;

namespace Bgpd.Lab.OpenStack;

/// <summary>
/// The lab needs root (namespaces), iproute2 and Debian's BIRD. Without them a run fails when
/// CI=true and is skipped with the reason otherwise.
/// </summary>
public static class LabPrerequisites
{
    public static void Require()
    {
        var missing = new List<string>();
        if (!Environment.IsPrivilegedProcess)
        {
            missing.Add("root (network namespaces)");
        }

        foreach (var tool in new[] { DaemonBinaries.Bird, Birdc.Program, "/usr/bin/ping" })
        {
            if (!File.Exists(tool))
            {
                missing.Add(tool);
            }
        }

        if (!File.Exists("/usr/sbin/ip") && !File.Exists("/usr/bin/ip") && !File.Exists("/sbin/ip"))
        {
            missing.Add("ip (iproute2)");
        }

        if (missing.Count == 0)
        {
            return;
        }

        Prerequisite.Unavailable("the OpenStack lab needs " + string.Join(", ", missing));
    }

    public static string RepositoryRoot() =>
        DaemonBinaries.RepositoryRoot() ?? throw new InvalidOperationException("Bgpd.sln not found above the test directory");

    public static string SeedTopologyPath() => Path.Combine(RepositoryRoot(), "conf", "lab", "openstack.yaml");
}
