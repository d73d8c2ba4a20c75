namespace Bgpd.Rib.Tests.Support;

/// <summary>Finds the shared BIRD fixtures: ../shared next to the repository root.</summary>
public static class Fixtures
{
    public static string Bird16Transcript(string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Bgpd.sln"))) dir = dir.Parent;
        if (dir?.Parent is null) throw new DirectoryNotFoundException("repository root (Bgpd.sln) not found above " + AppContext.BaseDirectory);
        var path = Path.Combine(dir.Parent.FullName, "shared", "fixtures", "bird", "transcripts", "bird-1.6.8", name);
        if (!File.Exists(path)) throw new FileNotFoundException("BIRD transcript fixture missing", path);
        return path;
    }

    /// <summary>The lines BIRD sent, decoded from the raw socket part of a capture ("<<< '...'" lines) without reply codes.</summary>
    public static List<string> RawReplyBodies(string name)
    {
        var bodies = new List<string>();
        foreach (var line in File.ReadLines(Bird16Transcript(name)))
        {
            if (!line.StartsWith("<<< '", StringComparison.Ordinal)) continue;
            var text = line[5..^1].Replace("\\t", "\t").Replace("\\n", "").Replace("\\'", "'");
            // "1007-..." / "1007 ..." / " ..." continuation lines
            bodies.Add(text.Length >= 5 && char.IsDigit(text[0]) ? text[5..] : text[1..]);
        }
        return bodies;
    }
}
