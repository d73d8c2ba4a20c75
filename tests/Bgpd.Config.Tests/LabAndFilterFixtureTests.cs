using Bgpd.Config.Model;

namespace Bgpd.Config.Tests;

public class LabAndFilterFixtureTests
{
    [TestCase("bird16.conf", Dialect.Bird16)]
    [TestCase("bird6_16.conf", Dialect.Bird16v6)]
    [TestCase("bird2.conf", Dialect.Bird2)]
    [TestCase("bird2b.conf", Dialect.Bird2)]
    public void Lab_config_is_accepted_in_its_dialect(string name, Dialect dialect)
    {
        var config = ConfigParser.ParseFile(Path.Combine(TestPaths.LabConfigs, name));
        Assert.That(config.Dialect, Is.EqualTo(dialect));
        Assert.That(config.Protocols, Is.Not.Empty);
    }

    /// <summary>Positions and messages as in transcripts/bird-1.6.8/configure_errors_raw.txt.</summary>
    [TestCase("bad.conf", 3, 13, "Number expected")]
    [TestCase("bad_semantic.conf", 3, 42, "Local AS number must be set")]
    public void Lab_bad_config_is_rejected_where_BIRD_rejects_it(string name, int line, int column, string message)
    {
        var path = Path.Combine(TestPaths.LabConfigs, name);
        var error = Assert.Throws<ConfigException>(() => ConfigParser.ParseFile(path))!;
        Assert.That(error.File, Is.EqualTo(path));
        Assert.That((error.Line, error.Column, error.Message), Is.EqualTo((line, column, message)));
        Assert.That(error.ControlSocketText, Is.EqualTo($"{path}:{line}:{column} {message}"));
    }

    [TestCase("v1.6.8/filter/test.conf2", Dialect.Bird16)]
    [TestCase("v2.0.12/filter/test.conf", Dialect.Bird2)]
    [TestCase("v2.0.12/filter/test-reconf-begin.conf", Dialect.Bird2)]
    [TestCase("v2.0.12/filter/test-reconf-end.conf", Dialect.Bird2)]
    [TestCase("v2.0.12/filter/test.conf2", Dialect.Bird2)]
    public void BIRD_filter_test_file_parses(string relative, Dialect dialect)
    {
        var config = ConfigParser.ParseFile(Path.Combine(TestPaths.BirdTests, relative), new ConfigParseOptions(dialect));
        var inlineFilters = config.Protocols.SelectMany(p => p.Channels).Count(c => c.Import is Filters.FilterInline || c.Export is Filters.FilterInline);
        Assert.That(config.Functions.Count + config.Filters.Count + inlineFilters, Is.GreaterThan(0));
    }

    [Test]
    public void BIRD_2_filter_tests_are_collected()
    {
        var config = ConfigParser.ParseFile(Path.Combine(TestPaths.BirdTests, "v2.0.12/filter/test.conf"));
        Assert.That(config.Tests.Count(t => t.SameFunction is null), Is.EqualTo(30));
        Assert.That(config.Tests.Count(t => t.SameFunction is not null), Is.EqualTo(3));
    }

    /// <summary>
    /// 1.6's test.conf declares no protocol (BIRD runs its <c>eval __startup()</c> and quits before
    /// its end-of-config check), so it is parsed through a wrapper that includes it and adds one.
    /// </summary>
    [Test]
    public void BIRD_16_filter_test_conf_parses_completely()
    {
        var dir = Directory.CreateTempSubdirectory("bgpd-config-test");
        try
        {
            var wrapper = Path.Combine(dir.FullName, "wrapper.conf");
            File.WriteAllText(wrapper, $"include \"{Path.Combine(TestPaths.BirdTests, "v1.6.8/filter/test.conf")}\";\nprotocol device {{ }}\n");
            var config = ConfigParser.ParseFile(wrapper, new ConfigParseOptions(Dialect.Bird16));
            Assert.That(config.FindFunction("__startup"), Is.Not.Null);
            Assert.That(config.Evals, Has.Count.EqualTo(1));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// <summary>Debian's bird6 1.6.8 rejects test6.conf at 33:10 (<c>paths</c> is a keyword there); so do we.</summary>
    [Test]
    public void BIRD_16_test6_conf_is_rejected_where_bird6_rejects_it()
    {
        var path = Path.Combine(TestPaths.BirdTests, "v1.6.8/filter/test6.conf");
        var error = Assert.Throws<ConfigException>(() => ConfigParser.ParseFile(path, new ConfigParseOptions(Dialect.Bird16v6)))!;
        Assert.That((error.Line, error.Column, error.Message), Is.EqualTo((33, 10, "syntax error")));
    }
}
