using Bgpd.Rib.Attributes;
using Bgpd.Rib.Filtering;
using Bgpd.Rib.Tests.Support;
using NUnit.Framework;
using static Bgpd.Rib.Tests.Support.TestRib;

namespace Bgpd.Rib.Tests.Attributes;

public class RouteEditorTests
{
    private static (TestRib Rib, RouteAttributes Attributes) Route()
    {
        var rib = new TestRib();
        var p = rib.Protocol("bgp1");
        var eas = EaList.Create([new Ea(EaId.BgpOrigin, EaValue.Int(0)), new Ea(EaId.BgpMed, EaValue.Int(10))]);
        return (rib, rib.Loop.Attributes.Intern(p.Attributes(Ip("10.0.0.1"), eas)));
    }

    [Test]
    public void Unchanged_route_yields_the_very_same_attributes()
    {
        var (rib, attrs) = Route();
        var editor = new RouteEditor();
        editor.Load(P("10.1.0.0/16"), attrs, 100);
        editor.Set(EaId.BgpMed, EaValue.Int(10)); // same value: no change

        Assert.That(editor.Changed, Is.False);
        Assert.That(editor.Result(rib.Loop.Attributes), Is.SameAs(attrs));
    }

    [Test]
    public void Setting_an_attribute_produces_a_new_interned_set()
    {
        var (rib, attrs) = Route();
        var editor = new RouteEditor();
        editor.Load(P("10.1.0.0/16"), attrs, 100);
        editor.Set(EaId.BgpLocalPref, EaValue.Int(150));
        editor.Set(EaId.BgpMed, EaValue.Int(20));

        var result = editor.Result(rib.Loop.Attributes);

        Assert.That(result, Is.Not.SameAs(attrs));
        Assert.That(result.IsInterned, Is.True);
        Assert.That(result.Attributes.Find(EaId.BgpLocalPref)!.Value.Value.AsInt, Is.EqualTo(150u));
        Assert.That(result.Attributes.Find(EaId.BgpMed)!.Value.Value.AsInt, Is.EqualTo(20u));
        Assert.That(attrs.Attributes.Contains(EaId.BgpLocalPref), Is.False, "the original is untouched");
    }

    [Test]
    public void Unset_removes_and_reads_see_edits()
    {
        var (_, attrs) = Route();
        var editor = new RouteEditor();
        editor.Load(P("10.1.0.0/16"), attrs, 100);
        editor.Unset(EaId.BgpMed);
        Assert.That(editor.TryGet(EaId.BgpMed, out _), Is.False);
        editor.Set(EaId.BgpMed, EaValue.Int(99));
        Assert.That(editor.TryGet(EaId.BgpMed, out var med) && med.AsInt == 99, Is.True);
        editor.Unset(EaId.BgpMed);

        Assert.That(editor.Result().Attributes.Contains(EaId.BgpMed), Is.False);
    }

    [Test]
    public void Preference_change_alone_keeps_the_attribute_set()
    {
        var (_, attrs) = Route();
        var editor = new RouteEditor();
        editor.Load(P("10.1.0.0/16"), attrs, 100);
        editor.Preference = 120;

        Assert.That(editor.Changed, Is.True);
        Assert.That(editor.AttributesChanged, Is.False);
        Assert.That(editor.Result(), Is.SameAs(attrs));
    }

    [Test]
    public void Loading_again_forgets_earlier_edits()
    {
        var (_, attrs) = Route();
        var editor = new RouteEditor();
        editor.Load(P("10.1.0.0/16"), attrs, 100);
        editor.Dest = RouteDest.Blackhole;
        editor.Set(EaId.BgpLocalPref, EaValue.Int(1));
        editor.Load(P("10.2.0.0/16"), attrs, 100);

        Assert.That(editor.Changed, Is.False);
        Assert.That(editor.Dest, Is.EqualTo(RouteDest.Router));
        Assert.That(editor.Net, Is.EqualTo(P("10.2.0.0/16")));
        Assert.That(editor.Gateway, Is.EqualTo(Ip("10.0.0.1")));
        Assert.That(editor.InterfaceName, Is.EqualTo("eth0"));
    }

