using Bgpd.Config.Filters;
using Bgpd.Config.Model;
using Bgpd.Net;

namespace Bgpd.Config.Tests;

public class FilterSyntaxTests
{
    private static readonly SourcePos P = SourcePos.None;

    private static FilterExpr Expr(string text) => FilterSyntax.ParseExpression(text, ConfigSymbols.Empty);

    [Test]
    public void And_or_bind_loosest_and_not_binds_tighter_than_comparison()
    {
        var e = Expr("!defined(bgp_med) && net ~ 10.0.0.0/8 || 1 + 2 * 3 = 7");
        var expected = new BinaryExpr(P, BinaryOp.Or,
            new BinaryExpr(P, BinaryOp.And,
                new UnaryExpr(P, UnaryOp.Not, new DefinedExpr(P, new AttributeRef(P, "bgp_med", AttributeKind.Bgp))),
                new BinaryExpr(P, BinaryOp.Match, new AttributeRef(P, "net", AttributeKind.Static), new PrefixLiteral(P, Prefix.Parse("10.0.0.0/8")))),
            new BinaryExpr(P, BinaryOp.Eq,
                new BinaryExpr(P, BinaryOp.Add, new IntLiteral(P, 1), new BinaryExpr(P, BinaryOp.Mul, new IntLiteral(P, 2), new IntLiteral(P, 3))),
                new IntLiteral(P, 7)));
        Assert.That(e, Is.EqualTo(expected));
    }

