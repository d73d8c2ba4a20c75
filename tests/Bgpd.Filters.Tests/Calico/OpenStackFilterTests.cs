using Bgpd.Config;
using Bgpd.Rib.Attributes;
using Bgpd.Rib.Filtering;
using static Bgpd.Filters.Tests.Calico.CalicoRoutes;

namespace Bgpd.Filters.Tests.Calico;

/// <summary>export_bgp, import_bgp and export_kernel from Calico's OpenStack compute-node config.</summary>
public class OpenStackFilterTests
{
    private static FilterProgram program = null!;

    [OneTimeSetUp]
    public void Load() =>
        program = FilterCompiler.Compile(ConfigParser.ParseFile(SharedFixtures.Path_("fixtures", "calico", "openstack", "compute-rr-client.bird.conf")));

    private static IRouteFilter Filter(string name) => program.FindFilter(name)!.Rib();

    [Test]
    public void Export_bgp_accepts_a_tap_route_and_derives_local_pref_from_the_default_metric()
    {
        var (verdict, e) = Run(Filter("export_bgp"), "10.65.0.2/32", Device("tap1234abcd"));
        Assert.That(verdict, Is.EqualTo(FilterVerdict.Accept));
        Assert.That(e.Int(EaId.KrtMetric), Is.EqualTo(1024));
        Assert.That(e.Int(EaId.BgpLocalPref), Is.EqualTo(2147483647 - 1024));
    }

    [Test]
    public void Export_bgp_turns_an_elevated_kernel_metric_into_a_higher_local_pref()
    {
        var (verdict, e) = Run(Filter("export_bgp"), "10.65.0.3/32", Kernel("cali12345", 512));
        Assert.That(verdict, Is.EqualTo(FilterVerdict.Accept));
        Assert.That(e.Int(EaId.BgpLocalPref), Is.EqualTo(2147483647 - 512));
    }

    [TestCase("eth0", "10.0.0.0/24")]
    [TestCase("tap1234abcd", "0.0.0.0/0")]
    public void Export_bgp_rejects_other_interfaces_and_the_default_route(string ifname, string net) =>
        Assert.That(Run(Filter("export_bgp"), net, Device(ifname)).Verdict, Is.EqualTo(FilterVerdict.Reject));

    [Test]
    public void Export_bgp_maps_a_bgp_local_pref_back_to_a_metric_and_rejects_non_calico_interfaces()
    {
        var (verdict, e) = Run(Filter("export_bgp"), "10.65.1.0/24", Bgp("10.0.0.12", 2147483647 - 600));
        Assert.That(verdict, Is.EqualTo(FilterVerdict.Reject));
        Assert.That(e.Int(EaId.KrtMetric), Is.EqualTo(600));
    }

    [TestCase(2147483647u - 512, 200)]
    [TestCase(2147483647u - 1024, 100)]
    public void Import_bgp_raises_preference_for_elevated_routes(uint localPref, int preference)
    {
        var (verdict, e) = Run(Filter("import_bgp"), "10.65.0.3/32", Bgp("10.0.0.12", localPref));
        Assert.That(verdict, Is.EqualTo(FilterVerdict.Accept));
        Assert.That(e.Preference, Is.EqualTo(preference));
    }

    [Test]
    public void Export_kernel_sets_metric_and_preference_for_bgp_routes_only()
    {
        var (verdict, e) = Run(Filter("export_kernel"), "10.65.0.3/32", Bgp("10.0.0.12", 2147483647 - 512));
        Assert.That(verdict, Is.EqualTo(FilterVerdict.Accept));
        Assert.That(e.Int(EaId.KrtMetric), Is.EqualTo(512));
        Assert.That(e.Preference, Is.EqualTo(200));

        var (v2, e2) = Run(Filter("export_kernel"), "10.0.0.0/24", Device("eth0"));
        Assert.That(v2, Is.EqualTo(FilterVerdict.Accept));
        Assert.That(e2.AttributesChanged, Is.False);
    }
}
