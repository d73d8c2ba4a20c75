using System.Text.RegularExpressions;
using Bgpd.Tests.Support;

namespace Bgpd.Tests.EndToEnd;

/// <summary><c>configure</c> and SIGHUP against the running daemon: bad configs are refused, unchanged protocols keep running.</summary>
[NonParallelizable]
public class ConfigureTests
{
    const string Base = """
        router id 10.0.0.1;
        table aux;
        protocol static move1 {
          route 10.5.0.0/16 blackhole;
        }
        protocol static keep1 {
          route 10.1.0.0/16 blackhole;
        }
        protocol static change1 {
          route 10.2.0.0/16 blackhole;
        }
        protocol static gone1 {
          route 10.3.0.0/16 blackhole;
        }
        """;

    const string Changed = """
        router id 10.0.0.1;
        table aux;
        protocol static move1 {
          table aux;
          route 10.5.0.0/16 blackhole;
        }
        protocol static keep1 {
          route 10.1.0.0/16 blackhole;
        }
        protocol static change1 {
          route 10.2.0.0/16 unreachable;
        }
        protocol static new1 {
          route 10.4.0.0/16 blackhole;
        }
        """;

    static string Since(RawClient c, string protocol)
    {
        var reply = c.Command($"show protocols {protocol}");
        var match = Regex.Match(reply, $@"1002-{protocol}\s+\S+\s+\S+\s+\S+\s+(\S+)");
        Assert.That(match.Success, Is.True, reply);
        return match.Groups[1].Value;
    }

