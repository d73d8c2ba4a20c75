namespace Bgpd.Filters.Tests.Language;

public class ValueTests
{
    [TestCase("(1,2)", "(1,2)")]
    [TestCase("(rt, 1, 2)", "(rt, 1, 2)")]
    [TestCase("(ro, 10.20.30.40, 100)", "(ro, 10.20.30.40, 100)")]
    [TestCase("(generic, 0x2000a, 30)", "(rt, 10, 30)")]
    [TestCase("(1, 2, 3)", "(1, 2, 3)")]
    [TestCase("[1, 2, 3]", "[1, 2, 3]")]
    [TestCase("[ 1, 2, 1, 1, 3 ]", "[1, 1, 1, 2, 3]")]
    [TestCase("[(1,(1+1)), (3,4)..(4,8), (5,*), (6,3..6)]", "[(1,2), (3,4)..(4,8), (5,0)..(5,65535), (6,3)..(6,6)]")]
    [TestCase("+empty+", "(path )")]
    [TestCase("prepend(+empty+, 64512)", "(path 64512)")]
    [TestCase("-empty-", "(clist )")]
    [TestCase("add(-empty-, (1,2))", "(clist (1,2))")]
    [TestCase("--empty--", "(eclist )")]
    [TestCase("---empty---", "(lclist )")]
    [TestCase("[= 64512 * =]", "[= 64512 * =]")]
    [TestCase("10.0.0.0/8", "10.0.0.0/8")]
    [TestCase("RTS_STATIC", "(enum 30)1")]
    [TestCase("SCOPE_LINK", "(enum 32)1")]
    [TestCase("true", "TRUE")]
    [TestCase("\"str\"", "str")]
    [TestCase("127.1.2.3.mask(8)", "127.0.0.0")]
    [TestCase("[1.2.0.0/16, 1.4.0.0/16+]", "[1.2.0.0/16{0.1.0.0}, 1.4.0.0/16{0.1.255.255}]")]
    public void Literals_print_as_bird_prints_them(string expr, string expected) =>
        Assert.That(EvalHelper.Eval(expr), Is.EqualTo(expected));

    [TestCase("(10, 20).asn", "10")]
    [TestCase("(10, 20).data", "20")]
    [TestCase("(10, 20, 30).data1", "20")]
    [TestCase("(10, 20, 30).data2", "30")]
    [TestCase("10.1.0.0/16.len", "16")]
    [TestCase("10.1.0.0/16.ip", "10.1.0.0")]
    [TestCase("prepend(prepend(prepend(+empty+, 1), 2), 3).len", "3")]
    [TestCase("prepend(prepend(prepend(+empty+, 1), 2), 3).first", "3")]
    [TestCase("prepend(prepend(prepend(+empty+, 1), 2), 3).last", "1")]
    [TestCase("prepend(prepend(prepend(+empty+, 1), 2), 3).last_nonaggregated", "1")]
    [TestCase("add(add(-empty-, (2,1)), (1,3)).min", "(1,3)")]
    [TestCase("add(add(-empty-, (2,1)), (1,3)).max", "(2,1)")]
    [TestCase("add(add(-empty-, (2,1)), (1,3)).len", "2")]
    [TestCase("delete(add(add(-empty-, (2,1)), (1,3)), [(2,*)])", "(clist (1,3))")]
    [TestCase("filter(add(add(-empty-, (2,1)), (1,3)), [(2,*)])", "(clist (2,1))")]
    [TestCase("delete(prepend(prepend(prepend(+empty+, 1), 3), 1), 1)", "(path 3)")]
    [TestCase("filter(prepend(prepend(+empty+, 1), 2), [2])", "(path 2)")]
    [TestCase("add(add(--empty--, (rt, 1, 2)), (rt, 1, 2))", "(eclist (rt, 1, 2))")]
    [TestCase("delete(add(---empty---, (1, 2, 3)), (1, 2, 3))", "(lclist )")]
    [TestCase("1.2.3.4.is_v4", "TRUE")]
    [TestCase("10.0.0.0/8.type", "(enum 36)1")]
    public void Methods_and_list_operations(string expr, string expected) =>
        Assert.That(EvalHelper.Eval(expr, Bgpd.Config.Model.Dialect.Bird2), Is.EqualTo(expected));

    [TestCase("(10, 20).asn")]
    [TestCase("(10, 20, 30).data1")]
    [TestCase("1.2.3.4.is_v4")]
    public void Methods_bird_1_6_does_not_have_are_syntax_errors_there(string expr) =>
        Assert.That(EvalHelper.Eval(expr), Is.EqualTo("syntax error"));

    [TestCase("5000:3::0/64", "5000:3::/64")]
    [TestCase("::1.is_v4", "FALSE")]
    [TestCase("1234:5678::.mask(24)", "1234:5600::")]
    [TestCase("2001:db8::/32 ~ 2001::/16", "TRUE")]
    [TestCase("1180::/16 ~ [ 1100::/8{15, 17} ]", "TRUE")]
    [TestCase("format(12345:20000)", "12345:20000")]
    public void Bird2_literals(string expr, string expected) =>
        Assert.That(EvalHelper.Eval(expr, Bgpd.Config.Model.Dialect.Bird2), Is.EqualTo(expected));

    [TestCase("defined(1)", "TRUE")]
    [TestCase("tenth", "10")]
    [TestCase("sq(7)", "49")]
    [TestCase("fact(10)", "3628800")]
    [TestCase("10.1.0.0/16 ~ nets", "TRUE")]
    public void Defines_and_functions(string expr, string expected)
    {
        const string config = """
            define tenth = 10;
            define nets = [10.0.0.0/8+];
            function sq(int x) { return x * x; }
            function fact(int x) { if x <= 1 then return 1; return x * fact(x - 1); }
            """;
        Assert.That(EvalHelper.Eval(expr, config: config), Is.EqualTo(expected));
    }
}
