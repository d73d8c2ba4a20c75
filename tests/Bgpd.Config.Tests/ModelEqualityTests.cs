using Bgpd.Config.Filters;
using Bgpd.Config.Model;

namespace Bgpd.Config.Tests;

/// <summary>configure keeps protocols whose config did not change: equality must be structural.</summary>
public class ModelEqualityTests
{
    private static BirdConfig Parse(string text) => ConfigParser.ParseText(text, "t.conf", new ConfigParseOptions(Dialect.Bird16));

    private const string Base = """
        router id 1.2.3.4;
        function mark() { bgp_local_pref = 200; }
        filter to_peers { mark(); if net ~ [ 10.0.0.0/8+ ] then accept; reject; }
        template bgp T { local as 65000; hold time 90; }
        protocol bgp p1 from T { neighbor 10.0.0.2 as 65001; export filter to_peers; import filter { accept; }; }
        protocol bgp p2 from T { neighbor 10.0.0.3 as 65001; }
        protocol static { route 10.0.0.0/8 blackhole; }
        """;

    [Test]
    public void Same_text_with_moved_lines_and_comments_gives_equal_protocols()
    {
        var a = Parse(Base);
        var b = Parse("# a comment first\n\n" + Base.Replace("; ", ";\n  "));
        foreach (var protocol in a.Protocols)
        {
            var other = b.FindProtocol(protocol.Name)!;
            Assert.That(other, Is.EqualTo(protocol), protocol.Name);
            Assert.That(other.GetHashCode(), Is.EqualTo(protocol.GetHashCode()));
            Assert.That(BirdConfig.IsProtocolUnchanged(protocol, a, other, b), Is.True, protocol.Name);
        }
    }

    [Test]
    public void Changing_an_option_changes_only_that_protocol()
    {
        var a = Parse(Base);
        var b = Parse(Base.Replace("neighbor 10.0.0.3 as 65001;", "neighbor 10.0.0.3 as 65001; passive;"));
        Assert.That(b.FindProtocol("p2"), Is.Not.EqualTo(a.FindProtocol("p2")));
        Assert.That(b.FindProtocol("p1"), Is.EqualTo(a.FindProtocol("p1")));
    }

    [Test]
    public void Changing_a_named_filter_or_a_function_it_calls_marks_the_protocol_changed()
    {
        var a = Parse(Base);
        var changedFunction = Parse(Base.Replace("bgp_local_pref = 200;", "bgp_local_pref = 300;"));
        var p1 = a.FindProtocol("p1")!;
        Assert.That(changedFunction.FindProtocol("p1"), Is.EqualTo(p1), "the protocol's own options are equal");
        Assert.That(BirdConfig.IsProtocolUnchanged(p1, a, changedFunction.FindProtocol("p1")!, changedFunction), Is.False);
        Assert.That(BirdConfig.IsProtocolUnchanged(a.FindProtocol("p2")!, a, changedFunction.FindProtocol("p2")!, changedFunction), Is.True);
    }

    [Test]
    public void Inline_filters_compare_by_their_syntax_tree()
    {
        var a = Parse(Base);
        var b = Parse(Base.Replace("import filter { accept; };", "import filter { reject; };"));
        Assert.That(b.FindProtocol("p1"), Is.Not.EqualTo(a.FindProtocol("p1")));
    }

    [Test]
    public void Ast_equality_ignores_positions()
    {
        var x = new BinaryExpr(new SourcePos("a", 1, 1), BinaryOp.Add, new IntLiteral(new SourcePos("a", 1, 1), 1), new IntLiteral(new SourcePos("a", 1, 5), 2));
        var y = new BinaryExpr(new SourcePos("b", 9, 9), BinaryOp.Add, new IntLiteral(SourcePos.None, 1), new IntLiteral(SourcePos.None, 2));
        var z = new BinaryExpr(SourcePos.None, BinaryOp.Sub, new IntLiteral(SourcePos.None, 1), new IntLiteral(SourcePos.None, 2));
        Assert.That(x, Is.EqualTo(y));
        Assert.That(x.GetHashCode(), Is.EqualTo(y.GetHashCode()));
        Assert.That(x, Is.Not.EqualTo(z));
    }
}
