using Bgpd.Config.Model;
using Bgpd.Filters.Runtime;
using Bgpd.Filters.Values;
using Bgpd.Net;

namespace Bgpd.Filters.Tests.Language;

/// <summary>
/// Static attributes are fetched once per run; a filter that assigns one must see its new value,
/// and the next run must see the next route.
/// </summary>
public class StaticAttributeCacheTests
{
    private static CompiledFilter Filter(string body) =>
        EvalHelper.Program("filter f " + body, Dialect.Bird16, []).FindFilter("f")!;

    [Test]
    public void A_read_after_an_assignment_sees_the_assigned_value()
    {
        var f = Filter("""{ if ifname = "eth0" then { ifname = "tap9"; preference = 7; } if ifname = "tap9" && preference = 7 then accept; reject; }""");
        var route = new TestRoute(Prefix.Parse("10.1.0.0/16")).With("ifname", Value.Str("eth0")).With("preference", Value.Int(100));
        Assert.That(f.Run(route), Is.EqualTo(FilterResult.Accept));
    }

    [Test]
    public void Each_run_reads_its_own_route()
    {
        var f = Filter("{ if net ~ 10.0.0.0/8 && net.len = 16 then accept; reject; }");
        Assert.That(f.Run(new TestRoute(Prefix.Parse("10.1.0.0/16"))), Is.EqualTo(FilterResult.Accept));
        Assert.That(f.Run(new TestRoute(Prefix.Parse("11.1.0.0/16"))), Is.EqualTo(FilterResult.Reject));
        Assert.That(f.Run(new TestRoute(Prefix.Parse("10.1.0.0/24"))), Is.EqualTo(FilterResult.Reject));
    }

    [Test]
    public void Functions_see_the_same_route_as_the_filter_that_calls_them()
    {
        var program = EvalHelper.Program("""
            function is_tap() { return ifname ~ "tap*"; }
            filter f { if is_tap() && net = 10.1.0.0/16 then accept; reject; }
            """, Dialect.Bird16, []);
        var f = program.FindFilter("f")!;
        Assert.That(f.Run(new TestRoute(Prefix.Parse("10.1.0.0/16")).With("ifname", Value.Str("tap1"))), Is.EqualTo(FilterResult.Accept));
        Assert.That(f.Run(new TestRoute(Prefix.Parse("10.1.0.0/16")).With("ifname", Value.Str("eth0"))), Is.EqualTo(FilterResult.Reject));
    }
}
