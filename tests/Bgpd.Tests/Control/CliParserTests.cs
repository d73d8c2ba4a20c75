using Bgpd.Control;
using Bgpd.Net;

namespace Bgpd.Tests.Control;

public class CliParserTests
{
    static readonly Dictionary<string, CliSymbolKind> Symbols = new()
    {
        ["static1"] = CliSymbolKind.Protocol,
        ["Mesh_10_99_0_2"] = CliSymbolKind.Protocol,
        ["aux"] = CliSymbolKind.Table,
        ["master"] = CliSymbolKind.Table,
        ["calico_export_to_bgp_peers"] = CliSymbolKind.Filter,
    };

    static CliCommand Parse(string line) =>
        new CliParser(name => Symbols.TryGetValue(name, out var kind) ? kind : null).Parse(line);

    [TestCase("show foo bar")]
    [TestCase("shw route")]
    [TestCase("sh ro")]
    [TestCase("show route for")]
    [TestCase("show status now")]
    [TestCase("Show status")]
    public void Bird_syntax_errors_are_9001(string line) =>
        Assert.That(Parse(line), Is.EqualTo(new ParseErrorCommand(9001, "syntax error")));

    [Test]
    public void Unknown_word_in_show_route_reads_as_a_missing_address() =>
        Assert.That(Parse("show route cou"), Is.EqualTo(new ParseErrorCommand(9001, "IP address expected")));

    [Test]
    public void Unknown_protocol_in_show_route_is_rejected_while_parsing() =>
        Assert.That(Parse("show route protocol nosuch"), Is.EqualTo(new ParseErrorCommand(9001, "nosuch is not a protocol")));

    [Test]
    public void Show_route_collects_every_argument()
    {
        var command = (ShowRouteCommand)Parse("show route for 10.0.0.1 table aux protocol static1 all primary count");
        Assert.That(command.Query, Is.EqualTo(new RouteQuery
        {
            Prefix = Prefix.Parse("10.0.0.1/32"),
            LongestMatch = true,
            Table = "aux",
            Protocol = "static1",
            Verbose = true,
            PrimaryOnly = true,
            Count = true,
        }));
    }

    [Test]
    public void Show_route_prefix_is_an_exact_match_and_export_names_a_protocol()
    {
        var command = (ShowRouteCommand)Parse("show route 10.10.0.0/16 export Mesh_10_99_0_2 filter calico_export_to_bgp_peers");
        Assert.Multiple(() =>
        {
            Assert.That(command.Query.Prefix, Is.EqualTo(Prefix.Parse("10.10.0.0/16")));
            Assert.That(command.Query.LongestMatch, Is.False);
            Assert.That(command.Query.ExportMode, Is.EqualTo(ExportMode.Export));
            Assert.That(command.Query.FilterName, Is.EqualTo("calico_export_to_bgp_peers"));
        });
    }

    [Test]
    public void Where_takes_the_rest_of_the_line_as_filter_source()
    {
        var command = (ShowRouteCommand)Parse("show route where bgp_path.len > 0 && net ~ [ 10.0.0.0/8+ ]");
        Assert.That(command.Query.WhereExpression, Is.EqualTo("bgp_path.len > 0 && net ~ [ 10.0.0.0/8+ ]"));
    }

    [Test]
    public void Table_must_name_a_table() =>
        Assert.That(Parse("show route table static1"), Is.EqualTo(new ParseErrorCommand(9001, "static1 is not a table")));

    [Test]
    public void Protocol_actions_take_names_patterns_and_all_with_an_optional_message()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Parse("disable Disabled_peer \"maintenance\""), Is.EqualTo(
                new ProtocolActionCommand(ProtocolAction.Disable, ProtocolSelector.ForName("Disabled_peer"), "maintenance")));
            Assert.That(Parse("restart \"Mesh*\""), Is.EqualTo(
                new ProtocolActionCommand(ProtocolAction.Restart, ProtocolSelector.ForPattern("Mesh*"), null)));
            Assert.That(Parse("reload out all"), Is.EqualTo(
                new ProtocolActionCommand(ProtocolAction.ReloadOut, ProtocolSelector.Everything, null)));
        });
    }

    [Test]
    public void Configure_variants_parse()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Parse("configure"), Is.EqualTo(new ConfigureCommand(ConfigureKind.Normal, null, null)));
            Assert.That(Parse("configure check \"x.conf\""), Is.EqualTo(new ConfigureCommand(ConfigureKind.Check, "x.conf", null)));
            Assert.That(Parse("configure soft \"x.conf\" timeout 60"), Is.EqualTo(new ConfigureCommand(ConfigureKind.Soft, "x.conf", 60)));
            Assert.That(Parse("configure confirm"), Is.EqualTo(new ConfigureCommand(ConfigureKind.Confirm, null, null)));
            Assert.That(Parse("configure undo"), Is.EqualTo(new ConfigureCommand(ConfigureKind.Undo, null, null)));
        });
    }

    [Test]
    public void State_changing_commands_are_marked_for_restricted_sessions()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Parse("configure").ChangesState, Is.True);
            Assert.That(Parse("disable static1").ChangesState, Is.True);
            Assert.That(Parse("down").ChangesState, Is.True);
            Assert.That(Parse("show status").ChangesState, Is.False);
            Assert.That(Parse("show route").ChangesState, Is.False);
        });
    }

    [Test]
    public void Echo_accepts_class_lists_and_buffer_size()
    {
        var echo = (EchoCommand)Parse("echo { info, warning } 1024");
        Assert.Multiple(() =>
        {
            Assert.That(echo.Classes, Is.EqualTo(new[] { "info", "warning" }));
            Assert.That(echo.BufferSize, Is.EqualTo(1024));
            Assert.That(((EchoCommand)Parse("echo off")).Off, Is.True);
        });
    }

    [Test]
    public void Eval_keeps_the_expression_text() =>
        Assert.That(Parse("eval 10.0.0.0/8 ~ [10.0.0.0/8+]"), Is.EqualTo(new EvalCommand("10.0.0.0/8 ~ [10.0.0.0/8+]")));
}
