using System.Globalization;
using System.Text;

namespace Bgpd.Filters.Values;

/// <summary>Formats values exactly as BIRD's <c>print</c>, <c>eval</c> and <c>format()</c> do.</summary>
public static class ValuePrinter
{
    public static string Format(in Value v)
    {
        var sb = new StringBuilder();
        Append(sb, v);
        return sb.ToString();
    }

    public static void Append(StringBuilder sb, in Value v)
    {
        var inv = CultureInfo.InvariantCulture;
        switch (v.Type)
        {
            case FilterType.Void: sb.Append("(void)"); break;
            case FilterType.Bool: sb.Append(v.AsBool ? "TRUE" : "FALSE"); break;
            case FilterType.Int: sb.Append(v.AsInt.ToString(inv)); break;
            case FilterType.Pair: AppendPair(sb, (uint)v.Word); break;
            case FilterType.Quad: sb.Append(IpFormat.FormatV4((uint)v.Word)); break;
            case FilterType.String: sb.Append(v.AsString); break;
            case FilterType.Ip: sb.Append(IpFormat.Format(v.AsIp)); break;
            case FilterType.Prefix:
                sb.Append(IpFormat.Format(v.AsPrefix));
                if (v.Roa is { } roa) sb.Append('-').Append(roa.MaxLength.ToString(inv)).Append(" AS").Append(roa.Asn.ToString(inv));
                break;
            case FilterType.Ec: sb.Append(FormatEc(v.Word)); break;
            case FilterType.Lc: AppendLc(sb, v.AsLc); break;
            case FilterType.Rd: sb.Append(FormatRd(v.Word)); break;
            case FilterType.Path: sb.Append("(path ").Append(v.AsPath.FormatBare()).Append(')'); break;
            case FilterType.PathMask: sb.Append(v.AsMask.Format()); break;
            case FilterType.Clist:
                sb.Append("(clist ");
                AppendJoined(sb, v.AsClist, (b, c) => AppendPair(b, c));
                sb.Append(')');
                break;
            case FilterType.EcList:
                sb.Append("(eclist ");
                AppendJoined(sb, v.AsEcList, (b, e) => b.Append(FormatEc(e)));
                sb.Append(')');
                break;
            case FilterType.LcList:
                sb.Append("(lclist ");
                AppendJoined(sb, v.AsLcList, AppendLc);
                sb.Append(')');
                break;
            case FilterType.Set:
                sb.Append('[');
                var first = true;
                foreach (var (from, to) in v.AsSet.Ranges())
                {
                    if (!first) sb.Append(", ");
                    first = false;
                    Append(sb, from);
                    if (!ValueOps.Same(from, to))
                    {
                        sb.Append("..");
                        Append(sb, to);
                    }
                }
                sb.Append(']');
                break;
            case FilterType.PrefixSet: sb.Append(v.AsPrefixSet.Format()); break;
            default:
                if (v.Type.IsEnum()) sb.Append("(enum ").Append(((int)v.Type).ToString("x", inv)).Append(')').Append(((int)v.Word).ToString(inv));
                else sb.Append("[unknown type]");
                break;
        }
    }

    private static void AppendJoined<T>(StringBuilder sb, T[] items, Action<StringBuilder, T> append)
    {
        for (var i = 0; i < items.Length; i++)
        {
            if (i > 0) sb.Append(' ');
            append(sb, items[i]);
        }
    }

    public static void AppendPair(StringBuilder sb, uint packed) =>
        sb.Append('(').Append((packed >> 16).ToString(CultureInfo.InvariantCulture)).Append(',')
          .Append((packed & 0xFFFF).ToString(CultureInfo.InvariantCulture)).Append(')');

    public static void AppendLc(StringBuilder sb, Lc lc) =>
        sb.Append(CultureInfo.InvariantCulture, $"({lc.Asn}, {lc.Data1}, {lc.Data2})");

    /// <summary>BIRD's ec_format: kind by the type's low byte, key/value split by the high byte.</summary>
    public static string FormatEc(ulong ec)
    {
        var inv = CultureInfo.InvariantCulture;
        var type = (uint)(ec >> 48);
        if (type == 0xFFFF)
            return string.Create(inv, $"(generic, 0x{(uint)(ec >> 32):x}, 0x{(uint)ec:x})");
        var sub = type & 0xFF;
        var kind = sub switch { 2 => "rt", 3 => "ro", _ => "unknown 0x" + sub.ToString("x", inv) };
        return (type >> 8) switch
        {
            0 => string.Create(inv, $"({kind}, {(ec >> 32) & 0xFFFF}, {(uint)ec})"),
            1 => string.Create(inv, $"({kind}, {IpFormat.FormatV4((uint)(ec >> 16))}, {ec & 0xFFFF})"),
            2 => string.Create(inv, $"({kind}, {(uint)(ec >> 16)}, {ec & 0xFFFF})"),
            _ => string.Create(inv, $"(generic, 0x{(uint)(ec >> 32):x}, 0x{(uint)ec:x})"),
        };
    }

    /// <summary>Route distinguisher: <c>asn:n</c>, <c>ip:n</c>, or <c>2:asn:n</c> when a type-2 ASN fits 16 bits.</summary>
    public static string FormatRd(ulong rd)
    {
        var inv = CultureInfo.InvariantCulture;
        return (rd >> 48) switch
        {
            0 => string.Create(inv, $"{(rd >> 32) & 0xFFFF}:{(uint)rd}"),
            1 => string.Create(inv, $"{IpFormat.FormatV4((uint)(rd >> 16))}:{rd & 0xFFFF}"),
            2 => ((rd >> 16) & 0xFFFFFFFF) < 65536
                ? string.Create(inv, $"2:{(rd >> 16) & 0xFFFFFFFF}:{rd & 0xFFFF}")
                : string.Create(inv, $"{(rd >> 16) & 0xFFFFFFFF}:{rd & 0xFFFF}"),
            _ => string.Create(inv, $"{rd >> 48}:{(rd >> 16) & 0xFFFFFFFF}:{rd & 0xFFFF}"),
        };
    }
}
