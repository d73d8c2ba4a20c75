using Bgpd.Config.Model;

namespace Bgpd.Config.Tests;

public class CalicoCorpusTests
{
    /// <summary>The main files of every compiled Calico test case (they include the *_aggr / *_ipam files).</summary>
    public static IEnumerable<TestCaseData> CompiledMainFiles() =>
        Directory.EnumerateFiles(TestPaths.CalicoCompiled, "*.cfg", SearchOption.AllDirectories)
            .Where(p => Path.GetFileName(p) is "bird.cfg" or "bird6.cfg")
            .Order(StringComparer.Ordinal)
            .Select(p => new TestCaseData(Path.GetRelativePath(TestPaths.CalicoCompiled, p)).SetName("Compiled " + Path.GetRelativePath(TestPaths.CalicoCompiled, p)));

    public static IEnumerable<TestCaseData> OpenStackFiles() =>
        Directory.EnumerateFiles(TestPaths.CalicoOpenStack, "*.conf")
            .Order(StringComparer.Ordinal)
            .Select(p => new TestCaseData(Path.GetFileName(p)).SetName("OpenStack " + Path.GetFileName(p)));

    [TestCaseSource(nameof(CompiledMainFiles))]
    public void Compiled_calico_config_is_accepted(string relative)
    {
        var path = Path.Combine(TestPaths.CalicoCompiled, relative);
        var config = ConfigParser.ParseFile(path);
        var expected = Path.GetFileName(path) == "bird6.cfg" ? Dialect.Bird16v6 : Dialect.Bird16;
        Assert.That(config.Dialect, Is.EqualTo(expected));
        Assert.That(config.Protocols, Is.Not.Empty);
    }

    [TestCaseSource(nameof(OpenStackFiles))]
    public void OpenStack_config_is_accepted(string name)
    {
        var config = ConfigParser.ParseFile(Path.Combine(TestPaths.CalicoOpenStack, name));
        Assert.That(config.Protocols.Any(p => p.Type == ProtocolType.Bgp), Is.True);
    }

    [Test]
    public void Corpus_has_the_expected_number_of_main_files()
    {
        Assert.That(CompiledMainFiles().Count(), Is.GreaterThan(100));
    }
}
