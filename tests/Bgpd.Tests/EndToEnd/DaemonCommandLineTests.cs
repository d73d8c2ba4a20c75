using Bgpd.Tests.Support;

namespace Bgpd.Tests.EndToEnd;

/// <summary>The bgpd executable's command line and lifecycle, as a process.</summary>
[NonParallelizable]
public class DaemonCommandLineTests
{
    static (int Code, string Stdout, string Stderr) RunToExit(string workingDirectory, params string[] args)
    {
        using var p = BgpdProcess.Run(args, workingDirectory);
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(30000))
        {
            p.Kill(true);
            Assert.Fail("bgpd did not exit");
        }
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    [Test]
    public void Parse_only_accepts_a_good_config_with_exit_0()
    {
        using var dir = new TempDir();
        var conf = dir.Write("bird.conf", Configs.StaticAndPipe);
        var (code, _, stderr) = RunToExit(dir.Path, "-p", "-c", conf);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(0));
            Assert.That(stderr, Is.Empty);
        });
    }

    [Test]
    public void Parse_only_prints_birds_deprecation_warnings_and_accepts()
    {
        using var dir = new TempDir();
        var conf = dir.Write("bird.conf", "router id 10.0.0.1;\nprotocol bgp peer1 { local as 65000; neighbor 10.0.0.2 as 65000; route limit 5; }\n");
        var (code, _, stderr) = RunToExit(dir.Path, "-p", "-c", conf);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(0));
            Assert.That(stderr.Trim(), Is.EqualTo("bgpd: peer1: Route limit option is deprecated, use import limit"));
        });
    }

    [Test]
    public void Parse_only_reports_file_line_column_and_fails()
    {
        using var dir = new TempDir();
        dir.Write("bad.conf", "router id 1.2.3.4;\nprotocol static {\n  route 10.0.0.0/8 via ;\n}\n");
        var (code, _, stderr) = RunToExit(dir.Path, "-p", "-c", "bad.conf");
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Not.EqualTo(0));
            Assert.That(stderr.Trim(), Does.Match(@"^bad\.conf:3:\d+: \S.*$"));
        });
    }

    [Test]
    public void Missing_config_file_is_reported_like_bird()
    {
        using var dir = new TempDir();
        var (code, _, stderr) = RunToExit(dir.Path, "-p", "-c", "nonexist.conf");
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Not.EqualTo(0));
            Assert.That(stderr.Trim(), Is.EqualTo("bgpd: Unable to open configuration file nonexist.conf: No such file or directory"));
        });
    }

    [Test]
    public void Version_and_help_exit_0()
    {
        using var dir = new TempDir();
        var version = RunToExit(dir.Path, "--version");
        var help = RunToExit(dir.Path, "--help");
        Assert.Multiple(() =>
        {
            Assert.That(version.Code, Is.EqualTo(0));
            Assert.That(version.Stdout, Does.StartWith("bgpd version "));
            Assert.That(help.Code, Is.EqualTo(0));
            Assert.That(help.Stdout, Does.Contain("-s <control-socket>").And.Contain("-R "));
        });
    }

    [Test]
    public void Unknown_option_prints_usage_and_fails()
    {
        using var dir = new TempDir();
        var (code, _, stderr) = RunToExit(dir.Path, "-x");
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Not.EqualTo(0));
            Assert.That(stderr, Does.Contain("invalid option -- 'x'").And.Contain("Usage: bgpd"));
        });
    }

    [Test]
    public void Second_instance_on_the_same_socket_is_refused()
    {
        using var first = BgpdProcess.Start(Configs.StaticAndPipe);
        var (code, _, stderr) = RunToExit(first.Dir.Path, "-f", "-c", first.ConfigPath, "-s", first.SocketPath);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Not.EqualTo(0));
            Assert.That(stderr, Does.Contain("I found another BIRD running."));
            Assert.That(BgpdProcess.SocketAnswers(first.SocketPath), Is.True);
        });
    }

    [Test]
    public void Sigterm_stops_cleanly_and_removes_socket_and_pid_file()
    {
        using var dir = new TempDir();
        var pidFile = Path.Combine(dir.Path, "bgpd.pid");
        using var bgpd = BgpdProcess.Start(Configs.StaticAndPipe, "-P", pidFile);
        Assert.That(File.ReadAllText(pidFile).Trim(), Is.EqualTo(bgpd.Process.Id.ToString()));
        var code = bgpd.Terminate();
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(0));
            Assert.That(File.Exists(bgpd.SocketPath), Is.False);
            Assert.That(File.Exists(pidFile), Is.False);
        });
    }

    [TestCase("INT")]
    [TestCase("QUIT")]
    public void Interrupt_and_quit_signals_stop_cleanly_like_sigterm(string signal)
    {
        using var bgpd = BgpdProcess.Start(Configs.StaticAndPipe);
        var code = bgpd.Terminate(signal: signal);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(0));
            Assert.That(File.Exists(bgpd.SocketPath), Is.False);
        });
    }

    [Test]
    public void Down_command_shuts_the_daemon_down()
    {
        using var bgpd = BgpdProcess.Start(Configs.StaticAndPipe);
        using (var c = bgpd.Connect())
        {
            c.ReadReply();
            Assert.That(c.Command("down"), Is.EqualTo("0007 Shutdown requested\n"));
        }
        Assert.Multiple(() =>
        {
            Assert.That(bgpd.Process.WaitForExit(15000), Is.True);
            Assert.That(File.Exists(bgpd.SocketPath), Is.False);
        });
    }

    [Test]
    public void Without_foreground_flags_bgpd_detaches_and_keeps_running()
    {
        using var dir = new TempDir();
        var conf = dir.Write("bird.conf", Configs.StaticAndPipe);
        var socket = Path.Combine(dir.Path, "d.ctl");
        var pidFile = Path.Combine(dir.Path, "d.pid");
        var (code, _, _) = RunToExit(dir.Path, "-c", conf, "-s", socket, "-P", pidFile);
        Assert.That(code, Is.EqualTo(0));
        var pid = int.Parse(File.ReadAllText(pidFile).Trim());
        try
        {
            Assert.That(BgpdProcess.SocketAnswers(socket), Is.True);
            using var c = RawClient.Connect(socket);
            c.ReadReply();
            Assert.That(c.Command("down"), Is.EqualTo("0007 Shutdown requested\n"));
            var deadline = DateTime.UtcNow.AddSeconds(15);
            while (File.Exists(socket) && DateTime.UtcNow < deadline) Thread.Sleep(50);
            Assert.That(File.Exists(socket), Is.False);
        }
        finally
        {
            if (File.Exists(pidFile)) Signals.Send(pid, "KILL");
        }
    }

    [Test]
    public void Config_asking_for_an_unsupported_protocol_is_refused_with_its_position()
    {
        using var dir = new TempDir();
        var conf = dir.Write("bird.conf", "router id 10.0.0.1;\nprotocol static s1 { route 10.0.0.0/8 blackhole; }\nprotocol bfd { }\n");
        var (code, _, stderr) = RunToExit(dir.Path, "-f", "-c", conf, "-s", Path.Combine(dir.Path, "u.ctl"));
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Not.EqualTo(0));
            Assert.That(stderr, Does.Contain("bird.conf:3:").And.Contain("protocol bfd").And.Contain("not supported"));
        });
    }

    [Test]
    public void Unknown_user_is_refused_before_starting()
    {
        using var dir = new TempDir();
        var conf = dir.Write("bird.conf", Configs.StaticAndPipe);
        var (code, _, stderr) = RunToExit(dir.Path, "-f", "-c", conf, "-s", Path.Combine(dir.Path, "u.ctl"), "-u", "no_such_user_here");
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Not.EqualTo(0));
            Assert.That(stderr.Trim(), Is.EqualTo("bgpd: Cannot find user 'no_such_user_here'"));
        });
    }

    [Test]
    public void Sigterm_with_clients_connected_mid_session_still_exits_cleanly()
    {
        using var bgpd = BgpdProcess.Start(Configs.ManyRoutes(2000));
        using var idle = bgpd.Connect();
        using var busy = bgpd.Connect();
        idle.ReadReply();
        busy.ReadReply();
        busy.Send("show route all");
        busy.ReadLine();
        var code = bgpd.Terminate();
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(0), bgpd.Stderr);
            Assert.That(File.Exists(bgpd.SocketPath), Is.False);
        });
    }
}
