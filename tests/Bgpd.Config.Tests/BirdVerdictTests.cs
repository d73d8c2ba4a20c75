using Bgpd.Config.Model;

namespace Bgpd.Config.Tests;

/// <summary>
/// Broken/*.conf and Accepted/*.conf are parsed by bgpd and by Debian's bird 1.6.8 (bird6 for
/// *.v6.conf); the verdicts must agree and, for rejected files, so must file, line, column and message.
/// </summary>
public class BirdVerdictTests
{
    public static IEnumerable<TestCaseData> Cases() =>
        new[] { TestPaths.BrokenDir, TestPaths.AcceptedDir }
            .SelectMany(dir => Directory.EnumerateFiles(dir, "*.conf"))
            .Order(StringComparer.Ordinal)
            .Select(p => new TestCaseData(Path.GetRelativePath(Path.Combine(TestPaths.RepoRoot, "tests", "Bgpd.Config.Tests"), p))
                .SetName("Same verdict as bird -p: " + Path.GetFileName(Path.GetDirectoryName(p)) + "/" + Path.GetFileName(p)));

    public static IEnumerable<string> BrokenFiles() =>
        Directory.EnumerateFiles(TestPaths.BrokenDir, "*.conf").Order(StringComparer.Ordinal).Select(Path.GetFileName)!;

    private static bool IsV6(string path) => path.EndsWith(".v6.conf", StringComparison.Ordinal);

    [TestCaseSource(nameof(Cases))]
    public void Verdict_and_position_match_real_bird(string relative)
    {
        var path = Path.Combine(TestPaths.RepoRoot, "tests", "Bgpd.Config.Tests", relative);
        var bird = RealBird.Require(IsV6(path));
        var expected = RealBird.Parse(bird, path);
        var ours = ConfigParser.TryParseFile(path, new ConfigParseOptions(IsV6(path) ? Dialect.Bird16v6 : Dialect.Bird16));

        Assert.That(ours.Success, Is.EqualTo(expected.Accepted),
            $"bird said: {expected.RawOutput.Trim()}\nwe said: {ours.Error?.ToString().Split('\n')[0] ?? "OK"}");
        if (expected.Accepted)
        {
            Assert.That(ours.Config!.Warnings, Is.EqualTo(RealBird.Warnings(expected.RawOutput)), "warnings while reading");
            return;
        }
        if (expected.File is null) return;
        var error = ours.Error!;
        Assert.Multiple(() =>
        {
            Assert.That(error.File, Is.EqualTo(expected.File), "file");
            Assert.That(error.Line, Is.EqualTo(expected.Line), "line");
            Assert.That(error.Column, Is.EqualTo(expected.Column), "column");
            Assert.That(error.Message, Is.EqualTo(expected.Message), "message");
        });
    }

    [Test]
    public void There_are_at_least_35_broken_configs()
    {
        Assert.That(BrokenFiles().Count(), Is.GreaterThanOrEqualTo(35));
    }

    [TestCaseSource(nameof(BrokenFiles))]
    public void Broken_config_is_rejected_with_file_line_and_column(string name)
    {
        var path = Path.Combine(TestPaths.BrokenDir, name);
        var result = ConfigParser.TryParseFile(path, new ConfigParseOptions(IsV6(path) ? Dialect.Bird16v6 : Dialect.Bird16));
        Assert.That(result.Success, Is.False);
        var text = result.Error!.ToString();
        Assert.That(text, Does.Match(@"^.+:\d+:\d+: \S.*$"));
        Assert.That(result.Error.File, Does.StartWith(TestPaths.BrokenDir));
    }
}
