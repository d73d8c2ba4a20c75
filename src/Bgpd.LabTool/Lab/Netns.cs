using Bgpd.LabTool.Shell;

namespace Bgpd.LabTool.Lab;

/// <summary>Network-namespace operations through iproute2.</summary>
public static class Netns
{
    public static IReadOnlyList<string> List()
    {
        var result = Command.Run("ip", "netns", "list");
        if (!result.Succeeded)
        {
            throw new LabException($"'ip netns list' failed: {result.StandardError.Trim()}");
        }

        // Lines look like "name" or "name (id: 3)".
        return result.StandardOutput
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(' ')[0])
            .ToList();
    }

    public static bool Exists(string name) => File.Exists(Path.Combine("/run/netns", name));

    public static void Add(string name)
    {
        Command.Check("ip", "netns", "add", name);
        Ip(name, "link", "set", "lo", "up");
    }

    /// <summary>Runs <c>ip -n NS args</c> and throws with stderr when it fails.</summary>
    public static CommandResult Ip(string ns, params string[] args) => Command.Check("ip", ["-n", ns, .. args]);

    /// <summary>Runs a command inside a namespace and throws when it fails.</summary>
    public static CommandResult Exec(string ns, params string[] command) => Command.Check("ip", ["netns", "exec", ns, .. command]);

    public static void Sysctl(string ns, params string[] assignments) =>
        Exec(ns, ["sysctl", "-q", "-w", .. assignments]);

    public static IReadOnlyList<int> Pids(string ns)
    {
        var result = Command.Run("ip", "netns", "pids", ns);
        return result.Succeeded
            ? result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList()
            : [];
    }

    public static void Delete(string ns)
    {
        var result = Command.Run("ip", "netns", "delete", ns);
        if (!result.Succeeded && Exists(ns))
        {
            throw new LabException($"cannot delete namespace {ns}: {result.StandardError.Trim()}");
        }
    }
}
