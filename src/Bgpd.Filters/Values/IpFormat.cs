using System.Globalization;
using System.Text;
using Bgpd.Net;

namespace Bgpd.Filters.Values;

/// <summary>
/// Addresses as BIRD prints them: IPv4 dotted quad; IPv6 lowercase hex with the longest run of two
/// or more zero groups compressed to <c>::</c> (first run on ties), and <c>::a.b.c.d</c> /
/// <c>::ffff:a.b.c.d</c> for IPv4-compatible and IPv4-mapped addresses.
/// </summary>
public static class IpFormat
{
    public static string Format(IpAddress a) => a.IsV6 ? FormatV6(a.Bits) : FormatV4(a.V4Value);

    public static string FormatV4(uint v) =>
        string.Create(CultureInfo.InvariantCulture, $"{v >> 24}.{(v >> 16) & 255}.{(v >> 8) & 255}.{v & 255}");

    public static string FormatV6(UInt128 bits)
    {
        Span<ushort> w = stackalloc ushort[8];
        for (var i = 0; i < 8; i++) w[i] = (ushort)(bits >> (112 - 16 * i));
        int bestPos = -1, bestLen = 0;
        for (var i = 0; i < 8;)
        {
            if (w[i] != 0) { i++; continue; }
            var j = i;
            while (j < 8 && w[j] == 0) j++;
            if (j - i > bestLen) { bestLen = j - i; bestPos = i; }
            i = j;
        }
        if (bestLen < 2) bestPos = -1;
        if (bestPos == 0 && (bestLen == 6 || (bestLen == 5 && w[5] == 0xFFFF)))
        {
            var v4 = (uint)bits;
            return (bestLen == 5 ? "::ffff:" : "::") + FormatV4(v4);
        }
        var sb = new StringBuilder(40);
        for (var i = 0; i < 8; i++)
        {
            if (i == bestPos)
            {
                sb.Append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.Length > 0 && sb[^1] != ':') sb.Append(':');
            sb.Append(w[i].ToString("x", CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    public static string Format(Prefix p) => Format(p.Address) + "/" + p.Length.ToString(CultureInfo.InvariantCulture);
}
