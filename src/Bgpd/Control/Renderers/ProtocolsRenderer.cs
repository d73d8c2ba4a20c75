using System.Globalization;
using Bgpd.Control.Views;

namespace Bgpd.Control.Renderers;

/// <summary><c>show protocols [all]</c> in BIRD 1.6's layout (header 2002, rows 1002, details 1006).</summary>
public static class ProtocolsRenderer
{
    public const string Header = "name     proto    table    state  since       info";

    public static void Render(IReadOnlyList<ProtocolView> protocols, bool all, TimeFormats formats, DateTimeOffset now, IReplySink reply)
    {
        reply.Line(2002, Header);
        foreach (var p in protocols)
        {
            reply.Line(1002, Row(p, formats, now));
            if (!all) continue;
            foreach (var line in Details(p)) reply.Line(1006, line);
            reply.Line(1006, "");
        }
        reply.Final(0, "");
    }

    public static string Row(ProtocolView p, TimeFormats formats, DateTimeOffset now) =>
        string.Format(CultureInfo.InvariantCulture, "{0,-8} {1,-8} {2,-8} {3,-5}  {4,-10}  {5}",
            p.Name, p.ClassName, p.TableName, p.State, formats.Protocol.Render(p.Since, now), p.Info);

    public static IEnumerable<string> Details(ProtocolView p)
    {
        if (p.DetailLines is { } own)
        {
            foreach (var line in own) yield return line;
            yield break;
        }
        if (p.Description is not null) yield return "  Description:    " + p.Description;
        if (p.Message is not null) yield return "  Message:        " + p.Message;
        yield return "  Preference:     " + p.Preference.ToString(CultureInfo.InvariantCulture);
        yield return "  Input filter:   " + p.InputFilter;
        yield return "  Output filter:  " + p.OutputFilter;
        if (p.GrRecovery is not null) yield return "  GR recovery:    " + p.GrRecovery;
        if (!p.IsDown && p.Routes is { } r)
        {
            var text = $"  Routes:         {r.Imported} imported, ";
            if (r.ShowFiltered) text += $"{r.Filtered} filtered, ";
            text += $"{r.Exported} exported";
            if (r.ShowPreferred) text += $", {r.Preferred} preferred";
            yield return text;
            var s = p.Stats;
            yield return "  Route change stats:     received   rejected   filtered    ignored   accepted";
            yield return $"    Import updates:     {N(s.ImportUpdatesReceived)} {N(s.ImportUpdatesRejected)} {N(s.ImportUpdatesFiltered)} {N(s.ImportUpdatesIgnored)} {N(s.ImportUpdatesAccepted)}";
            yield return $"    Import withdraws:   {N(s.ImportWithdrawsReceived)} {N(s.ImportWithdrawsRejected)}        --- {N(s.ImportWithdrawsIgnored)} {N(s.ImportWithdrawsAccepted)}";
            yield return $"    Export updates:     {N(s.ExportUpdatesReceived)} {N(s.ExportUpdatesRejected)} {N(s.ExportUpdatesFiltered)}        --- {N(s.ExportUpdatesAccepted)}";
            yield return $"    Export withdraws:   {N(s.ExportWithdrawsReceived)}        ---        ---        --- {N(s.ExportWithdrawsAccepted)}";
        }
        foreach (var line in p.ExtraLines) yield return line;
    }

    static string N(long value) => value.ToString(CultureInfo.InvariantCulture).PadLeft(10);
}
