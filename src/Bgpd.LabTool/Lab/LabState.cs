using System.Text.Json;
using Bgpd.LabTool.Shell;
using Bgpd.LabTool.Topology;

namespace Bgpd.LabTool.Lab;

/// <summary>A daemon the lab started: enough to find it again and to be sure it is ours.</summary>
public sealed record DaemonRecord(string Node, string Kind, int Pid, string ConfigFile);

/// <summary>
/// What a running lab consists of, kept in /run/bgpd-lab/LAB/state.json and rewritten after every
/// step, so that <c>down</c> after a crash knows which processes to end.
/// </summary>
public sealed class LabState
{
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    public string TopologyYaml { get; set; } = "";
    public List<DaemonRecord> Daemons { get; set; } = [];

    public LabTopology Topology() => TopologyLoader.Parse(TopologyYaml, "lab state");

    public void SetTopology(LabTopology topology) => TopologyYaml = TopologyWriter.ToYaml(topology);

    public void Save(string lab)
    {
        Directory.CreateDirectory(LabNames.RunDirectory(lab));
        var path = LabNames.StateFile(lab);
        File.WriteAllText(path + ".tmp", JsonSerializer.Serialize(this, JsonOptions));
        File.Move(path + ".tmp", path, overwrite: true);
    }

    public static LabState? TryLoad(string lab)
    {
        var path = LabNames.StateFile(lab);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<LabState>(File.ReadAllText(path), JsonOptions);
        }
        catch (JsonException)
        {
            return null; // A torn state file: down still sweeps by namespace prefix.
        }
    }

    public static LabState Load(string lab) =>
        TryLoad(lab) ?? throw new LabException($"lab '{lab}' is not up (no {LabNames.StateFile(lab)})");

    /// <summary>Labs that have a state directory or at least one namespace left.</summary>
    public static IReadOnlyList<string> KnownLabs()
    {
        var labs = new SortedSet<string>(StringComparer.Ordinal);
        if (Directory.Exists(LabNames.RunRoot))
        {
            foreach (var dir in Directory.GetDirectories(LabNames.RunRoot))
            {
                labs.Add(Path.GetFileName(dir));
            }
        }

        foreach (var ns in Netns.List().Where(n => n.StartsWith(LabNames.NamespacePrefix, StringComparison.Ordinal)))
        {
            var rest = ns[LabNames.NamespacePrefix.Length..];
            var dash = rest.IndexOf('-');
            if (dash > 0)
            {
                labs.Add(rest[..dash]);
            }
        }

        return labs.ToList();
    }
}
