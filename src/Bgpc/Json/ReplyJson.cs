using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Bgpc.Client;

namespace Bgpc.Json;

/// <summary>
/// Turns BIRD-format replies of <c>show status</c>, <c>show protocols [all]</c> and <c>show route</c>
/// into JSON (schema in docs/json.md). Works against BIRD itself too, since it reads only the text.
/// </summary>
public static partial class ReplyJson
{
    public static JsonObject Error(ReplyLine final) =>
        new() { ["error"] = new JsonObject { ["code"] = final.Code, ["message"] = final.Text } };

    public static JsonObject Status(IReadOnlyList<ReplyLine> lines, string? bgpdVersion)
    {
        var o = new JsonObject();
        JsonObject? gr = null;
        foreach (var line in lines)
        {
            var text = line.Text;
            switch (line.Code)
            {
                case 1000: o["daemon"] = text; break;
                case 1011:
                    if (Strip(text, "Router ID is ") is { } id) o["router_id"] = id;
                    else if (Strip(text, "Hostname is ") is { } host) o["hostname"] = host;
                    else if (Strip(text, "Current server time is ") is { } now) o["server_time"] = now;
                    else if (Strip(text, "Last reboot on ") is { } boot) o["last_reboot"] = boot;
                    else if (Strip(text, "Last reconfiguration on ") is { } reconf) o["last_reconfiguration"] = reconf;
                    break;
                case 24:
                    gr ??= new JsonObject { ["in_progress"] = true };
                    if (WaitingRegex().Match(text) is { Success: true } w) gr["waiting_protocols"] = int.Parse(w.Groups[1].Value, CultureInfo.InvariantCulture);
                    if (TimerRegex().Match(text) is { Success: true } t)
                    {
                        gr["wait_remaining"] = int.Parse(t.Groups[1].Value, CultureInfo.InvariantCulture);
                        gr["wait_total"] = int.Parse(t.Groups[2].Value, CultureInfo.InvariantCulture);
                    }
                    break;
                case 13: o["status"] = text; break;
            }
        }
        o["graceful_restart"] = gr ?? new JsonObject { ["in_progress"] = false };
        o["bgpd_version"] = bgpdVersion;
        return o;
    }

    public static JsonObject Protocols(IReadOnlyList<ReplyLine> lines)
    {
        var list = new JsonArray();
        JsonObject? current = null;
        foreach (var line in lines)
        {
            if (line.Code == 1002)
            {
                var cols = line.Text.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
                current = new JsonObject
                {
                    ["name"] = At(cols, 0),
                    ["proto"] = At(cols, 1),
                    ["table"] = At(cols, 2),
                    ["state"] = At(cols, 3),
                    ["since"] = At(cols, 4),
                    ["info"] = cols.Length > 5 ? cols[5].Trim() : "",
                };
                list.Add(current);
            }
            else if (line.Code == 1006 && current is not null && line.Text.Length > 0)
            {
                var details = current["details"] as JsonObject ?? new JsonObject();
                current["details"] = details;
                AddDetail(details, line.Text);
            }
        }
        return new JsonObject { ["protocols"] = list };
    }

    static void AddDetail(JsonObject details, string text)
    {
        var trimmed = text.Trim();
        if (trimmed.StartsWith("Route change stats:", StringComparison.Ordinal)) return;
        var colon = trimmed.IndexOf(':');
        if (colon <= 0) { Lines(details).Add(trimmed); return; }
        var key = Key(trimmed[..colon]);
        var value = trimmed[(colon + 1)..].Trim();
        if (key is "import_updates" or "import_withdraws" or "export_updates" or "export_withdraws")
        {
            var numbers = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            string[] names = ["received", "rejected", "filtered", "ignored", "accepted"];
            var stats = details["route_change_stats"] as JsonObject ?? new JsonObject();
            details["route_change_stats"] = stats;
            var row = new JsonObject();
            for (var i = 0; i < numbers.Length && i < names.Length; i++)
                row[names[i]] = long.TryParse(numbers[i], out var n) ? n : null;
            stats[key] = row;
            return;
        }
        if (key == "routes")
        {
            var routes = new JsonObject();
            foreach (Match m in RoutesRegex().Matches(value))
                routes[m.Groups[2].Value] = long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            details["routes"] = routes;
            return;
        }
        details[key] = value;
    }

