using Bgpd.Filters.Values;
using Bgpd.Net;

namespace Bgpd.Filters.Tests.Values;

public class PrefixSetTests
{
    private static PrefixPattern P(string prefix, int lo, int hi) => new(Prefix.Parse(prefix), lo, hi);

    private static readonly PrefixSet Pxs2 = new([P("10.0.0.0/16", 8, 12), P("20.0.0.0/16", 24, 28)]);

    [TestCase("10.0.0.0/8")]
    [TestCase("10.0.0.0/10")]
    [TestCase("10.0.0.0/12")]
    [TestCase("20.0.0.0/24")]
    [TestCase("20.0.40.0/24")]
    [TestCase("20.0.100.0/26")]
    [TestCase("20.0.255.0/28")]
    public void Length_range_patterns_match(string net) => Assert.That(Pxs2.Matches(Prefix.Parse(net)), Is.True);

    [TestCase("10.0.0.0/7")]
    [TestCase("10.0.0.0/13")]
    [TestCase("10.0.0.0/16")]
    [TestCase("20.0.0.0/16")]
    [TestCase("20.0.0.0/23")]
    [TestCase("20.0.0.0/29")]
    [TestCase("11.0.0.0/10")]
    [TestCase("20.1.0.0/26")]
    public void Length_range_patterns_reject(string net) => Assert.That(Pxs2.Matches(Prefix.Parse(net)), Is.False);

    [Test]
    public void Plus_and_minus_patterns_follow_bird()
    {
        var plus = new PrefixSet([P("10.0.0.0/8", 8, 32)]);
        Assert.That(plus.Matches(Prefix.Parse("10.1.0.0/16")), Is.True);
        Assert.That(plus.Matches(Prefix.Parse("11.1.0.0/16")), Is.False);
        var minus = new PrefixSet([P("172.16.0.0/12", 0, 12)]);
        Assert.That(minus.Matches(Prefix.Parse("172.20.0.0/16")), Is.False);
        Assert.That(minus.Matches(Prefix.Parse("172.0.0.0/8")), Is.True);
        Assert.That(minus.Matches(Prefix.Parse("0.0.0.0/0")), Is.True);
    }

    [Test]
    public void Prints_trie_nodes_with_accept_masks()
    {
        Assert.That(Pxs2.Format(), Is.EqualTo("[10.0.0.0/12{1.240.0.0}, 20.0.0.0/16{0.0.1.240}]"));
        var set = new PrefixSet([P("1.2.0.0/16", 16, 16), P("1.4.0.0/16", 16, 32), P("44.66.88.64/30", 24, 28), P("12.34.56.0/24", 8, 16)]);
        Assert.That(set.Format(), Is.EqualTo("[1.2.0.0/16{0.1.0.0}, 1.4.0.0/16{0.1.255.255}, 12.34.0.0/16{1.255.0.0}, 44.66.88.64/28{0.0.1.240}]"));
        Assert.That(new PrefixSet([P("0.0.0.0/0", 0, 0)]).Format(), Is.EqualTo("[0.0.0.0/0]"));
        Assert.That(new PrefixSet([P("11:22:33:44::/64", 64, 64)]).Format(), Is.EqualTo("[11:22:33:44::/64{0:0:0:1::}]"));
        Assert.That(PrefixSet.Empty.Format(), Is.EqualTo("[]"));
    }

    [Test]
    public void Ten_thousand_entries_match_by_depth_lookup()
    {
        var patterns = Enumerable.Range(0, 10_000).Select(i => P($"10.{i / 256}.{i % 256}.0/24", 24, 24)).ToArray();
        var set = new PrefixSet(patterns);
        Assert.That(set.Matches(Prefix.Parse("10.39.15.0/24")), Is.True);
        Assert.That(set.Matches(Prefix.Parse("10.39.16.0/24")), Is.False);
        Assert.That(set.Matches(Prefix.Parse("10.1.1.0/25")), Is.False);
    }
}
