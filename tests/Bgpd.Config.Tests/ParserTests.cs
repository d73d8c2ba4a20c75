using Bgpd.Config.Filters;
using Bgpd.Config.Model;
using Bgpd.Net;

namespace Bgpd.Config.Tests;

public class ParserTests
{
    private static BirdConfig Parse(string text, Dialect? dialect = null) =>
        ConfigParser.ParseText(text, "t.conf", new ConfigParseOptions(dialect));

    [Test]
    public void Global_statements_fill_the_model()
    {
        var config = Parse("""
            router id 10.0.0.1;
            listen bgp address 10.0.0.1 port 1179 dual;
            log "/tmp/bird.log" { warning, error };
            log syslog name "bird" all;
            debug protocols all;
            debug commands 2;
            timeformat route "%F %T" 86400 "%T";
            timeformat base iso long;
            graceful restart wait 120;
            table aux;
            protocol device { }
            """);
        Assert.Multiple(() =>
        {
            Assert.That(config.Listen, Is.EqualTo(new ListenBgp(IpAddress.Parse("10.0.0.1"), 1179, false, true)));
            Assert.That(config.Logs[0], Is.EqualTo(new LogTarget(LogTargetKind.File, "/tmp/bird.log", LogClasses.Warning | LogClasses.Error)));
            Assert.That(config.Logs[1], Is.EqualTo(new LogTarget(LogTargetKind.Syslog, "bird", LogClasses.All)));
            Assert.That(config.DebugProtocols, Is.EqualTo(DebugFlags.All));
            Assert.That(config.DebugCommands, Is.EqualTo(2));
            Assert.That(config.TimeFormats.Route, Is.EqualTo(new TimeFormat("%F %T", "%T", 86400)));
            Assert.That(config.TimeFormats.Base, Is.EqualTo(new TimeFormat("%F %T", null, 0)));
            Assert.That(config.TimeFormats.Protocol, Is.EqualTo(TimeFormats.Bird16.Protocol));
            Assert.That(config.GracefulRestartWait, Is.EqualTo(120));
            Assert.That(config.Tables.Select(t => t.Name), Is.EqualTo(new[] { "master", "aux" }));
            Assert.That(config.Protocols.Single().Debug, Is.EqualTo(DebugFlags.All));
        });
    }

    [Test]
    public void Static_routes_of_every_kind()
    {
        var config = Parse("""
            protocol static {
              route 10.0.0.0/8 via 192.0.2.1;
              route 10.1.0.0/16 via 192.0.2.1%eth0;
              route 10.2.0.0/16 via "eth1";
              route 10.3.0.0/16 multipath via 192.0.2.1 weight 2 via 192.0.2.2;
              route 10.4.0.0/16 recursive 192.0.2.9;
              route 10.5.0.0/16 drop;
              route 10.6.0.0/16 reject;
              route 10.7.0.0/16 prohibit;
              route 10.8.0.0/16 blackhole { bgp_med = 5; };
            }
            """);
        var routes = config.Protocols.OfType<StaticConfig>().Single().Routes;
        Assert.That(routes.Select(r => r.Kind), Is.EqualTo(new[]
        {
            StaticRouteKind.Via, StaticRouteKind.Via, StaticRouteKind.Interface, StaticRouteKind.Via, StaticRouteKind.Recursive,
            StaticRouteKind.Blackhole, StaticRouteKind.Unreachable, StaticRouteKind.Prohibit, StaticRouteKind.Blackhole,
        }));
        Assert.That(routes[1].NextHops.Single().Interface, Is.EqualTo("eth0"));
        Assert.That(routes[2].Interface, Is.EqualTo("eth1"));
        Assert.That(routes[3].NextHops.Select(h => h.Weight), Is.EqualTo(new[] { 2, 1 }));
        Assert.That(routes[4].RecursiveGateway, Is.EqualTo(IpAddress.Parse("192.0.2.9")));
        Assert.That(routes[8].Attributes!.Statements.Single(), Is.TypeOf<AssignStmt>());
    }

    [Test]
    public void Static_routes_of_a_template_come_first_then_the_body_routes_in_order()
    {
        var config = Parse("""
            template static tmpl { route 10.0.0.0/8 blackhole; }
            protocol static s1 from tmpl { route 10.1.0.0/16 blackhole; check link; route 10.2.0.0/16 blackhole; }
            protocol static s2 from tmpl { }
            """);
        var routes = config.Protocols.OfType<StaticConfig>().ToDictionary(p => p.Name, p => p.Routes.Select(r => r.Net.ToString()).ToArray());
        Assert.That(routes["s1"], Is.EqualTo(new[] { "10.0.0.0/8", "10.1.0.0/16", "10.2.0.0/16" }));
        Assert.That(routes["s2"], Is.EqualTo(new[] { "10.0.0.0/8" }));
    }