    /// <summary>Waits (bounded) until the daemon's clock shows a later second than <paramref name="since"/>.</summary>
    static void WaitForNextSecond(RawClient c, string since)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (DateTime.UtcNow < deadline)
        {
            var status = c.Command("show status");
            var now = Regex.Match(status, @"Current server time is \S+ (\S+)").Groups[1].Value;
            if (string.CompareOrdinal(now, since) > 0) return;
            Thread.Sleep(100);
        }
        Assert.Fail("daemon clock did not advance");
    }

    [Test]
    public void Broken_config_is_refused_with_its_position_and_the_old_one_keeps_running()
    {
        using var bgpd = BgpdProcess.Start(Base);
        using var c = bgpd.Connect();
        c.ReadReply();
        var before = c.Command("show protocols");
        File.WriteAllText(bgpd.ConfigPath, "router id 10.0.0.1;\nprotocol static {\n  route 10.0.0.0/8 via ;\n}\n");
        var reply = c.Command("configure");
        Assert.Multiple(() =>
        {
            // Debian's bird -p says "bad.conf:3:24 syntax error" for this text.
            Assert.That(reply, Is.EqualTo($"0002-Reading configuration from {bgpd.ConfigPath}\n8002 {bgpd.ConfigPath}:3:24 syntax error\n"));
            Assert.That(c.Command("show protocols"), Is.EqualTo(before));
            Assert.That(c.Command("show route count"), Is.EqualTo("0014 4 of 4 routes for 4 networks\n"));
        });
    }

    [Test]
    public void Configure_logs_birds_deprecation_warnings_and_applies_the_config()
    {
        using var bgpd = BgpdProcess.Start("log stderr all;\n" + Base);
        using var c = bgpd.Connect();
        c.ReadReply();
        File.WriteAllText(bgpd.ConfigPath, "log stderr all;\n" + Base
            + "protocol bgp peer1 { disabled; local as 65000; neighbor 127.0.0.2 as 65000; route limit 5; }\n");
        var reply = c.Command("configure");
        const string warning = "<WARN> peer1: Route limit option is deprecated, use import limit";
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!bgpd.Stderr.Contains(warning) && DateTime.UtcNow < deadline) Thread.Sleep(50);
        Assert.Multiple(() =>
        {
            Assert.That(reply, Is.EqualTo($"0002-Reading configuration from {bgpd.ConfigPath}\n0003 Reconfigured\n"));
            Assert.That(bgpd.Stderr, Does.Contain(warning));
            Assert.That(c.Command("show protocols peer1"), Does.Contain("peer1    BGP      master   down"));
        });
    }

    [Test]
    public void Changed_config_keeps_unchanged_protocols_reconfigures_or_restarts_changed_adds_and_removes()
    {
        using var bgpd = BgpdProcess.Start(Base);
        using var c = bgpd.Connect();
        c.ReadReply();
        var keepSince = Since(c, "keep1");
        WaitForNextSecond(c, keepSince);
        File.WriteAllText(bgpd.ConfigPath, Changed);
        var reply = c.Command("configure");
        Assert.Multiple(() =>
        {
            Assert.That(reply, Is.EqualTo($"0002-Reading configuration from {bgpd.ConfigPath}\n0003 Reconfigured\n"));
            Assert.That(Since(c, "keep1"), Is.EqualTo(keepSince), "unchanged protocol was restarted");
            Assert.That(Since(c, "change1"), Is.EqualTo(keepSince), "a static protocol's new routes are taken in place, as in BIRD");
            Assert.That(Since(c, "move1"), Is.Not.EqualTo(keepSince), "a protocol moved to another table must restart");
            Assert.That(c.Command("show route table aux"), Does.Contain("blackhole [move1 "));
            Assert.That(c.Command("show protocols gone1"), Is.EqualTo("9002 gone1 is not a protocol\n"));
            Assert.That(c.Command("show route 10.2.0.0/16"), Does.Contain("unreachable [change1 "));
            Assert.That(c.Command("show route 10.4.0.0/16"), Does.Contain("blackhole [new1 "));
            Assert.That(c.Command("show route 10.3.0.0/16"), Is.EqualTo("8001 Network not in table\n"));
        });
    }

    [Test]
    public void Check_missing_file_and_undo_answer_like_bird()
    {
        using var bgpd = BgpdProcess.Start(Base);
        using var c = bgpd.Connect();
        c.ReadReply();
        var other = bgpd.Dir.Write("other.conf", Changed);
        Assert.Multiple(() =>
        {
            Assert.That(c.Command("configure check"), Is.EqualTo($"0002-Reading configuration from {bgpd.ConfigPath}\n0020 Configuration OK\n"));
            Assert.That(c.Command("configure \"nosuch.conf\""), Is.EqualTo("0002-Reading configuration from nosuch.conf\n8002 nosuch.conf: No such file or directory\n"));
            Assert.That(c.Command("configure undo"), Is.EqualTo("0019 Nothing to do\n"));
            Assert.That(c.Command("configure confirm"), Is.EqualTo("0019 Nothing to do\n"));
            Assert.That(c.Command($"configure \"{other}\" timeout 60"), Is.EqualTo($"0002-Reading configuration from {other}\n0022-Undo scheduled in 60 s\n0003 Reconfigured\n"));
            Assert.That(c.Command("configure confirm"), Is.EqualTo("0018 Reconfiguration confirmed\n"));
            Assert.That(c.Command("show protocols new1"), Does.StartWith("2002-"));
            Assert.That(c.Command("configure undo"), Is.EqualTo("0021-Undo requested\n0003 Reconfigured\n"));
            Assert.That(c.Command("show protocols new1"), Is.EqualTo("9002 new1 is not a protocol\n"));
        });
    }

    [Test]
    public void Sighup_rereads_the_config_file()
    {
        using var bgpd = BgpdProcess.Start(Base);
        File.WriteAllText(bgpd.ConfigPath, Changed);
        Signals.Send(bgpd.Process.Id, "HUP");
        using var c = bgpd.Connect();
        c.ReadReply();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        string reply;
        do
        {
            reply = c.Command("show protocols new1");
            if (reply.StartsWith("2002-")) break;
            Thread.Sleep(100);
        } while (DateTime.UtcNow < deadline);
        Assert.Multiple(() =>
        {
            Assert.That(reply, Does.StartWith("2002-"));
            Assert.That(bgpd.Process.HasExited, Is.False);
        });
    }
}
