using Bgpd.Tests.Support;

namespace Bgpd.Tests.EndToEnd;

/// <summary>Debian's real birdc (BIRD 1.6.8's client) driving bgpd.</summary>
[NonParallelizable]
public class BirdcTests
{
    BgpdProcess _bgpd = null!;

    [OneTimeSetUp]
    public void Start()
    {
        Birdc.Require();
        _bgpd = BgpdProcess.Start(Configs.StaticAndPipe);
    }

    [OneTimeTearDown]
    public void Stop() => _bgpd?.Dispose();

    [Test]
    public void Show_status_renders_as_with_bird()
    {
        var lines = Birdc.Run(_bgpd.SocketPath, "show", "status").Split('\n');
        Assert.Multiple(() =>
        {
            Assert.That(lines[0], Is.EqualTo("BIRD 1.6.8 ready."));
            Assert.That(lines[1], Is.EqualTo("BIRD 1.6.8"));
            Assert.That(lines[2], Is.EqualTo("Router ID is 10.0.0.1"));
            Assert.That(lines[3], Does.Match(@"^Current server time is \d{4}-\d\d-\d\d \d\d:\d\d:\d\d$"));
            Assert.That(lines[6], Is.EqualTo("Daemon is up and running"));
        });
    }

    [Test]
    public void Abbreviated_commands_are_expanded_by_birdc_and_understood()
    {
        var output = Birdc.Run(_bgpd.SocketPath, "sh", "ro", "cou");
        var protocols = Birdc.Run(_bgpd.SocketPath, "sh", "p");
        Assert.Multiple(() =>
        {
            Assert.That(output, Is.EqualTo("BIRD 1.6.8 ready.\nIP address expected\n"));
            Assert.That(protocols, Does.StartWith("BIRD 1.6.8 ready.\nname     proto    table    state  since       info\nstatic1  Static   master   up     "));
        });
    }

    [Test]
    public void Show_route_lists_static_and_piped_routes()
    {
        var main = Birdc.Run(_bgpd.SocketPath, "show", "route");
        var aux = Birdc.Run(_bgpd.SocketPath, "show", "route", "table", "aux", "count");
        Assert.Multiple(() =>
        {
            Assert.That(main, Does.Match(@"\n10\.10\.1\.0/24       blackhole \[static1 \d\d:\d\d:\d\d\] \* \(200\)\n"));
            Assert.That(main, Does.Match(@"\n10\.10\.3\.0/24       prohibited \[static1 \d\d:\d\d:\d\d\] \* \(200\)\n"));
            Assert.That(aux, Is.EqualTo("BIRD 1.6.8 ready.\n5 of 5 routes for 5 networks\n"));
        });
    }

    [Test]
    public void Restricted_birdc_cannot_reconfigure()
    {
        var output = Birdc.Run(_bgpd.SocketPath, "-r", "configure");
        Assert.That(output, Is.EqualTo("BIRD 1.6.8 ready.\nAccess restricted\nAccess denied\n"));
    }

    [Test]
    public void Errors_render_as_birdc_prints_them()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Birdc.Run(_bgpd.SocketPath, "show", "protocols", "nosuch"), Is.EqualTo("BIRD 1.6.8 ready.\nnosuch is not a protocol\n"));
            Assert.That(Birdc.Run(_bgpd.SocketPath, "show", "route", "for", "1.2.3.4"), Is.EqualTo("BIRD 1.6.8 ready.\nNetwork not in table\n"));
            Assert.That(Birdc.Run(_bgpd.SocketPath, "eval", "1/0"), Is.EqualTo("BIRD 1.6.8 ready.\nruntime error\n"));
            Assert.That(Birdc.Run(_bgpd.SocketPath, "disable", "\"zzz*\""), Is.EqualTo("BIRD 1.6.8 ready.\nNo protocols match\n"));
        });
    }
}