    static JsonArray Lines(JsonObject details)
    {
        if (details["lines"] is JsonArray a) return a;
        var created = new JsonArray();
        details["lines"] = created;
        return created;
    }

    public static JsonObject Routes(IReadOnlyList<ReplyLine> lines)
    {
        var routes = new JsonArray();
        JsonObject? current = null;
        string network = "";
        foreach (var line in lines)
        {
            var text = line.Text;
            if (line.Code == 1007 && text.StartsWith('\t'))
            {
                if (current is null) continue;
                var hops = current["nexthops"] as JsonArray ?? new JsonArray();
                current["nexthops"] = hops;
                hops.Add(text.Trim());
            }
            else if (line.Code == 1007 && RouteRegex().Match(text) is { Success: true } m)
            {
                if (m.Groups["net"].Value.Length > 0) network = m.Groups["net"].Value;
                current = new JsonObject
                {
                    ["network"] = network,
                    ["destination"] = m.Groups["dest"].Value,
                    ["protocol"] = m.Groups["proto"].Value,
                    ["since"] = m.Groups["since"].Value,
                    ["from"] = m.Groups["from"].Success ? m.Groups["from"].Value : null,
                    ["primary"] = m.Groups["star"].Success,
                    ["info"] = m.Groups["info"].Value.Trim(),
                };
                routes.Add(current);
            }
            else if (line.Code == 1008 && current is not null && Strip(text.Trim(), "Type: ") is { } type)
            {
                current["type"] = type;
            }
            else if (line.Code == 1012 && current is not null)
            {
                var attrs = current["attributes"] as JsonObject ?? new JsonObject();
                current["attributes"] = attrs;
                var t = text.Trim();
                var colon = t.IndexOf(": ", StringComparison.Ordinal);
                if (colon > 0) attrs[t[..colon]] = t[(colon + 2)..];
                else if (t.EndsWith(':')) attrs[t[..^1]] = "";
            }
        }
        var result = new JsonObject { ["routes"] = routes };
        var final = lines.Count > 0 ? lines[^1] : default;
        if (final.Code == 14 && CountRegex().Match(final.Text) is { Success: true } c)
        {
            result["count"] = new JsonObject
            {
                ["shown"] = long.Parse(c.Groups[1].Value, CultureInfo.InvariantCulture),
                ["total"] = long.Parse(c.Groups[2].Value, CultureInfo.InvariantCulture),
                ["networks"] = long.Parse(c.Groups[3].Value, CultureInfo.InvariantCulture),
            };
        }
        return result;
    }

    static string? Strip(string text, string prefix) => text.StartsWith(prefix, StringComparison.Ordinal) ? text[prefix.Length..] : null;
    static string At(string[] cols, int i) => i < cols.Length ? cols[i] : "";
    static string Key(string label) => label.Trim().ToLowerInvariant().Replace(' ', '_');

    [GeneratedRegex(@"^(?<net>\S*)\s+(?<dest>.*?) \[(?<proto>\S+) (?<since>[^\]]*?)(?: from (?<from>[^\]]+))?\](?<star> \*| !)?(?<info>.*)$")]
    private static partial Regex RouteRegex();
    [GeneratedRegex(@"^(\d+) of (\d+) routes for (\d+) networks")]
    private static partial Regex CountRegex();
    [GeneratedRegex(@"(\d+) (imported|filtered|exported|preferred)")]
    private static partial Regex RoutesRegex();
    [GeneratedRegex(@"Waiting for (\d+) protocols")]
    private static partial Regex WaitingRegex();
    [GeneratedRegex(@"Wait timer is (\d+)/(\d+)")]
    private static partial Regex TimerRegex();
}
