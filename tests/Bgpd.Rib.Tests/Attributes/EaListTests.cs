using Bgpd.Rib.Attributes;
using NUnit.Framework;

namespace Bgpd.Rib.Tests.Attributes;

public class EaListTests
{
    [Test]
    public void Create_sorts_by_id_and_keeps_the_last_of_repeated_ids()
    {
        var list = EaList.Create([
            new Ea(EaId.BgpLocalPref, EaValue.Int(100)),
            new Ea(EaId.BgpOrigin, EaValue.Int(2)),
            new Ea(EaId.BgpLocalPref, EaValue.Int(200)),
        ]);

        Assert.That(list.Select(e => e.Id), Is.EqualTo(new[] { EaId.BgpOrigin, EaId.BgpLocalPref }));
        Assert.That(list.Find(EaId.BgpLocalPref)!.Value.Value.AsInt, Is.EqualTo(200u));
    }

    [Test]
    public void With_and_without_return_new_lists_and_leave_the_original_alone()
    {
        var list = EaList.Create([new Ea(EaId.BgpMed, EaValue.Int(5))]);
        var added = list.With(EaId.BgpOrigin, EaValue.Int(0));
        var removed = added.Without(EaId.BgpMed);

        Assert.That(list.Count, Is.EqualTo(1));
        Assert.That(added.Select(e => e.Id), Is.EqualTo(new[] { EaId.BgpOrigin, EaId.BgpMed }));
        Assert.That(removed.Select(e => e.Id), Is.EqualTo(new[] { EaId.BgpOrigin }));
        Assert.That(list.Without(EaId.BgpCommunity), Is.SameAs(list));
    }

    [Test]
    public void With_all_adds_and_replaces_in_one_list_equal_to_applying_each_in_turn()
    {
        var list = EaList.Create([
            new Ea(EaId.BgpOrigin, EaValue.Int(0)),
            new Ea(EaId.BgpMed, EaValue.Int(5)),
            new Ea(EaId.BgpLocalPref, EaValue.Int(100)),
        ]);
        Ea[] edits =
        [
            new(EaId.BgpClusterList, EaValue.IntSet([1u])),
            new(EaId.BgpLocalPref, EaValue.Int(200)),
            new(EaId.BgpAsPath, EaValue.Path(AsPath.FromSequence(65001))),
            new(EaId.BgpOriginatorId, EaValue.RouterId(7)),
        ];
        var stepwise = list;
        foreach (var ea in edits) stepwise = stepwise.With(ea);

        var merged = list.WithAll(edits);

        Assert.That(merged, Is.EqualTo(stepwise));
        Assert.That(merged.GetHashCode(), Is.EqualTo(stepwise.GetHashCode()));
        Assert.That(merged.Select(e => e.Id), Is.Ordered.Ascending);
        Assert.That(merged.Count, Is.EqualTo(6));
        Assert.That(list.Count, Is.EqualTo(3), "the original is left alone");
    }

    [Test]
    public void Lists_with_equal_content_are_equal_and_hash_alike()
    {
        var a = EaList.Create([new Ea(EaId.BgpCommunity, EaValue.IntSet([(64512u << 16) | 200]))]);
        var b = EaList.Create([new Ea(EaId.BgpCommunity, EaValue.IntSet([(64512u << 16) | 200]))]);
        var c = EaList.Create([new Ea(EaId.BgpCommunity, EaValue.IntSet([(64512u << 16) | 201]))]);

        Assert.That(a, Is.EqualTo(b));
        Assert.That(a.GetHashCode(), Is.EqualTo(b.GetHashCode()));
        Assert.That(a, Is.Not.EqualTo(c));
    }

    [Test]
    public void FromSorted_refuses_unsorted_input()
    {
        Assert.Throws<ArgumentException>(() => EaList.FromSorted([new Ea(EaId.BgpMed, EaValue.Int(1)), new Ea(EaId.BgpOrigin, EaValue.Int(0))]));
    }

    [Test]
    public void Typed_accessors_refuse_the_wrong_type()
    {
        var value = EaValue.Int(3);
        Assert.Throws<InvalidOperationException>(() => _ = value.AsPath);
        Assert.That(value.AsInt, Is.EqualTo(3u));
    }

    [Test]
    public void As_path_counts_sets_as_one_and_knows_its_origin()
    {
        var path = new AsPath([
            new AsPathSegment(AsPathSegmentType.Sequence, [65001, 65002]),
            new AsPathSegment(AsPathSegmentType.Set, [7, 8, 9]),
        ]);

        Assert.That(path.Length, Is.EqualTo(3));
        Assert.That(path.FirstAs, Is.EqualTo(65001u));
        Assert.That(path.LastAs, Is.Null);
        Assert.That(AsPath.FromSequence(65003, 65004).LastAs, Is.EqualTo(65004u));
        Assert.That(path.Prepend(64512).ToString(), Is.EqualTo("64512 65001 65002 { 7 8 9 }"));
    }
}
