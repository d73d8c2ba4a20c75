using Bgpc.Client;

namespace Bgpd.Tests.Bgpc;

public class ReplyRenderingTests
{
    [TestCase("0001 BIRD 1.6.8 ready.", false, "BIRD 1.6.8 ready.")]
    [TestCase("1002-kernel1  Kernel", false, "kernel1  Kernel")]
    [TestCase(" device1  Device", false, "device1  Device")]
    [TestCase(" device1  Device", true, "     device1  Device")]
    [TestCase("1002-kernel1", true, "1002-kernel1")]
    [TestCase("+Disabling protocol x", false, ">>> Disabling protocol x")]
    [TestCase("garbage", false, "??? garbage")]
    [TestCase("8007 Access denied", false, "Access denied")]
    public void Lines_render_as_birdc_prints_them(string line, bool verbose, string expected) =>
        Assert.That(ReplyLineRenderer.Render(line, verbose), Is.EqualTo(expected));

    [TestCase("0000 ")]
    [TestCase("0000 ")]
    public void Code_zero_lines_are_not_printed(string line) =>
        Assert.Multiple(() =>
        {
            Assert.That(ReplyLineRenderer.Render(line, false), Is.Null);
            Assert.That(ReplyLineRenderer.Render(line, true), Is.Null);
        });

    [Test]
    public void Options_follow_birdc()
    {
        var o = ClientOptions.Parse(["-s", "/tmp/x.ctl", "-rv", "show", "route", "all"]);
        Assert.Multiple(() =>
        {
            Assert.That(o.SocketPath, Is.EqualTo("/tmp/x.ctl"));
            Assert.That(o.Restricted && o.Verbose, Is.True);
            Assert.That(o.Command, Is.EqualTo("show route all"));
            Assert.That(ClientOptions.Parse(["-l"]).SocketPath, Is.EqualTo("bird.ctl"));
            Assert.That(ClientOptions.Parse([]).Command, Is.Null);
        });
    }
}
