using System.Text;
using System.Text.RegularExpressions;

namespace Bgpd.Lab.Filters;

/// <summary>One filter taken from the corpus, under the name it has in the merged test config.</summary>
public sealed record CorpusFilter(string Name, string Origin);

/// <summary>
/// Every distinct filter of Calico's corpus (../shared/fixtures/calico: confd's compiled templates,
/// the OpenStack configs, the transcript configs) for one address family, merged into one config:
/// each source file's functions and filters are renamed with a per-file prefix (so the many copies
/// of <c>calico_export_to_bgp_peers</c> can live side by side), inline <c>import/export filter { }</c>
/// blocks of BGP protocols become named filters, and filters whose text and called functions are
/// identical to one already taken are dropped.
/// </summary>
public sealed class CalicoFilterCorpus
{
    private static readonly Regex Include = new("""include\s+"([^"]+)"\s*;""");

    public required string Definitions { get; init; }
    public required IReadOnlyList<CorpusFilter> Filters { get; init; }
    /// <summary>Source files read (after following symlinks to distinct files).</summary>
    public required int Files { get; init; }
    /// <summary>Filters seen before removing duplicates (named and inline, one per protocol).</summary>
    public required int FiltersSeen { get; init; }
    /// <summary>Distinct filters left out, with the reason.</summary>
    public required IReadOnlyList<string> Skipped { get; init; }

    public static CalicoFilterCorpus Load(string calicoRoot, bool ipv6)
    {
        var files = SourceFiles(calicoRoot, ipv6);
        var definitions = new StringBuilder();
        var filters = new List<CorpusFilter>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var seenCount = 0;
        var skipped = new List<string>();
        var unit = 0;
        foreach (var file in files)
        {
            var parsed = ConfigBlocks.Parse(Expand(file));
            var candidates = parsed.Filters
                .Select(f => (f.Name, Body: f.Body, Origin: $"{Path.GetRelativePath(calicoRoot, file)}: filter {f.Name}"))
                .Concat(parsed.InlineFilters.Select(f => (Name: $"{f.Protocol}_{f.Direction}", Body: f.Body,
                    Origin: $"{Path.GetRelativePath(calicoRoot, file)}: {f.Direction} filter of {f.Protocol}")))
                .ToList();
            seenCount += candidates.Count;
            var prefix = $"u{++unit}_";
            var taken = new List<CorpusFilter>();
            foreach (var c in candidates)
            {
                var key = Normalize(c.Body) + "\n" + string.Join("\n", parsed.FunctionsUsedBy(c.Body).Select(Normalize));
                if (!seen.Add(key)) continue;
                if (key.Contains("krt_tunnel", StringComparison.Ordinal))
                {
                    // Calico's BIRD fork has krt_tunnel; Debian's BIRD 1.6.8 refuses the config.
                    skipped.Add($"{c.Origin}: sets krt_tunnel, which only Calico's BIRD fork knows");
                    continue;
                }
                taken.Add(new CorpusFilter(prefix + Sanitize(c.Name), c.Origin));
            }
            if (taken.Count == 0) continue;
            var names = NewNames(parsed.Functions.Select(f => f.Name).Concat(parsed.Filters.Select(f => f.Name)), prefix);
            string Rename(string text) => RenameAll(text, names);
            foreach (var f in parsed.Functions) definitions.Append("function ").Append(Quote(names[f.Name])).Append(Rename(f.Signature)).Append("\n{").Append(Rename(f.Body)).Append("}\n");
            foreach (var c in candidates)
            {
                var name = prefix + Sanitize(c.Name);
                if (taken.All(t => t.Name != name)) continue;
                definitions.Append("filter ").Append(name).Append("\n{").Append(Rename(c.Body)).Append("}\n");
            }
            filters.AddRange(taken);
        }
        return new CalicoFilterCorpus { Definitions = definitions.ToString(), Filters = filters, Files = files.Count, FiltersSeen = seenCount, Skipped = skipped };
    }

    /// <summary>The configs of one family, each distinct file once (the corpus stores copies as symlinks).</summary>
    private static List<string> SourceFiles(string root, bool ipv6)
    {
        var compiled = Directory.EnumerateFiles(Path.Combine(root, "compiled"), ipv6 ? "bird6.cfg" : "bird.cfg", SearchOption.AllDirectories);
        var openstack = Directory.EnumerateFiles(Path.Combine(root, "openstack"), "*.conf")
            .Where(f => Path.GetFileName(f).Contains("bird6", StringComparison.Ordinal) == ipv6);
        var transcripts = ipv6 ? [] : Directory.EnumerateFiles(Path.Combine(root, "birdc-transcripts"), "*.conf");
        return compiled.Concat(openstack).Concat(transcripts)
            .Where(f => new FileInfo(f).LinkTarget is null)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The file with its <c>include</c>s (confd's bird_aggr.cfg / bird_ipam.cfg beside it) inlined.</summary>
    private static string Expand(string file) =>
        Include.Replace(File.ReadAllText(file), m =>
        {
            var included = Path.Combine(Path.GetDirectoryName(file)!, m.Groups[1].Value);
            return File.Exists(included) ? File.ReadAllText(included) : "";
        });

    private static string Normalize(string text) => Regex.Replace(Regex.Replace(text, "#[^\n]*", ""), @"\s+", " ").Trim();

    private static string Sanitize(string name) => Regex.Replace(name, "[^A-Za-z0-9_]", "_");

    private static string Quote(string name) => Regex.IsMatch(name, "^[A-Za-z_][A-Za-z0-9_]*$") ? name : $"'{name}'";

    /// <summary>
    /// The file's names with its prefix; BIRD allows 64 characters per symbol and confd already
    /// uses them all, so a long name loses its start (its end, _importFilterV4 etc., stays).
    /// </summary>
    private static Dictionary<string, string> NewNames(IEnumerable<string> names, string prefix)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in names.Distinct())
        {
            var renamed = prefix + name;
            if (renamed.Length > MaxSymbol) renamed = prefix + name[^(MaxSymbol - prefix.Length)..];
            for (var n = 2; map.ContainsValue(renamed); n++) renamed = $"{prefix}{n}_{name[^(MaxSymbol - prefix.Length - 3)..]}";
            map[name] = renamed;
        }
        return map;
    }

    private const int MaxSymbol = 64;

    /// <summary>Replaces every use of the file's own function and filter names (bare or quoted).</summary>
    private static string RenameAll(string text, Dictionary<string, string> names)
    {
        foreach (var (name, renamed) in names.OrderByDescending(n => n.Key.Length))
        {
            text = text.Replace($"'{name}'", Quote(renamed), StringComparison.Ordinal);
            text = Regex.Replace(text, $@"(?<![\w'.]){Regex.Escape(name)}(?![\w'])", Quote(renamed));
        }
        return text;
    }
}
