using Bgpd.TestSupport;
using System.Diagnostics;

namespace Bgpd.Bgp.Tests.Interop;

/// <summary>
/// A network namespace joined to the root namespace by a veth pair, removed on dispose. Only the
/// addresses given here are used; traffic goes to the namespace side.
/// </summary>
internal sealed class NetnsLab : IDisposable
{
    public NetnsLab(string rootAddress, string nsAddress, int prefixLength, string tag = "")
    {
        var id = (Environment.ProcessId % 10000).ToString(System.Globalization.CultureInfo.InvariantCulture) + tag;
        Name = $"bgpdbgp{id}";
        RootIf = $"vbg{id}a";
        NsIf = $"vbg{id}b";
        Connected = Bgpd.Net.Prefix.Parse($"{rootAddress}/{prefixLength}");
        RootAddress = Bgpd.Net.IpAddress.Parse(rootAddress);
        Cleanup();
        try
        {
            Build(rootAddress, nsAddress, prefixLength);
        }
        catch
        {
            Cleanup();
            throw;
        }
    }

    private void Build(string rootAddress, string nsAddress, int prefixLength)
    {
        Run("ip", $"netns add {Name}");
        Run("ip", $"link add {RootIf} type veth peer name {NsIf}");
        Run("ip", $"link set {NsIf} netns {Name}");
        var nodad = rootAddress.Contains(':') ? " nodad" : "";
        Run("ip", $"addr add {rootAddress}/{prefixLength} dev {RootIf}{nodad}");
        Run("ip", $"link set {RootIf} up");
        Run("ip", $"netns exec {Name} ip addr add {nsAddress}/{prefixLength} dev {NsIf}{nodad}");
        Run("ip", $"netns exec {Name} ip link set {NsIf} up");
        Run("ip", $"netns exec {Name} ip link set lo up");
    }

    public string Name { get; }
    /// <summary>The root side's connected network and address (what `protocol direct` would learn).</summary>
    public Bgpd.Net.Prefix Connected { get; }
    public Bgpd.Net.IpAddress RootAddress { get; }
    public string RootIf { get; }
    public string NsIf { get; }

    /// <summary>Null when the environment can run namespace tests, else why not.</summary>
    public static string? MissingPrerequisite(params string[] tools)
    {
        if (!Environment.IsPrivilegedProcess) return "root is needed for network namespaces";
        foreach (var tool in tools.Append("/usr/sbin/ip").Append("/usr/bin/ip"))
            if (tool.EndsWith("/ip", StringComparison.Ordinal) ? !File.Exists("/usr/sbin/ip") && !File.Exists("/usr/bin/ip") && !File.Exists("/sbin/ip") : !File.Exists(tool))
                return $"{tool} is not installed";
        return null;
    }

    /// <summary>Fails in CI, skips with the reason elsewhere.</summary>
    public static void Require(params string[] tools)
    {
        if (MissingPrerequisite(tools) is not { } reason) return;
        Prerequisite.Unavailable(reason);
    }

    public static string Run(string file, string arguments, bool check = true)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(20_000))
        {
            process.Kill(true);
            throw new TimeoutException($"{file} {arguments} did not finish in 20 s");
        }
        if (check && process.ExitCode != 0) throw new InvalidOperationException($"{file} {arguments} failed ({process.ExitCode}): {error.Result}");
        return output.Result + error.Result;
    }

    private void Cleanup()
    {
        Run("ip", $"link del {RootIf}", check: false);
        Run("ip", $"netns del {Name}", check: false);
    }

    public void Dispose() => Cleanup();
}
