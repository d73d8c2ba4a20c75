using Bgpd.Rib.Attributes;
using Bgpd.Rib.Filtering;
using Bgpd.Rib.Protocols;
using Bgpd.Rib.Tests.Support;
using NUnit.Framework;
using static Bgpd.Rib.Tests.Support.TestRib;

namespace Bgpd.Rib.Tests.Protocols;

/// <summary>
/// BIRD 1.6's temporary attributes (krt_metric, krt_source): an import filter's value for them only
/// lives while the filter runs, except on the kernel protocol, which stores it in its route.
/// </summary>
public class TemporaryAttributeTests
{
    private static readonly IRouteFilter SetMetricAndLocalPref = Filters.FromDelegate("set_attrs", r =>
    {
        r.Set(EaId.KrtMetric, EaValue.Int(600));
        r.Set(EaId.BgpLocalPref, EaValue.Int(300));
        return FilterVerdict.Accept;
    });

    [Test]
    public void Import_filter_of_a_non_kernel_protocol_loses_krt_metric_but_keeps_bgp_attributes()
    {
        var rib = new TestRib();
        var p = rib.Protocol("static1", options: new ChannelOptions { ImportFilter = SetMetricAndLocalPref });
        p.Announce("10.0.0.0/24");

        var attributes = rib.Master.Find(P("10.0.0.0/24"))!.Best!.Attributes;
        Assert.That(attributes.TryGet(EaId.KrtMetric, out _), Is.False);
        Assert.That(attributes.TryGet(EaId.BgpLocalPref, out var lp) && lp.AsInt == 300, Is.True);
    }

    [Test]
    public void Import_filter_of_the_kernel_protocol_keeps_krt_metric()
    {
        var rib = new TestRib();
        var p = rib.Protocol("kernel1", options: new ChannelOptions { ImportFilter = SetMetricAndLocalPref });
        p.KeepsTemporaryAttributes = true;
        p.Announce("10.0.0.0/24");

        var attributes = rib.Master.Find(P("10.0.0.0/24"))!.Best!.Attributes;
        Assert.That(attributes.TryGet(EaId.KrtMetric, out var metric) && metric.AsInt == 600, Is.True);
    }

    [Test]
    public void A_route_that_carries_krt_metric_keeps_its_own_value()
    {
        var rib = new TestRib();
        var p = rib.Protocol("static1", options: new ChannelOptions { ImportFilter = SetMetricAndLocalPref });
        p.Announce("10.0.0.0/24", p.Blackhole(EaList.Create([new Ea(EaId.KrtMetric, EaValue.Int(77))])));

        var attributes = rib.Master.Find(P("10.0.0.0/24"))!.Best!.Attributes;
        Assert.That(attributes.TryGet(EaId.KrtMetric, out var metric) && metric.AsInt == 77, Is.True);
    }
}
