namespace Bgpd.Filters.Tests.Conformance;

/// <summary>
/// The checked-in list of conformance suites known to fail (KnownGaps.txt: <c>name | reason</c>).
/// Tests assert that exactly these fail: a gap that starts passing must be removed from the list.
/// </summary>
internal static class KnownGaps
{
    private static readonly Lazy<Dictionary<string, string>> Entries = new(() =>
        File.ReadAllLines(Path.Combine(TestContext.CurrentContext.TestDirectory, "Conformance", "KnownGaps.txt"))
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('|', 2))
            .ToDictionary(p => p[0].Trim(), p => p.Length > 1 ? p[1].Trim() : ""));

    public static bool TryGet(string name, out string reason) => Entries.Value.TryGetValue(name, out reason!);

    public static IReadOnlyCollection<string> Names => Entries.Value.Keys;
}
