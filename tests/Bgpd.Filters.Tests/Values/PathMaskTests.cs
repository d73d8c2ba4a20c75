using Bgpd.Filters.Values;

namespace Bgpd.Filters.Tests.Values;

public class PathMaskTests
{
    private static MaskItem Asn(uint a) => new(MaskItemKind.Asn, a, a);
    private static readonly MaskItem Star = new(MaskItemKind.AnySequence);
    private static readonly MaskItem Plus = new(MaskItemKind.Repeat);

    [Test]
    public void Star_matches_any_run_including_empty()
    {
        var mask = new PathMask([Star, Asn(4), Asn(3), Star, Asn(1)]);
        Assert.That(mask.Matches(BgpPath.Sequence(5, 4, 3, 2, 1)), Is.True);
        Assert.That(mask.Matches(BgpPath.Sequence(4, 3, 1)), Is.True);
        Assert.That(mask.Matches(BgpPath.Sequence(4, 3, 2)), Is.False);
        Assert.That(mask.Format(), Is.EqualTo("[= * 4 3 * 1 =]"));
    }

    [Test]
    public void Repeat_requires_at_least_one()
    {
        var path = BgpPath.Sequence(1, 2, 3, 3, 4, 5);
        Assert.That(new PathMask([Asn(1), Asn(2), Asn(3), Plus, Asn(4), Asn(5)]).Matches(path), Is.True);
        Assert.That(new PathMask([Asn(1), Asn(2), Asn(3), Plus, Asn(5), Plus, Asn(4), Asn(5)]).Matches(path), Is.False);
        Assert.That(new PathMask([Asn(1), Asn(2), Plus, Asn(3)]).Format(), Is.EqualTo("[= 1 2 + 3 =]"));
    }

    [Test]
    public void Question_mark_matches_exactly_one_and_ranges_bound()
    {
        var path = BgpPath.Sequence(5, 4, 3, 2, 1);
        Assert.That(new PathMask([new(MaskItemKind.AnyOne), Asn(4), Asn(3), Asn(2), Asn(1)]).Matches(path), Is.True);
        Assert.That(new PathMask([new(MaskItemKind.AnyOne), Asn(3), Asn(2), Asn(1)]).Matches(path), Is.False);
        Assert.That(new PathMask([new(MaskItemKind.Asn, 1, 4, IsRange: true), Asn(4), Asn(3), Asn(2), Asn(1)]).Matches(path), Is.False);
        Assert.That(new PathMask([new(MaskItemKind.Asn, 5, 6, IsRange: true), Star]).Matches(path), Is.True);
    }

    [Test]
    public void Glob_matches_whole_strings() => Assert.Multiple(() =>
    {
        Assert.That(Glob.Match("Hell*", "Hello"), Is.True);
        Assert.That(Glob.Match("?ello", "Hello"), Is.True);
        Assert.That(Glob.Match("ell*", "Hello"), Is.False);
        Assert.That(Glob.Match("*.cali", "bpf0.cali"), Is.True);
        Assert.That(Glob.Match("tap*", "eth0"), Is.False);
    });
}
