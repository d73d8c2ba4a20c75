using Bgpd.Filters.Values;

namespace Bgpd.Filters.Tests.Values;

/// <summary>BIRD's patmatch (the <c>~</c> on strings) and its precompiled shapes.</summary>
public class GlobPatternTests
{
    private static readonly string[] Patterns =
    [
        "tap*", "cali*", "dummy1", "*.cali", "*.calico", "tunl0", "bpf*.cali", "*", "*eth*", "eth?", "?", "",
        "**", "a**", "*?", "x\\*", "\\?a", "*\\.cali", "some*iface", "eth.", "vxlan.*",
    ];

    private static readonly string[] Texts =
    [
        "", "tap1234abcd", "tap", "cali12345", "dummy1", "dummy10", "x.cali", ".cali", "vxlan.calico", "tunl0", "tunl01",
        "bpf1.cali", "bpfin.cali.cali", "eth0", "eth.", "ethX", "a", "ab", "a*b", "x*", "xa", "?a", "some-iface", "vxlan.x",
    ];

    [Test]
    public void Precompiled_patterns_agree_with_birds_algorithm_on_every_text()
    {
        foreach (var p in Patterns)
        {
            var compiled = GlobPattern.Compile(p);
            foreach (var t in Texts)
                Assert.That(compiled.Matches(t), Is.EqualTo(Glob.Match(p, t)), $"\"{t}\" ~ \"{p}\"");
        }
    }

    [TestCase("tap*", "tap1234abcd", true)]
    [TestCase("*.cali", "x.cali", true)]
    [TestCase("*.cali", "x.calico", false)]
    [TestCase("bpf*.cali", "bpf1.cali", true)]
    [TestCase("eth?", "eth0", true)]
    [TestCase("eth?", "eth", false)]
    [TestCase("*", "", true)]
    [TestCase("", "", true)]
    [TestCase("", "a", false)]
    // BIRD searches the character after '*' literally: "*?" needs a '?' in the text, "a**" a '*'.
    [TestCase("*?", "ab", false)]
    [TestCase("*?", "a?", true)]
    [TestCase("a**", "abc", false)]
    [TestCase("a**", "a*c", true)]
    // A backslash quotes the next character.
    [TestCase("x\\*", "x*", true)]
    [TestCase("x\\*", "xa", false)]
    [TestCase("\\?a", "?a", true)]
    [TestCase("\\?a", "ba", false)]
    public void Matches_as_bird_does(string pattern, string text, bool expected) =>
        Assert.That(Glob.Match(pattern, text), Is.EqualTo(expected));
}