    [Test]
    public void Literals_of_every_kind()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Expr("(1,2)"), Is.EqualTo(new PairExpr(P, new IntLiteral(P, 1), new IntLiteral(P, 2))));
            Assert.That(Expr("(rt, 10, 20)"), Is.EqualTo(new EcExpr(P, EcKind.Rt, 0, new IntLiteral(P, 10), new IntLiteral(P, 20))));
            Assert.That(Expr("(1, 2, 3)"), Is.EqualTo(new LcExpr(P, new IntLiteral(P, 1), new IntLiteral(P, 2), new IntLiteral(P, 3))));
            Assert.That(Expr("+empty+"), Is.EqualTo(new EmptyLiteral(P, EmptyKind.Path)));
            Assert.That(Expr("-empty-"), Is.EqualTo(new EmptyLiteral(P, EmptyKind.Clist)));
            Assert.That(Expr("--empty--"), Is.EqualTo(new EmptyLiteral(P, EmptyKind.Eclist)));
            Assert.That(Expr("---empty---"), Is.EqualTo(new EmptyLiteral(P, EmptyKind.Lclist)));
            Assert.That(Expr("RTS_BGP"), Is.EqualTo(new EnumLiteral(P, "RTS_BGP")));
            Assert.That(Expr("\"x*\""), Is.EqualTo(new StringLiteral(P, "x*")));
            Assert.That(Expr("true"), Is.EqualTo(new BoolLiteral(P, true)));
            Assert.That(Expr("192.0.2.1"), Is.EqualTo(new IpLiteral(P, IpAddress.Parse("192.0.2.1"))));
        });
    }

    [Test]
    public void Sets_hold_ranges_wildcards_and_prefix_patterns()
    {
        var set = (SetLiteral)Expr("[ 1, 3..5, (64512, *), (1, 2..9) ]");
        Assert.That(set.Items[1], Is.EqualTo(new SetRange(P, new IntLiteral(P, 3), new IntLiteral(P, 5))));
        Assert.That(set.Items[2], Is.EqualTo(new SetTuplePattern(P, TupleKind.Pair, EcKind.Rt,
            ValueList.Of(new TupleComponent(P, new IntLiteral(P, 64512), null), new TupleComponent(P, null, null)))));
        var prefixes = (SetLiteral)Expr("[ 10.0.0.0/8+, 172.16.0.0/12-, 192.168.0.0/16{24,32}, 10.1.0.0/16 ]");
        Assert.That(prefixes.Items.Cast<SetPrefixPattern>().Select(p => (p.Kind, p.Low, p.High)), Is.EqualTo(new[]
        {
            (PrefixPatternKind.Plus, 8, 32), (PrefixPatternKind.Minus, 0, 12), (PrefixPatternKind.Range, 24, 32), (PrefixPatternKind.Exact, 16, 16),
        }));
    }

    [Test]
    public void A_set_mixing_prefixes_and_other_values_is_a_syntax_error_at_the_slash()
    {
        var error = Assert.Throws<ConfigException>(() => Expr("[ 1, 10.0.0.0/8 ]"))!;
        Assert.That((error.Message, error.Column), Is.EqualTo(("syntax error", 14)));
    }

    [Test]
    public void Path_masks_new_and_old_syntax()
    {
        Assert.That(Expr("[= 64512 * ? (1+2) =]"), Is.EqualTo(new PathMaskLiteral(P, ValueList.Of<PathMaskItem>(
            new PathMaskValue(P, new IntLiteral(P, 64512)), new PathMaskAnySequence(P), new PathMaskAnyOne(P),
            new PathMaskValue(P, new BinaryExpr(P, BinaryOp.Add, new IntLiteral(P, 1), new IntLiteral(P, 2)))), false)));
        Assert.That(((PathMaskLiteral)Expr("/ ? 4 3 /")).OldSyntax, Is.True);
    }

    [Test]
    public void Methods_and_builtins()
    {
        Assert.That(Expr("bgp_path.len"), Is.EqualTo(new MethodCall(P, new AttributeRef(P, "bgp_path", AttributeKind.Bgp), "len", ValueList<FilterExpr>.Empty, false)));
        Assert.That(Expr("net.ip.mask(8)"), Is.TypeOf<MethodCall>());
        Assert.That(Expr("add(bgp_community, (1,2))"), Is.TypeOf<BuiltinCall>());
    }

    [Test]
    public void Expressions_resolve_names_from_the_running_config()
    {
        var config = ConfigParser.ParseText("define LIMIT = 5;\nfunction f(int a) { return a; }\nprotocol device { }\n", "t.conf");
        Assert.That(FilterSyntax.ParseExpression("f(LIMIT) > 3", config.Symbols), Is.EqualTo(new BinaryExpr(P, BinaryOp.Gt,
            new FunctionCall(P, "f", ValueList.Of<FilterExpr>(new SymbolRef(P, "LIMIT"))), new IntLiteral(P, 3))));
        var error = Assert.Throws<ConfigException>(() => FilterSyntax.ParseExpression("nosuch = 1", config.Symbols))!;
        Assert.That(error.Message, Is.EqualTo("nosuch: variable expected."));
    }

    [Test]
    public void Trailing_garbage_is_a_syntax_error_with_its_column()
    {
        var error = Assert.Throws<ConfigException>(() => Expr("1 + 2 )"))!;
        Assert.That((error.Message, error.Column), Is.EqualTo(("syntax error", 7)));
    }

    [Test]
    public void Filter_bodies_parse_statements()
    {
        var body = FilterSyntax.ParseFilterBody("""
            int x;
            {
              x = 1;
              if x = 1 then { bgp_community.add((1,2)); } else reject "no";
              case x { 1, 2..3: accept; else: reject; }
              unset(bgp_med);
              print "x", x;
            }
            """, ConfigSymbols.Empty);
        Assert.That(body.Locals.Single().Name, Is.EqualTo("x"));
        Assert.That(body.Body.Statements.Select(s => s.GetType().Name), Is.EqualTo(new[]
        {
            nameof(AssignStmt), nameof(IfStmt), nameof(CaseStmt), nameof(UnsetStmt), nameof(PrintStmt),
        }));
        var caseStmt = (CaseStmt)body.Body.Statements[2];
        Assert.That(caseStmt.Arms.Single().Labels, Has.Count.EqualTo(2));
        Assert.That(caseStmt.Else!.Single(), Is.EqualTo(new BreakStmt(P, BreakKind.Reject, ValueList<FilterExpr>.Empty)));
    }
}
