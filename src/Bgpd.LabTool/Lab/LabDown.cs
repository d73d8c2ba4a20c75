using Bgpd.LabTool.Shell;

namespace Bgpd.LabTool.Lab;

/// <summary>
/// Removes everything a lab made: its daemons (by recorded pid, checked against their command
/// line), every process left in its namespaces, the namespaces (which take the veths and the bridge
/// with them; nothing is created in the root namespace) and its run directory. Works from the
/// state file and, independently, by sweeping namespaces named with the lab's prefix.
/// </summary>
public static class LabDown
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);

    public static IReadOnlyList<string> DownAll()
    {
        var labs = LabState.KnownLabs();
        foreach (var lab in labs)
        {
            Down(lab);
        }

        return labs;
    }

    public static void Down(string lab)
    {
        var errors = new List<string>();
        foreach (var daemon in LabState.TryLoad(lab)?.Daemons ?? [])
        {
            Try(errors, () => DaemonProcess.Stop(daemon, Grace));
        }

        var namespaces = Netns.List().Where(n => n.StartsWith(LabNames.LabPrefix(lab), StringComparison.Ordinal)).ToList();
        foreach (var ns in namespaces)
        {
            foreach (var pid in Netns.Pids(ns))
            {
                Try(errors, () => ProcessKiller.Terminate(pid, Grace));
            }
        }

        foreach (var ns in namespaces)
        {
            Try(errors, () => Netns.Delete(ns));
        }

        Try(errors, () =>
        {
            if (Directory.Exists(LabNames.RunDirectory(lab)))
            {
                Directory.Delete(LabNames.RunDirectory(lab), recursive: true);
            }
        });

        if (errors.Count > 0)
        {
            throw new LabException($"down of lab '{lab}' left things behind:\n" + string.Join('\n', errors));
        }
    }

    private static void Try(List<string> errors, Action action)
    {
        try
        {
            action();
        }
        catch (Exception e) when (e is LabException or IOException or UnauthorizedAccessException)
        {
            errors.Add(e.Message);
        }
    }
}
