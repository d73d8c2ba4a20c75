using System.Globalization;
using System.Text;

namespace Bgpd.Control;

/// <summary>
/// BIRD's <c>timeformat</c>: a strftime format, and optionally a second format used for times older
/// than <see cref="Limit"/>. 1.6 defaults: route/protocol <c>"%T" 72000 "%F"</c>, base/log <c>"%F %T"</c>.
/// </summary>
public sealed record TimeFormat(string Format, TimeSpan? Limit = null, string? OldFormat = null)
{
    public static readonly TimeFormat Short = new("%T", TimeSpan.FromHours(20), "%F");
    public static readonly TimeFormat Long = new("%F %T");

    public string Render(DateTimeOffset time, DateTimeOffset now)
    {
        var format = Limit is { } limit && OldFormat is not null && now - time >= limit ? OldFormat : Format;
        return Strftime(format, time);
    }

    /// <summary>The strftime conversions BIRD configs use; unknown ones are copied literally.</summary>
    public static string Strftime(string format, DateTimeOffset t)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < format.Length; i++)
        {
            var c = format[i];
            if (c != '%' || i + 1 == format.Length) { sb.Append(c); continue; }
            var spec = format[++i];
            sb.Append(spec switch
            {
                'T' => t.ToString("HH:mm:ss", CultureInfo.InvariantCulture),
                'F' => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                'R' => t.ToString("HH:mm", CultureInfo.InvariantCulture),
                'D' => t.ToString("MM/dd/yy", CultureInfo.InvariantCulture),
                'H' => t.ToString("HH", CultureInfo.InvariantCulture),
                'M' => t.ToString("mm", CultureInfo.InvariantCulture),
                'S' => t.ToString("ss", CultureInfo.InvariantCulture),
                'Y' => t.ToString("yyyy", CultureInfo.InvariantCulture),
                'y' => t.ToString("yy", CultureInfo.InvariantCulture),
                'm' => t.ToString("MM", CultureInfo.InvariantCulture),
                'd' => t.ToString("dd", CultureInfo.InvariantCulture),
                'e' => t.Day.ToString(CultureInfo.InvariantCulture).PadLeft(2),
                'b' or 'h' => t.ToString("MMM", CultureInfo.InvariantCulture),
                'B' => t.ToString("MMMM", CultureInfo.InvariantCulture),
                'a' => t.ToString("ddd", CultureInfo.InvariantCulture),
                'A' => t.ToString("dddd", CultureInfo.InvariantCulture),
                'j' => t.DayOfYear.ToString("D3", CultureInfo.InvariantCulture),
                's' => t.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
                'z' => t.ToString("zzz", CultureInfo.InvariantCulture).Replace(":", ""),
                '%' => "%",
                _ => "%" + spec,
            });
        }
        return sb.ToString();
    }
}

/// <summary>The four time formats BIRD keeps (<c>timeformat route|protocol|base|log</c>).</summary>
public sealed record TimeFormats(TimeFormat Route, TimeFormat Protocol, TimeFormat Base, TimeFormat Log)
{
    public static readonly TimeFormats Default = new(TimeFormat.Short, TimeFormat.Short, TimeFormat.Long, TimeFormat.Long);
}
