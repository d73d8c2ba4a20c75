using Bgpd.Control;

namespace Bgpd.Tests.Control;

public class GlobTests
{
    [TestCase("Mesh*", "Mesh_10_99_0_2", true)]
    [TestCase("Mesh*", "Global_1", false)]
    [TestCase("*", "anything", true)]
    [TestCase("k?rnel1", "kernel1", true)]
    [TestCase("k?rnel1", "kernel12", false)]
    [TestCase("*_0_9", "Mesh_10_99_0_9", true)]
    [TestCase("zzz*", "kernel1", false)]
    public void Pattern_matches_like_bird(string pattern, string name, bool expected) =>
        Assert.That(Glob.Matches(pattern, name), Is.EqualTo(expected));
}
