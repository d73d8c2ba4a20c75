using Bgpd.Config.Lexing;

namespace Bgpd.Config.Tests;

public class IncludeTests
{
    private DirectoryInfo dir = null!;

    [SetUp]
    public void CreateDirectory() => dir = Directory.CreateTempSubdirectory("bgpd-include");

    [TearDown]
    public void RemoveDirectory() => dir.Delete(recursive: true);

    private string Write(string relative, string text)
    {
        var path = Path.Combine(dir.FullName, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    [Test]
    public void Include_is_relative_to_the_including_file_and_globs_expand_sorted()
    {
        Write("conf.d/b.conf", "protocol static sb { }\n");
        Write("conf.d/a.conf", "protocol static sa { }\n");
        Write("conf.d/sub/inner.conf", "protocol device { }\n");
        Write("conf.d/c.conf", "include \"sub/inner.conf\";\n");
        var main = Write("main.conf", "router id 1.2.3.4;\n  include \"conf.d/*.conf\";\n");
        var config = ConfigParser.ParseFile(main);
        Assert.That(config.Protocols.Select(p => p.Name), Is.EqualTo(new[] { "sa", "sb", "device1" }));
    }

    [Test]
    public void Tokens_from_an_included_file_carry_its_name()
    {
        Write("part.conf", "x;\n  y;\n");
        var main = Write("main.conf", "include \"part.conf\";\nz;");
        var tokens = Lexer.OpenFile(main).ReadAll();
        Assert.That(tokens[2].Pos, Is.EqualTo(new SourcePos(dir.FullName + "/part.conf", 2, 3)));
        Assert.That(tokens[4].Pos, Is.EqualTo(new SourcePos(main, 2, 1)));
    }

    [Test]
    public void A_glob_that_matches_nothing_includes_nothing()
    {
        var main = Write("main.conf", "include \"none-*.conf\";\nprotocol device { }\n");
        Assert.That(ConfigParser.ParseFile(main).Protocols, Has.Count.EqualTo(1));
    }

    [Test]
    public void Missing_include_names_the_including_file_and_line()
    {
        var main = Write("main.conf", "router id 1.2.3.4;\n\n   include \"gone.conf\";\n");
        var error = Assert.Throws<ConfigException>(() => ConfigParser.ParseFile(main))!;
        Assert.That(error.Pos, Is.EqualTo(new SourcePos(main, 3, 1)));
        Assert.That(error.Message, Is.EqualTo($"Unable to open included file {dir.FullName}/gone.conf: No such file or directory"));
    }

    [Test]
    public void Includes_nest_to_depth_eight_and_no_further()
    {
        for (var i = 1; i <= 7; i++) Write($"d{i}.conf", $"include \"d{i + 1}.conf\";\n");
        Write("d8.conf", "protocol device { }\n");
        var ok = Write("ok.conf", "include \"d2.conf\";\n");
        Assert.That(ConfigParser.ParseFile(ok).Protocols, Has.Count.EqualTo(1));
        var deep = Write("deep.conf", "include \"d1.conf\";\n");
        var error = Assert.Throws<ConfigException>(() => ConfigParser.ParseFile(deep))!;
        Assert.That((error.File, error.Message), Is.EqualTo((dir.FullName + "/d7.conf", "Max include depth reached")));
    }

    [Test]
    public void Missing_main_file_is_reported()
    {
        var error = Assert.Throws<ConfigException>(() => ConfigParser.ParseFile(Path.Combine(dir.FullName, "nope.conf")))!;
        Assert.That(error.Message, Does.StartWith("Unable to open configuration file").And.EndWith("No such file or directory"));
    }
}