    [Test]
    public void A_static_protocol_of_a_hundred_thousand_routes_keeps_every_route()
    {
        var text = new System.Text.StringBuilder("protocol static {\n");
        for (var i = 0; i < 100_000; i++)
            text.Append($"  route 10.{64 + i / 65536}.{i / 256 % 256}.{i % 256}/32 via 10.99.0.2;\n");
        text.Append("}\n");
        var routes = Parse(text.ToString()).Protocols.OfType<StaticConfig>().Single().Routes;
        Assert.That(routes, Has.Count.EqualTo(100_000));
        Assert.That(routes[99_999].Net.ToString(), Is.EqualTo("10.65.134.159/32"));
    }

    [Test]
    public void Unnamed_protocols_are_numbered_per_class_skipping_taken_names()
    {
        var config = Parse("""
            protocol static static1 { }
            protocol static { }
            protocol kernel { }
            protocol static { }
            protocol device { }
            """);
        Assert.That(config.Protocols.Select(p => p.Name), Is.EqualTo(new[] { "static1", "static2", "kernel1", "static3", "device1" }));
    }

    [Test]
    public void Templates_chain_and_the_body_wins()
    {
        var config = Parse("""
            template bgp common { local as 65000; hold time 60; passive; }
            template bgp fast from common { hold time 9; connect retry time 3; }
            protocol bgp p from fast { neighbor 10.0.0.2 as 65001; passive off; }
            """);
        var p = (BgpConfig)config.FindProtocol("p")!;
        Assert.That((p.HoldTime, p.KeepaliveTime, p.ConnectRetryTime, p.Passive, p.LocalAs), Is.EqualTo((9, 3, 3, false, 65000u)));
        Assert.That((p.Multihop, p.Gateway), Is.EqualTo((0, GatewayMode.Direct)), "eBGP defaults to direct");
        Assert.That(config.Templates.Select(t => t.Name), Is.EqualTo(new[] { "common", "fast" }));
        Assert.That(config.Symbols.Find("common")!.Kind, Is.EqualTo(SymbolKind.Template));
    }

    [TestCase("neighbor fe80::1 % 'eth0' as 65001;")]
    [TestCase("neighbor fe80::1 % eth0 as 65001;")]
    public void Bird6_link_local_neighbor_takes_its_interface_scope(string neighbor)
    {
        var config = Parse("router id 10.0.0.1;\nprotocol bgp ll { local as 65000; " + neighbor + " }\n", Dialect.Bird16v6);
        var p = (BgpConfig)config.FindProtocol("ll")!;
        Assert.That((p.NeighborAddress, p.Interface, p.Multihop, p.Gateway), Is.EqualTo(((IpAddress?)IpAddress.Parse("fe80::1"), "eth0", 0, GatewayMode.Direct)));
    }

    [Test]
    public void Bird6_link_local_neighbor_without_an_interface_is_refused_at_the_closing_brace()
    {
        var e = Assert.Throws<ConfigException>(() => Parse("router id 10.0.0.1;\nprotocol bgp ll { local as 65000; neighbor fe80::1 as 65001; }\n", Dialect.Bird16v6))!;
        Assert.That(e.Message, Does.Contain("Link-local neighbor address requires specified interface"));
    }

    [Test]
    public void Protocol_level_filters_and_limits_go_to_the_1_6_channel()
    {
        var config = Parse("""
            protocol kernel {
              table master; preference 20;
              import where net ~ [ 10.0.0.0/8+ ];
              export none;
              import limit 100 action warn;
              receive limit 200;
              import keep filtered;
            }
            """);
        var channel = config.Protocols.Single().MainChannel!;
        Assert.Multiple(() =>
        {
            Assert.That(channel.Explicit, Is.False);
            Assert.That(channel.Preference, Is.EqualTo(20));
            Assert.That(channel.Import, Is.TypeOf<FilterWhere>());
            Assert.That(channel.Export, Is.TypeOf<FilterNone>());
            Assert.That(channel.ImportLimit, Is.EqualTo(new RouteLimit(100, LimitAction.Warn)));
            Assert.That(channel.ReceiveLimit, Is.EqualTo(new RouteLimit(200, LimitAction.Disable)));
            Assert.That(channel.ImportKeepFiltered, Is.True);
        });
    }

    [Test]
    public void Bgp_route_limit_is_the_import_limit_with_action_restart_as_in_bird_1_6()
    {
        var config = Parse("""
            protocol bgp peer1 {
              local as 64512;
              neighbor 10.0.0.2 as 64512;
              route limit 5;
            }
            """);
        var bgp = (BgpConfig)config.Protocols.Single();
        Assert.That(bgp.RouteLimit, Is.EqualTo(5));
        Assert.That(bgp.MainChannel!.ImportLimit, Is.EqualTo(new RouteLimit(5, LimitAction.Restart)));
    }

