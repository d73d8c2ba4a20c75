using System.Net.Sockets;
using System.Text;
using Bgpd.Tests.Support;

namespace Bgpd.Tests.EndToEnd;

/// <summary>FRAMING.md against the real daemon, over raw sockets.</summary>
[NonParallelizable]
public class ControlSocketTests
{
    BgpdProcess _bgpd = null!;

    [OneTimeSetUp]
    public void Start() => _bgpd = BgpdProcess.Start(Configs.ManyRoutes(4000));

    [OneTimeTearDown]
    public void Stop() => _bgpd.Dispose();

    [Test]
    public void Greeting_is_the_bird_1_6_8_line()
    {
        using var c = _bgpd.Connect();
        Assert.That(c.ReadLine(), Is.EqualTo("0001 BIRD 1.6.8 ready.\n"));
    }

    [Test]
    public void Commands_sent_before_the_greeting_and_pipelined_are_answered_in_order()
    {
        using var c = _bgpd.Connect();
        c.SendRaw("show route count\r\nshow protocols bulk\nshow foo\n");
        Assert.Multiple(() =>
        {
            Assert.That(c.ReadReply(), Is.EqualTo("0001 BIRD 1.6.8 ready.\n"));
            Assert.That(c.ReadReply(), Is.EqualTo("0014 4000 of 4000 routes for 4000 networks\n"));
            Assert.That(c.ReadReply(), Does.Match("^2002-name     proto    table    state  since       info\n1002-bulk     Static   master   up     \\d\\d:\\d\\d:\\d\\d    \n0000 \n$"));
            Assert.That(c.ReadReply(), Is.EqualTo("9001 syntax error\n"));
        });
    }

    [Test]
    public void Restricted_session_refuses_state_changes_but_answers_shows()
    {
        using var c = _bgpd.Connect();
        c.ReadReply();
        Assert.Multiple(() =>
        {
            Assert.That(c.Command("restrict"), Is.EqualTo("0016 Access restricted\n"));
            Assert.That(c.Command("configure"), Is.EqualTo("8007 Access denied\n"));
            Assert.That(c.Command("disable bulk"), Is.EqualTo("8007 Access denied\n"));
            Assert.That(c.Command("down"), Is.EqualTo("8007 Access denied\n"));
            Assert.That(c.Command("show status"), Does.StartWith("1000-BIRD 1.6.8\n").And.EndWith("0013 Daemon is up and running\n"));
        });
    }

    [Test]
    public void Command_of_1022_bytes_is_answered_and_1023_closes_the_connection()
    {
        using (var ok = _bgpd.Connect())
        {
            ok.ReadReply();
            Assert.That(ok.Command("show route " + new string('x', 1011)), Is.EqualTo("9001 IP address expected\n"));
        }
        using (var tooLong = _bgpd.Connect())
        {
            tooLong.ReadReply();
            tooLong.Send("show route " + new string('x', 1012));
            Assert.That(tooLong.IsClosedByServer(), Is.True);
        }
        AssertDaemonAnswers();
    }

    [Test]
    public void Client_that_disconnects_mid_reply_does_not_disturb_the_daemon()
    {
        for (var i = 0; i < 5; i++)
        {
            using var c = _bgpd.Connect();
            c.ReadReply();
            c.Send("show route all");
            c.ReadLine();
            c.Socket.LingerState = new LingerOption(true, 0);
        }
        AssertDaemonAnswers();
    }

    [Test]
    public void Garbage_bytes_get_a_syntax_error_and_the_session_continues()
    {
        using var c = _bgpd.Connect();
        c.ReadReply();
        c.SendRaw([0x00, 0xff, 0xfe, 0x01, (byte)'\n']);
        Assert.Multiple(() =>
        {
            Assert.That(c.ReadReply(), Is.EqualTo("9001 syntax error\n"));
            Assert.That(c.Command("show status"), Does.EndWith("0013 Daemon is up and running\n"));
        });
    }

    [Test]
    public void Half_close_frees_the_session_and_the_daemon_keeps_serving()
    {
        using (var c = _bgpd.Connect())
        {
            c.ReadReply();
            c.Send("show route");
            c.Socket.Shutdown(SocketShutdown.Send);
        }
        AssertDaemonAnswers();
    }

    [Test]
    public void Fifty_concurrent_clients_each_get_their_own_complete_replies()
    {
        var tasks = Enumerable.Range(0, 50).Select(i => Task.Run(() =>
        {
            using var c = _bgpd.Connect();
            var greeting = c.ReadReply();
            var count = c.Command("show route count");
            var one = c.Command($"show route 10.0.{i}.0/24");
            return (greeting, count, one, i);
        })).ToArray();
        Assert.That(Task.WaitAll(tasks, TimeSpan.FromSeconds(60)), Is.True, "clients did not finish");
        Assert.Multiple(() =>
        {
            foreach (var t in tasks)
            {
                var (greeting, count, one, i) = t.Result;
                Assert.That(greeting, Is.EqualTo("0001 BIRD 1.6.8 ready.\n"));
                Assert.That(count, Is.EqualTo("0014 4000 of 4000 routes for 4000 networks\n"));
                Assert.That(one, Does.StartWith($"1007-10.0.{i}.0/24").And.EndWith("0000 \n"));
            }
        });
    }

    [Test]
    public void Socket_is_created_with_mode_0660()
    {
        var mode = File.GetUnixFileMode(_bgpd.SocketPath);
        Assert.That(mode, Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite));
    }

    [Test]
    public void Echo_all_delivers_log_messages_as_plus_lines()
    {
        using var watcher = _bgpd.Connect();
        watcher.ReadReply();
        Assert.That(watcher.Command("echo all"), Is.EqualTo("0000 \n"));
        using (var actor = _bgpd.Connect())
        {
            actor.ReadReply();
            Assert.That(actor.Command("disable bulk"), Is.EqualTo("0009-bulk: disabled\n0000 \n"));
            Assert.That(actor.Command("enable bulk"), Is.EqualTo("0011-bulk: enabled\n0000 \n"));
        }
        Assert.Multiple(() =>
        {
            Assert.That(watcher.ReadLine(), Is.EqualTo("+Disabling protocol bulk\n"));
            Assert.That(watcher.ReadLine(), Is.EqualTo("+Enabling protocol bulk\n"));
        });
    }

    void AssertDaemonAnswers()
    {
        using var c = _bgpd.Connect();
        c.ReadReply();
        Assert.That(c.Command("show route count"), Is.EqualTo("0014 4000 of 4000 routes for 4000 networks\n"));
        Assert.That(_bgpd.Process.HasExited, Is.False);
    }
}
