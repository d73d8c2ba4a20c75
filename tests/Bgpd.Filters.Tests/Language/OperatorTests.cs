using Bgpd.Config.Model;

namespace Bgpd.Filters.Tests.Language;

public class OperatorTests
{
    [TestCase("1 + 2 * 3", "7")]
    [TestCase("(1 + 2) * 3", "9")]
    [TestCase("7 / 2", "3")]
    [TestCase("2147483647 - 1024", "2147482623")]
    [TestCase("0 - 1", "4294967295")]
    [TestCase("4200000000 > 4100000000", "TRUE")]
    [TestCase("1 = 1", "TRUE")]
    [TestCase("1 != \"a\"", "TRUE")]
    [TestCase("1 = (0,1)", "FALSE")]
    [TestCase("(1,2) < (2,2)", "TRUE")]
    [TestCase("(1,1) > (1,1)", "FALSE")]
    [TestCase("1.2.3.4 = 1.2.3.4", "TRUE")]
    [TestCase("true && false", "FALSE")]
    [TestCase("true || false", "TRUE")]
    [TestCase("!true", "FALSE")]
    [TestCase("\"abc\" < \"abd\"", "TRUE")]
    [TestCase("+empty+ = -empty-", "FALSE")]
    public void Arithmetic_comparison_and_logic(string expr, string expected) =>
        Assert.That(EvalHelper.Eval(expr), Is.EqualTo(expected));

    [TestCase("1 / 0", "Mother told me not to divide by 0")]
    [TestCase("(1,2) < 3", "ncompatible types")]
    [TestCase("(1,2) < f()", "Can't compare values of incompatible types")]
    public void Runtime_errors_are_reported_not_thrown(string expr, string expected) =>
        Assert.That(EvalHelper.Eval(expr, config: "function f() { return 3; }"), Does.Contain(expected));

    [TestCase("5 ~ [1..20]", "TRUE")]
    [TestCase("1 ~ [2, 3, 4]", "FALSE")]
    [TestCase("1.2.3.4 ~ 1.0.0.0/8", "TRUE")]
    [TestCase("10.1.0.0/16 ~ [10.0.0.0/8+]", "TRUE")]
    [TestCase("172.20.0.0/16 ~ [172.16.0.0/12-]", "FALSE")]
    [TestCase("192.168.1.0/24 ~ [192.168.0.0/16{24,32}]", "TRUE")]
    [TestCase("192.168.0.0/15 ~ 192.168.0.0/16", "FALSE")]
    [TestCase("\"tap123\" ~ \"tap*\"", "TRUE")]
    [TestCase("\"eth0\" !~ \"tap*\"", "TRUE")]
    [TestCase("(5,4) ~ [(5,*)]", "TRUE")]
    [TestCase("(6,2) ~ [(6,3..6)]", "FALSE")]
    [TestCase("(rt, 12345, 200000) ~ [(rt, 12345, *)]", "TRUE")]
    [TestCase("(60, 60, 60) ~ [(55..65, *, *)]", "TRUE")]
    [TestCase("1.2.3.4 ~ [1.2.3.3..1.2.3.5]", "TRUE")]
    [TestCase("RTS_BGP ~ [RTS_STATIC, RTS_DEVICE]", "FALSE")]
    [TestCase("3 ~ prepend(prepend(+empty+, 3), 4)", "TRUE")]
    [TestCase("prepend(prepend(+empty+, 1), 2) ~ [= 2 1 =]", "TRUE")]
    [TestCase("prepend(prepend(+empty+, 1), 2) ~ [= * 1 =]", "TRUE")]
    [TestCase("prepend(prepend(+empty+, 1), 2) ~ [= ? =]", "FALSE")]
    [TestCase("(1,2) ~ add(-empty-, (1,2))", "TRUE")]
    [TestCase("add(-empty-, (1,2)) ~ [(1,*)]", "TRUE")]
    public void Match_operator_for_every_pairing(string expr, string expected) =>
        Assert.That(EvalHelper.Eval(expr), Is.EqualTo(expected));

    [Test]
    public void Mismatched_types_are_config_errors_in_bird2_and_runtime_errors_in_bird16()
    {
        Assert.That(() => EvalHelper.Program("function f() { return 1 + \"a\"; }", Dialect.Bird2),
            Throws.TypeOf<Bgpd.Config.ConfigException>().With.Message.Contains("Incompatible types"));
        Assert.That(EvalHelper.Eval("true || 1 + \"a\""), Is.EqualTo("TRUE"));
        Assert.That(EvalHelper.Eval("false || 1 + \"a\""), Does.Contain("Incompatible types"));
    }

    [Test]
    public void Type_errors_carry_file_line_and_column()
    {
        var e = Assert.Throws<Bgpd.Config.ConfigException>(() =>
            EvalHelper.Program("function f()\nint x;\n{\n  x = \"text\";\n}", Dialect.Bird2))!;
        Assert.That((e.Line, e.Column), Is.EqualTo((4, 7)));
        Assert.That(e.File, Is.EqualTo("test.conf"));
    }
}
