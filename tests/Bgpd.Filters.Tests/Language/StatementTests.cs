using Bgpd.Config.Model;
using Bgpd.Filters.Runtime;
using Bgpd.Filters.Values;
using Bgpd.Net;

namespace Bgpd.Filters.Tests.Language;

public class StatementTests
{
    private static (FilterResult Result, TestRoute Route, List<string> Output) Run(string filterBody, Dialect dialect = Dialect.Bird16, TestRoute? route = null)
    {
        var output = new List<string>();
        var program = EvalHelper.Program("filter f " + filterBody, dialect, output);
        route ??= new TestRoute(Prefix.Parse("10.1.0.0/16"));
        return (program.FindFilter("f")!.Run(route), route, output);
    }

    [Test]
    public void Case_picks_the_first_matching_arm_or_else()
    {
        const string body = "{ case net.len { 8, 9: bgp_med = 1; 10 .. 20: bgp_med = 2; else: bgp_med = 3; } accept; }";
        var (result, route, _) = Run(body);
        Assert.That(result, Is.EqualTo(FilterResult.Accept));
        Assert.That(route["bgp_med"].AsInt, Is.EqualTo(2));
        Assert.That(Run(body, route: new TestRoute(Prefix.Parse("10.0.0.0/24"))).Route["bgp_med"].AsInt, Is.EqualTo(3));
    }

    [Test]
    public void For_loops_over_community_lists_in_bird2()
    {
        const string body = "{ int n = 0; for pair c in bgp_community do n = n + c.data; bgp_med = n; accept; }";
        var route = new TestRoute(Prefix.Parse("10.1.0.0/16")).With("bgp_community", Value.Clist([(1u << 16) | 5, (2u << 16) | 7]));
        Assert.That(Run(body, Dialect.Bird2, route).Route["bgp_med"].AsInt, Is.EqualTo(12));
    }

    [Test]
    public void Print_and_printn_build_lines_for_the_log()
    {
        var (_, _, output) = Run("{ printn \"net \"; printn net; print \" len \", net.len; accept \"taken\"; }");
        Assert.That(output, Is.EqualTo(new[] { "net 10.1.0.0/16 len 16", "taken" }));
    }

    [Test]
    public void Unset_removes_an_attribute_and_defined_sees_it()
    {
        var route = new TestRoute(Prefix.Parse("10.1.0.0/16")).With("bgp_med", Value.Int(5));
        var (result, r, _) = Run("{ unset(bgp_med); if defined(bgp_med) then reject; accept; }", route: route);
        Assert.That(result, Is.EqualTo(FilterResult.Accept));
        Assert.That(r.Has("bgp_med"), Is.False);
    }

    [Test]
    public void Runtime_errors_and_missing_verdicts_reject_with_a_logged_reason()
    {
        var (r1, _, out1) = Run("{ error \"bad route \", net; }");
        Assert.That(r1, Is.EqualTo(FilterResult.Error));
        Assert.That(out1, Has.One.Contains("bad route 10.1.0.0/16"));
        var (r2, _, out2) = Run("{ bgp_med = 1; }");
        Assert.That(r2, Is.EqualTo(FilterResult.Error));
        Assert.That(out2, Has.One.Contains("did not return accept nor reject"));
        var (r3, _, out3) = Run("{ if net.len > \"x\" then accept; reject; }");
        Assert.That(r3, Is.EqualTo(FilterResult.Error), "1.6 checks operand types while running");
        Assert.That(out3, Has.One.StartsWith("filters, line 1:"));
    }

    [Test]
    public void An_undefined_attribute_orders_below_every_value_as_in_bird()
    {
        // Calico relies on this: "krt_metric < 1024" holds for routes without krt_metric.
        Assert.That(Run("{ if bgp_med < 1 then accept; reject; }").Result, Is.EqualTo(FilterResult.Accept));
        Assert.That(Run("{ if bgp_med > 1 then accept; reject; }").Result, Is.EqualTo(FilterResult.Reject));
    }

    [Test]
    public void Accept_inside_a_called_function_ends_the_filter()
    {
        var output = new List<string>();
        var program = EvalHelper.Program("function decide(int x) { if x > 3 then accept; return 0; }\nfilter f { decide(net.len); reject; }", output: output);
        Assert.That(program.FindFilter("f")!.Run(new TestRoute(Prefix.Parse("10.0.0.0/8"))), Is.EqualTo(FilterResult.Accept));
        Assert.That(program.FindFilter("f")!.Run(new TestRoute(Prefix.Parse("0.0.0.0/0"))), Is.EqualTo(FilterResult.Reject));
    }

    [Test]
    public void Where_conditions_compile_to_accept_or_reject()
    {
        var program = EvalHelper.Program("");
        var where = program.CompileWhere("net ~ [10.0.0.0/8+] && net.len >= 16");
        Assert.That(where.Run(new TestRoute(Prefix.Parse("10.1.0.0/16"))), Is.EqualTo(FilterResult.Accept));
        Assert.That(where.Run(new TestRoute(Prefix.Parse("10.0.0.0/8"))), Is.EqualTo(FilterResult.Reject));
        Assert.That(where.DisplayName, Is.EqualTo("(unnamed)"));
    }

    [Test]
    public void Local_variables_are_void_until_set_in_each_call()
    {
        var output = new List<string>();
        var program = EvalHelper.Program("function t(int a) int b; { if a = 3 then b = 4; print a, \" \", b, \" \", defined(b); }", output: output);
        Assert.That(program.Eval("t(3)").Ok && program.Eval("t(2)").Ok, Is.True);
        Assert.That(output, Is.EqualTo(new[] { "3 4 TRUE", "2 (void) FALSE" }));
    }

    [Test]
    public void Deep_recursion_is_a_runtime_error_not_a_crash()
    {
        var program = EvalHelper.Program("function loop(int x) { return loop(x + 1); }");
        var result = program.Eval("loop(1)");
        Assert.That(result.Ok, Is.False);
        Assert.That(result.Error, Does.Contain("recursion"));
    }
}