    [Test]
    public void Evaluating_a_filter_that_changes_nothing_allocates_nothing()
    {
        var (rib, attrs) = Route();
        var editor = new RouteEditor();
        var prefix = P("10.1.0.0/16");
        void Evaluate()
        {
            editor.Load(prefix, attrs, 100);
            _ = editor.TryGet(EaId.BgpMed, out _);
            editor.Set(EaId.BgpMed, EaValue.Int(10));
            editor.Unset(EaId.BgpCommunity);
            _ = editor.Result(rib.Loop.Attributes);
        }
        for (var i = 0; i < 100; i++) Evaluate();

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++) Evaluate();

        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }

    [Test]
    public void Setting_dest_to_blackhole_drops_next_hops()
    {
        var (_, attrs) = Route();
        var editor = new RouteEditor();
        editor.Load(P("10.1.0.0/16"), attrs, 100);
        editor.Dest = RouteDest.Blackhole;

        var result = editor.Result();
        Assert.That(result.Dest, Is.EqualTo(RouteDest.Blackhole));
        Assert.That(result.NextHops, Is.Empty);
    }

    [Test]
    public void Assigning_the_preference_or_a_static_attribute_marks_the_route_written_even_with_the_same_value()
    {
        var (_, attrs) = Route();
        var editor = new RouteEditor();
        editor.Load(P("10.1.0.0/16"), attrs, 100);
        editor.Set(EaId.BgpMed, EaValue.Int(20));
        Assert.That(editor.RouteWritten, Is.False, "extended attributes do not copy the route");

        editor.Preference = 100;
        Assert.That(editor.RouteWritten, Is.True);
        Assert.That(editor.Changed, Is.True, "the MED changed");

        editor.Load(P("10.1.0.0/16"), attrs, 100);
        Assert.That(editor.RouteWritten, Is.False, "Load forgets it");
        editor.Scope = editor.Scope;
        Assert.That(editor.RouteWritten, Is.True);
    }

    [Test]
    public void Reverting_temporary_attributes_forgets_krt_metric_edits_only()
    {
        var (_, attrs) = Route();
        var editor = new RouteEditor();
        editor.Load(P("10.1.0.0/16"), attrs, 100);
        editor.Set(EaId.KrtMetric, EaValue.Int(600));
        editor.Set(EaId.BgpLocalPref, EaValue.Int(300));
        editor.RevertTemporaryAttributes();

        Assert.That(editor.TryGet(EaId.KrtMetric, out _), Is.False);
        Assert.That(editor.TryGet(EaId.BgpLocalPref, out var lp) && lp.AsInt == 300, Is.True);
    }

    [Test]
    public void SetInt_edits_exactly_as_Set_does()
    {
        var (rib, attrs) = Route();
        var (viaSet, viaSetInt) = (new RouteEditor(), new RouteEditor());
        foreach (var e in new[] { viaSet, viaSetInt }) e.Load(P("10.1.0.0/16"), attrs, 100);
        foreach (var (id, value, flags) in new[] { (EaId.BgpMed, 10u, (byte)0), (EaId.KrtMetric, 5u, (byte)0), (EaId.KrtMetric, 7u, (byte)0), (EaId.BgpLocalPref, 1u, (byte)0x40) })
        {
            viaSet.Set(id, EaValue.Int(value), flags);
            viaSetInt.SetInt(id, value, flags);
        }
        viaSet.Unset(EaId.BgpMed);
        viaSetInt.Unset(EaId.BgpMed);
        viaSet.Set(EaId.BgpMed, EaValue.Int(3));
        viaSetInt.SetInt(EaId.BgpMed, 3);

        Assert.That(viaSetInt.AttributesChanged, Is.EqualTo(viaSet.AttributesChanged));
        Assert.That(viaSetInt.Result(rib.Loop.Attributes), Is.SameAs(viaSet.Result(rib.Loop.Attributes)));
        Assert.That(viaSetInt.TryGet(EaId.KrtMetric, out var metric) ? metric.AsInt : 0, Is.EqualTo(7u));
    }

    [Test]
    public void SetInt_of_the_loaded_value_changes_nothing()
    {
        var (rib, attrs) = Route();
        var editor = new RouteEditor();
        editor.Load(P("10.1.0.0/16"), attrs, 100);
        editor.SetInt(EaId.BgpMed, 10);

        Assert.That(editor.Changed, Is.False);
        Assert.That(editor.Result(rib.Loop.Attributes), Is.SameAs(attrs));
    }

    [Test]
    public void Find_sees_edits_and_unsets_by_reference()
    {
        var (_, attrs) = Route();
        var editor = new RouteEditor();
        editor.Load(P("10.1.0.0/16"), attrs, 100);
        editor.SetInt(EaId.KrtMetric, 9);
        editor.Unset(EaId.BgpOrigin);

        Assert.Multiple(() =>
        {
            Assert.That(editor.Find(EaId.KrtMetric).Value.AsInt, Is.EqualTo(9u));
            Assert.That(editor.Find(EaId.BgpMed).Value.AsInt, Is.EqualTo(10u));
            Assert.That(System.Runtime.CompilerServices.Unsafe.IsNullRef(in editor.Find(EaId.BgpOrigin)), Is.True, "unset");
            Assert.That(System.Runtime.CompilerServices.Unsafe.IsNullRef(in editor.Find(EaId.BgpLocalPref)), Is.True, "absent");
        });
    }
}
