using Bgpc.Client;
using Bgpc.Json;
using Bgpd.Tests.Support;

namespace Bgpd.Tests.Bgpc;

/// <summary>JSON is built from BIRD-format text; these feed it BIRD's own captured replies.</summary>
public class ReplyJsonTests
{
    static List<ReplyLine> Lines(string file, string command)
    {
        var text = Transcript.ReplyTo(Transcript.Bird16(file), command);
        var lines = new List<ReplyLine>();
        var code = 0;
        foreach (var raw in text.TrimEnd('\n').Split('\n'))
        {
            var coded = ReplyLineRenderer.TryParseCode(raw, out var c, out var final);
            if (coded) code = c;
            lines.Add(new ReplyLine(raw, code, coded && final, false));
        }
        return lines;
    }

    [Test]
    public void Status_json_has_router_id_times_and_graceful_restart_state()
    {
        var json = ReplyJson.Status(Lines("graceful_restart_recovery_show_status_raw.txt", "show status"), "0.1.0");
        Assert.Multiple(() =>
        {
            Assert.That((string?)json["router_id"], Is.EqualTo("10.99.0.1"));
            Assert.That((string?)json["last_reboot"], Is.EqualTo("2026-11-21 03:37:49"));
            Assert.That((bool?)json["graceful_restart"]!["in_progress"], Is.True);
            Assert.That((int?)json["graceful_restart"]!["waiting_protocols"], Is.EqualTo(2));
            Assert.That((int?)json["graceful_restart"]!["wait_total"], Is.EqualTo(240));
            Assert.That((string?)json["status"], Is.EqualTo("Daemon is up and running"));
            Assert.That((string?)json["bgpd_version"], Is.EqualTo("0.1.0"));
        });
    }

    [Test]
    public void Protocols_json_splits_rows_into_columns()
    {
        var json = ReplyJson.Protocols(Lines("show_protocols.txt", "show protocols"));
        var rows = json["protocols"]!.AsArray();
        Assert.Multiple(() =>
        {
            Assert.That(rows, Has.Count.EqualTo(8));
            Assert.That((string?)rows[6]!["name"], Is.EqualTo("Mesh_10_99_0_9"));
            Assert.That((string?)rows[6]!["state"], Is.EqualTo("start"));
            Assert.That((string?)rows[6]!["info"], Is.EqualTo("Connect       Socket: No route to host"));
            Assert.That((string?)rows[4]!["info"], Is.EqualTo("=> aux"));
        });
    }

    [Test]
    public void Protocols_all_json_parses_details_and_stats()
    {
        var json = ReplyJson.Protocols(Lines("show_protocols_all_pipe.txt", "show protocols all p_aux"));
        var details = json["protocols"]![0]!["details"]!;
        Assert.Multiple(() =>
        {
            Assert.That((string?)details["preference"], Is.EqualTo("70"));
            Assert.That((long?)details["routes"]!["exported"], Is.EqualTo(12));
            Assert.That((long?)details["route_change_stats"]!["export_updates"]!["ignored"], Is.EqualTo(1));
        });
    }

    [Test]
    public void Route_json_keeps_networks_for_secondary_routes_and_attributes()
    {
        var json = ReplyJson.Routes(Lines("show_route_all.txt", "show route all"));
        var routes = json["routes"]!.AsArray();
        var bgp = routes.First(r => (string?)r!["network"] == "10.20.1.0/24")!;
        var multipath = routes.First(r => (string?)r!["network"] == "10.10.4.0/24")!;
        Assert.Multiple(() =>
        {
            Assert.That((string?)bgp["protocol"], Is.EqualTo("Mesh_10_99_0_2"));
            Assert.That((string?)bgp["attributes"]!["BGP.community"], Is.EqualTo("(64512,200)"));
            Assert.That((string?)bgp["attributes"]!["BGP.as_path"], Is.EqualTo(""));
            Assert.That((string?)bgp["type"], Is.EqualTo("BGP unicast univ"));
            Assert.That(multipath["nexthops"]!.AsArray(), Has.Count.EqualTo(2));
            Assert.That((bool?)multipath["primary"], Is.True);
        });
    }

    [Test]
    public void Route_count_json_has_the_three_counters()
    {
        var json = ReplyJson.Routes(Lines("show_route_count.txt", "show route count"));
        Assert.That((long?)json["count"]!["networks"], Is.EqualTo(12));
    }
}
