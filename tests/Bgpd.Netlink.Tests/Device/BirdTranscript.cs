using System.Text.RegularExpressions;

namespace Bgpd.Netlink.Tests.Device;

/// <summary>Reads the daemon-side lines of a real BIRD console transcript (shared fixtures).</summary>
internal static partial class BirdTranscript
{
    public static string SharedPath(params string[] parts)
    {
        var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (dir is not null && !Directory.Exists(Path.Combine(dir.FullName, "shared", "fixtures")))
            dir = dir.Parent;
        Assert.That(dir, Is.Not.Null, "shared fixtures not found above the test directory");
        return Path.Combine([dir!.FullName, "shared", .. parts]);
    }

    /// <summary>The raw reply lines (without the greeting and the final <c>0000</c>) of a transcript.</summary>
    public static List<string> RawReply(string file)
    {
        var lines = new List<string>();
        foreach (var line in File.ReadAllLines(SharedPath("fixtures", "bird", "transcripts", "bird-1.6.8", file)))
        {
            var m = RawLine().Match(line);
            if (!m.Success)
                continue;
            var text = m.Groups[1].Value.Replace("\\t", "\t");
            if (text.StartsWith("0001 ") || text.StartsWith("0000 "))
                continue;
            lines.Add(text);
        }
        return lines;
    }

    /// <summary>BIRD's framing: a line whose code repeats the previous one continues with a space.</summary>
    public static List<string> Frame(IEnumerable<(int Code, string Text)> reply)
    {
        var result = new List<string>();
        var previous = -1;
        foreach (var (code, text) in reply)
        {
            result.Add(code == previous ? " " + text : $"{code:D4}-{text}");
            previous = code;
        }
        return result;
    }

    [GeneratedRegex(@"^<<< '(.*)\\n'$")]
    private static partial Regex RawLine();
}
