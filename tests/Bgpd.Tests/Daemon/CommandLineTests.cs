using Bgpd.Daemon;

namespace Bgpd.Tests.Daemon;

public class CommandLineTests
{
    [Test]
    public void Calico_command_line_parses()
    {
        var o = CommandLine.Parse(["-R", "-s", "/var/run/calico/bird.ctl", "-d", "-c", "/etc/calico/confd/config/bird.cfg"]);
        Assert.Multiple(() =>
        {
            Assert.That(o.GracefulRestartRecovery && o.Debug && o.StaysInForeground, Is.True);
            Assert.That(o.SocketPath, Is.EqualTo("/var/run/calico/bird.ctl"));
            Assert.That(o.ConfigFile, Is.EqualTo("/etc/calico/confd/config/bird.cfg"));
        });
    }

    [Test]
    public void Defaults_are_debians_and_bird6_with_dash_6()
    {
        Assert.Multiple(() =>
        {
            Assert.That(CommandLine.Parse([]).ConfigFile, Is.EqualTo("/etc/bird/bird.conf"));
            Assert.That(CommandLine.Parse([]).SocketPath, Is.EqualTo("/run/bird/bird.ctl"));
            Assert.That(CommandLine.Parse(["-6"]).SocketPath, Is.EqualTo("/run/bird/bird6.ctl"));
            Assert.That(CommandLine.Parse(["-6"]).ConfigFile, Is.EqualTo("/etc/bird/bird6.conf"));
            Assert.That(CommandLine.Parse([], "/usr/sbin/bird6").Ipv6, Is.True, "started through a bird6 symlink");
            Assert.That(CommandLine.Parse([], "/usr/sbin/bird6").SocketPath, Is.EqualTo("/run/bird/bird6.ctl"));
            Assert.That(CommandLine.Parse([], "/usr/sbin/bird").Ipv6, Is.False);
            Assert.That(CommandLine.Parse([], "bgpd").Ipv6, Is.False);
            Assert.That(CommandLine.Parse(["-l"]).ConfigFile, Is.EqualTo("bird.conf"));
            Assert.That(CommandLine.Parse(["-l", "-6"]).SocketPath, Is.EqualTo("bird6.ctl"));
        });
    }

    [Test]
    public void Bundled_flags_and_attached_arguments_work_like_getopt()
    {
        var o = CommandLine.Parse(["-fRp", "-cmy.conf", "-P/run/x.pid", "-u", "bird", "-g", "bird"]);
        Assert.Multiple(() =>
        {
            Assert.That(o.Foreground && o.GracefulRestartRecovery && o.ParseOnly, Is.True);
            Assert.That(o.ConfigFile, Is.EqualTo("my.conf"));
            Assert.That(o.PidFile, Is.EqualTo("/run/x.pid"));
            Assert.That(o.User, Is.EqualTo("bird"));
            Assert.That(o.Group, Is.EqualTo("bird"));
        });
    }

    [Test]
    public void Without_foreground_flags_the_daemon_detaches()
    {
        Assert.Multiple(() =>
        {
            Assert.That(CommandLine.Parse(["-c", "x"]).StaysInForeground, Is.False);
            Assert.That(CommandLine.Parse(["-D", "/tmp/log"]).StaysInForeground, Is.False);
        });
    }

    [TestCase("-x")]
    [TestCase("-c")]
    [TestCase("stray")]
    public void Bad_arguments_are_refused(string arg) =>
        Assert.Throws<ArgumentException>(() => CommandLine.Parse([arg]));
}
