using System.Diagnostics;
using System.Text.Json.Nodes;
using Bgpd.Tests.Support;

namespace Bgpd.Tests.EndToEnd;

/// <summary>The built <c>bgpc</c> against the built <c>bgpd</c>.</summary>
[NonParallelizable]
public class BgpcTests
{
    BgpdProcess _bgpd = null!;

    [OneTimeSetUp]
    public void Start() => _bgpd = BgpdProcess.Start(Configs.StaticAndPipe);

    [OneTimeTearDown]
    public void Stop() => _bgpd.Dispose();

    (int Code, string Output) Bgpc(params string[] args)
    {
        var start = new ProcessStartInfo(Path.Combine(TestContext.CurrentContext.TestDirectory, "bgpc"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-s");
        start.ArgumentList.Add(_bgpd.SocketPath);
        foreach (var a in args) start.ArgumentList.Add(a);
        using var p = Process.Start(start)!;
        p.StandardInput.Close();
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(20000)) { p.Kill(); Assert.Fail("bgpc hung"); }
        return (p.ExitCode, output.Result + error.Result);
    }

    [Test]
    public void One_shot_abbreviated_command_prints_like_birdc()
    {
        var (code, output) = Bgpc("sh", "ro", "cou");
        var birdcStyle = Bgpc("sh", "pro", "static1");
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(1), "9001 is a failure for scripts");
            Assert.That(output, Is.EqualTo("BIRD 1.6.8 ready.\nIP address expected\n"));
            Assert.That(birdcStyle.Output, Does.StartWith("BIRD 1.6.8 ready.\nname     proto    table    state  since       info\nstatic1  Static   master   up     "));
            Assert.That(birdcStyle.Code, Is.EqualTo(0));
        });
    }

    [Test]
    public void Json_status_carries_router_id_and_bgpd_version()
    {
        var (code, output) = Bgpc("--json", "show", "status");
        var json = JsonNode.Parse(output)!;
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(0));
            Assert.That((string?)json["daemon"], Is.EqualTo("BIRD 1.6.8"));
            Assert.That((string?)json["router_id"], Is.EqualTo("10.0.0.1"));
            Assert.That((string?)json["bgpd_version"], Is.Not.Null.And.Not.Empty);
        });
    }

    [Test]
    public void Json_routes_and_protocols_parse()
    {
        var routes = JsonNode.Parse(Bgpc("--json", "show", "route", "table", "aux").Output)!["routes"]!.AsArray();
        var protocols = JsonNode.Parse(Bgpc("--json", "show", "protocols", "all").Output)!["protocols"]!.AsArray();
        Assert.Multiple(() =>
        {
            Assert.That(routes.Select(r => (string?)r!["network"]), Is.EquivalentTo(new[] { "10.10.1.0/24", "10.10.2.0/24", "10.10.3.0/24", "192.168.16.0/26", "10.20.0.0/16" }));
            Assert.That(protocols.Select(p => (string?)p!["name"]), Is.EqualTo(new[] { "static1", "static2", "p_aux" }));
            Assert.That((long?)protocols[0]!["details"]!["routes"]!["imported"], Is.EqualTo(4));
        });
    }

    [Test]
    public void Piped_commands_run_in_order_and_help_is_local()
    {
        var start = new ProcessStartInfo(Path.Combine(TestContext.CurrentContext.TestDirectory, "bgpc"))
        {
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-s");
        start.ArgumentList.Add(_bgpd.SocketPath);
        using var p = Process.Start(start)!;
        p.StandardInput.Write("show route count\nconf ?\nre\nquit\n");
        p.StandardInput.Close();
        var output = p.StandardOutput.ReadToEndAsync();
        Assert.That(p.WaitForExit(20000), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(output.Result, Does.Contain("bird> show route count\n5 of 5 routes for 5 networks\n"));
            Assert.That(output.Result, Does.Contain("configure check [\"<file>\"]                     Parse configuration and check its validity"));
            Assert.That(output.Result, Does.Contain("Ambiguous command, possible expansions are:"));
        });
    }
}
