using System.Globalization;
using Bgpd.Config.Filters;
using Bgpd.Config.Model;

namespace Bgpd.Config.Parsing;

/// <summary>
/// BIRD defines integer constants from iproute2's name tables before reading the config:
/// <c>ipp_*</c> (rt_protos), <c>ipr_*</c> (rt_realms), <c>ips_*</c> (rt_scopes), <c>ipt_*</c> (rt_tables).
/// They show up in <c>show symbols</c> and can be used in filters (<c>krt_source = ipp_bird</c>).
/// </summary>
internal static class IprouteConstants
{
    private static readonly (string File, string Prefix)[] Tables =
    [
        ("rt_protos", "ipp_"), ("rt_realms", "ipr_"), ("rt_scopes", "ips_"), ("rt_tables", "ipt_"),
    ];

    public static void Define(ConfigSymbols symbols, string directory)
    {
        foreach (var (file, prefix) in Tables)
        {
            var path = Path.Combine(directory, file);
            string[] lines;
            try
            {
                lines = File.ReadAllLines(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }
            var pos = new SourcePos(path, 0, 0);
            foreach (var line in lines)
            {
                var text = line.Split('#')[0].Trim();
                var parts = text.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length < 2) continue;
                if (!long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value > 255) continue;
                if (!parts[1].All(c => char.IsAsciiLetterOrDigit(c) || c == '_')) continue;
                var name = prefix + parts[1];
                symbols.TryAdd(new ConfigSymbol(name, SymbolKind.Constant, pos, new ConstantDef(pos, name, new IntLiteral(pos, value))));
            }
        }
    }
}
