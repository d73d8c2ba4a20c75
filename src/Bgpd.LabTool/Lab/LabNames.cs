using System.Security.Cryptography;
using System.Text;

namespace Bgpd.LabTool.Lab;

/// <summary>
/// Where a lab's things live and what they are called. Every namespace starts with
/// <see cref="NamespacePrefix"/> and the lab's name, so <c>down</c> can sweep them even without state.
/// </summary>
public static class LabNames
{
    public const string NamespacePrefix = "bgpdlab-";
    public const string LinkBridge = "br-l3";
    public const string VmInterface = "eth0";

    /// <summary>Calico OpenStack VMs use a link-local gateway answered by proxy ARP on the tap.</summary>
    public const string VmGateway = "169.254.1.1";

    public static string RunRoot { get; } = Environment.GetEnvironmentVariable("BGPD_LAB_RUN") ?? "/run/bgpd-lab";

    public static string LabPrefix(string lab) => $"{NamespacePrefix}{lab}-";

    public static string Namespace(string lab, string nodeOrVm) => LabPrefix(lab) + nodeOrVm;

    /// <summary>The namespace holding the bridge that stands in for the L3 underlay.</summary>
    public static string LinkNamespace(string lab) => LabPrefix(lab) + "link";

    public static string RunDirectory(string lab) => Path.Combine(RunRoot, lab);

    public static string StateFile(string lab) => Path.Combine(RunDirectory(lab), "state.json");

    public static string ConfigFile(string lab, string node) => Path.Combine(RunDirectory(lab), node + ".cfg");

    public static string ControlSocket(string lab, string node) => Path.Combine(RunDirectory(lab), node + ".ctl");

    public static string LogFile(string lab, string node) => Path.Combine(RunDirectory(lab), node + ".log");

    /// <summary>Host end of a VM's veth: "tap" + 11 hex digits, like Neutron's tap + port-id prefix.</summary>
    public static string Tap(string vm)
    {
        var hash = SHA1.HashData(Encoding.UTF8.GetBytes(vm));
        return "tap" + Convert.ToHexStringLower(hash)[..11];
    }

    /// <summary>Bridge-side end of a node's link veth.</summary>
    public static string BridgePort(int nodeIndex) => $"port{nodeIndex}";
}