    [Test]
    public void Deprecated_bgp_options_are_kept_with_a_warning_naming_the_protocol()
    {
        var config = Parse("""
            template bgp t1 { local as 64512; route limit 9; }
            protocol bgp { local as 64512; neighbor 10.0.0.2 as 64512; start delay time 3; }
            protocol bgp peer2 from t1 { neighbor 10.0.0.3 as 64512; }
            """);
        Assert.Multiple(() =>
        {
            Assert.That(config.Warnings, Is.EqualTo(new[]
            {
                "t1: Route limit option is deprecated, use import limit",
                "bgp1: Start delay time option is deprecated, use connect delay time",
            }));
            Assert.That(((BgpConfig)config.FindProtocol("bgp1")!).ConnectDelayTime, Is.EqualTo(3));
            Assert.That(((BgpConfig)config.FindProtocol("peer2")!).RouteLimit, Is.EqualTo(9));
        });
    }

    [Test]
    public void Bird2_channels_are_detected_and_parsed()
    {
        var config = Parse("""
            router id 10.0.0.1;
            ipv4 table t4;
            protocol kernel { ipv4 { table t4; export all; preference 5; import limit 10 action block; }; }
            protocol static { ipv6; route fd00::/8 unreachable; }
            protocol bgp b {
              local 10.0.0.1 as 65000; neighbor 10.0.0.2 as 65000;
              ipv4 { import all; export where source = RTS_STATIC; next hop self; add paths on; };
            }
            protocol pipe { table master4; peer table t4; }
            """);
        Assert.That(config.Dialect, Is.EqualTo(Dialect.Bird2));
        var kernel = config.Protocols[0];
        Assert.That(kernel.MainChannel, Is.EqualTo(new ChannelConfig
        {
            Type = NetType.Ipv4,
            Table = "t4",
            Preference = 5,
            Import = new FilterAll(SourcePos.None),
            Export = new FilterAll(SourcePos.None),
            ImportLimit = new RouteLimit(10, LimitAction.Block),
            Explicit = true,
        }));
        Assert.That(((KernelConfig)kernel).Metric, Is.EqualTo(32u));
        Assert.That(config.Protocols[1].MainChannel!.Table, Is.EqualTo("master6"));
        var bgp = (BgpConfig)config.FindProtocol("b")!;
        Assert.That((bgp.NextHopSelf, bgp.AddPaths, bgp.Multihop), Is.EqualTo((true, AddPathMode.On, 64)));
        var pipe = (PipeConfig)config.Protocols[3];
        Assert.That((pipe.MainChannel!.Table, pipe.PeerTable, pipe.MainChannel.Preference), Is.EqualTo(("master4", "t4", 70)));
    }

    [Test]
    public void Protocol_bfd_is_kept_as_text()
    {
        var config = Parse("protocol bfd { interface \"*\" { min rx interval 100 ms; }; }\nprotocol device { }\n");
        var bfd = config.Protocols.OfType<BfdConfig>().Single();
        Assert.That(bfd.Name, Is.EqualTo("bfd1"));
        Assert.That(bfd.Body, Is.EqualTo("interface \"*\" { min rx interval 100 ms ; } ;"));
    }

    [Test]
    public void Error_text_is_file_line_column_message()
    {
        var error = Assert.Throws<ConfigException>(() => Parse("router id 1.2.3.4;\nprotocol kernel { scan time x; }\n"))!;
        Assert.That(error.ToString(), Is.EqualTo("t.conf:2:29: Number expected"));
        Assert.That(error.ControlSocketText, Is.EqualTo("t.conf:2:29 Number expected"));
    }
}

public class IprouteConstantTests
{
    [Test]
    public void Iproute2_names_become_constants_usable_in_filters()
    {
        var dir = Directory.CreateTempSubdirectory("bgpd-iproute");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "rt_protos"), "# comment\n12\tbird\n186 bgp\n");
            File.WriteAllText(Path.Combine(dir.FullName, "rt_tables"), "254\tmain\n");
            var config = ConfigParser.ParseText("filter f { if krt_source = ipp_bird then accept; }\nprotocol device { }\n", "t.conf",
                new ConfigParseOptions(Model.Dialect.Bird16, dir.FullName));
            Assert.That(config.Symbols.All.Take(3).Select(s => (s.Name, s.KindText)), Is.EqualTo(new[]
            {
                ("ipp_bird", "constant"), ("ipp_bgp", "constant"), ("ipt_main", "constant"),
            }));
            var none = ConfigParser.ParseText("protocol device { }\n", "t.conf", new ConfigParseOptions(Model.Dialect.Bird16, null));
            Assert.That(none.Symbols.All.Select(s => s.Name), Is.EqualTo(new[] { "master", "device1" }));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
