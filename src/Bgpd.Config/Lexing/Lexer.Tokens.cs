using System.Globalization;
using System.Text.RegularExpressions;
using Bgpd.Config.Model;
using Bgpd.Net;

namespace Bgpd.Config.Lexing;

public sealed partial class Lexer
{
    private const string SingleChars = "={}:;,.()+*/%<>~[]?!-|&";
    private static readonly string[] DoubleOps = ["..", "!=", "!~", "<=", ">=", "&&", "||", "[=", "=]"];

    [GeneratedRegex(@"\G\d+\.\d+\.\d+\.\d+")]
    private static partial Regex Ipv4Regex();

    [GeneratedRegex(@"\G[0-9A-Fa-f]*::(?:\d+\.\d+\.\d+\.\d+|[0-9A-Fa-f]*)")]
    private static partial Regex Ipv6CompressedRegex();

    [GeneratedRegex(@"\G(?:[0-9A-Fa-f]*:){3,}(?:\d+\.\d+\.\d+\.\d+|[0-9A-Fa-f]*)")]
    private static partial Regex Ipv6FullRegex();

    [GeneratedRegex(@"\G(?:[02]:\d+:\d+|\d+\.\d+\.\d+\.\d+:\d+|\d+:\d+)")]
    private static partial Regex RdRegex();

    [GeneratedRegex(@"\G0x[0-9A-Fa-f]+")]
    private static partial Regex HexRegex();

    [GeneratedRegex(@"\G\d+")]
    private static partial Regex DecRegex();

    [GeneratedRegex(@"\G[A-Za-z_][A-Za-z0-9_]*")]
    private static partial Regex SymbolRegex();

    [GeneratedRegex(@"\G'[A-Za-z0-9_.:\-]+'")]
    private static partial Regex QuotedSymbolRegex();

    private enum Rule { None, Ipv4, Ipv6, Rd, Hex, Dec, Symbol, Quoted }

    private Token ReadToken(SourceFile file)
    {
        var text = file.Text;
        var index = file.Index;
        var (rule, length) = LongestMatch(text, index);
        var c = text[index];

        if (c == '"')
        {
            var end = index + 1;
            while (end < text.Length && text[end] != '"' && text[end] != '\n') end++;
            if (end >= text.Length || text[end] == '\n')
            {
                file.Lexeme(end - index + (end < text.Length ? 1 : 0));
                throw new ConfigException(file.ErrorPos, "Unterminated string");
            }
            var value = text[(index + 1)..end];
            return new Token(TokenKind.String, value, file.Lexeme(end - index + 1));
        }

        var op = DoubleOps.FirstOrDefault(o => string.CompareOrdinal(text, index, o, 0, 2) == 0);
        if (op is not null && op.Length >= length)
            return new Token(TokenKind.Punct, op, file.Lexeme(2));

        if (rule == Rule.None)
        {
            if (SingleChars.Contains(c) && (options.Dialect == Dialect.Bird2 || c is not ('|' or '&')))
                return new Token(TokenKind.Punct, c.ToString(), file.Lexeme(1));
            file.Lexeme(1);
            throw new ConfigException(file.ErrorPos, "Unknown character");
        }

        var lexeme = text.Substring(index, length);
        var pos = file.Lexeme(length);
        switch (rule)
        {
            case Rule.Ipv4: return Ipv4Token(lexeme, pos);
            case Rule.Ipv6: return Ipv6Token(lexeme, pos);
            case Rule.Rd: return RdToken(lexeme, pos);
            case Rule.Hex: return NumberToken(lexeme, lexeme[2..], NumberStyles.AllowHexSpecifier, pos);
            case Rule.Dec: return NumberToken(lexeme, lexeme, NumberStyles.None, pos);
            case Rule.Quoted:
                var name = lexeme[1..^1];
                if (name.Length > LexerOptions.MaxSymbolLength) throw new ConfigException(pos, "Symbol too long");
                return new Token(TokenKind.Symbol, name, pos) { Quoted = true };
            default:
                if (lexeme.Length > LexerOptions.MaxSymbolLength) throw new ConfigException(pos, "Symbol too long");
                return new Token(TokenKind.Symbol, lexeme, pos);
        }
    }

    private (Rule Rule, int Length) LongestMatch(string text, int index)
    {
        var best = (Rule.None, 0);
        void Try(Rule rule, Regex regex)
        {
            // EnumerateMatches yields a ValueMatch: no Match object per attempt.
            var matches = regex.EnumerateMatches(text, index);
            if (matches.MoveNext() && matches.Current.Length > best.Item2) best = (rule, matches.Current.Length);
        }
        // Only the rules whose first character can be this one run (each regex costs a match per token,
        // and a 100k-route static protocol is ~700k tokens).
        var c = text[index];
        var digit = char.IsAsciiDigit(c);
        var hexLetter = char.IsAsciiHexDigit(c) && !digit;
        if (digit)
        {
            if (options.Dialect == Dialect.Bird2) Try(Rule.Rd, RdRegex());
            Try(Rule.Ipv4, Ipv4Regex());
        }
        if (digit || hexLetter || c == ':')
        {
            Try(Rule.Ipv6, Ipv6CompressedRegex());
            Try(Rule.Ipv6, Ipv6FullRegex());
        }
        if (c == '0') Try(Rule.Hex, HexRegex());
        if (digit) Try(Rule.Dec, DecRegex());
        if (c == '\'') Try(Rule.Quoted, QuotedSymbolRegex());
        if (char.IsAsciiLetter(c) || c == '_') Try(Rule.Symbol, SymbolRegex());
        return best;
    }

    private static Token NumberToken(string lexeme, string digits, NumberStyles style, SourcePos pos)
    {
        if (!ulong.TryParse(digits, style, CultureInfo.InvariantCulture, out var value) || value > uint.MaxValue)
            throw new ConfigException(pos, "Number out of range");
        return new Token(TokenKind.Number, lexeme, pos) { Number = (long)value };
    }

    /// <summary>Four decimal parts of any length, each at most 255 (BIRD accepts leading zeros: 10.0.0.0025).</summary>
    private static Token Ipv4Token(string lexeme, SourcePos pos)
    {
        uint value = 0;
        foreach (var range in lexeme.AsSpan().Split('.'))
        {
            var part = lexeme.AsSpan(range).TrimStart('0');
            var octet = 0;
            foreach (var digit in part)
                octet = char.IsAsciiDigit(digit) && octet <= 255 ? octet * 10 + (digit - '0') : int.MaxValue;
            if (part.Length > 3 || octet > 255)
                throw new ConfigException(pos, $"Invalid IPv4 address {lexeme}");
            value = (value << 8) | (uint)octet;
        }
        return new Token(TokenKind.Ip, lexeme, pos) { Ip = IpAddress.V4(value) };
    }

    private Token Ipv6Token(string lexeme, SourcePos pos)
    {
        if (options.Dialect == Dialect.Bird16)
            throw new ConfigException(pos, "This is an IPv4 router, therefore IPv6 addresses are not supported");
        if (!IpAddress.TryParse(lexeme, out var ip) || !ip.IsV6)
            throw new ConfigException(pos, $"Invalid IPv6 address {lexeme}");
        return new Token(TokenKind.Ip, lexeme, pos) { Ip = ip };
    }

    /// <summary>Packs a route distinguisher as BIRD does: type in the top 16 bits, then admin and assigned fields.</summary>
    private static Token RdToken(string lexeme, SourcePos pos)
    {
        var parts = lexeme.Split(':');
        ulong value;
        if (parts.Length == 3)
        {
            var type = parts[0] == "2" ? 2UL : 0UL;
            var (adminBits, numberBits) = type == 2 ? (32, 16) : (16, 32);
            var admin = ParseRdPart(parts[1], adminBits, pos, "ASN out of range");
            var number = ParseRdPart(parts[2], numberBits, pos, "Number out of range");
            value = (type << 48) | (admin << numberBits) | number;
        }
        else if (parts[0].Contains('.'))
        {
            if (!IpAddress.TryParse(parts[0], out var ip) || ip.IsV6)
                throw new ConfigException(pos, $"Invalid IPv4 address {parts[0]} in Route Distinguisher");
            var number = ParseRdPart(parts[1], 16, pos, "Number out of range");
            value = (1UL << 48) | ((ulong)ip.V4Value << 16) | number;
        }
        else
        {
            var admin = ParseRdPart(parts[0], 32, pos, "ASN out of range");
            if (admin >> 16 != 0)
                value = (2UL << 48) | (admin << 16) | ParseRdPart(parts[1], 16, pos, "Number out of range");
            else
                value = (admin << 32) | ParseRdPart(parts[1], 32, pos, "Number out of range");
        }
        return new Token(TokenKind.Rd, lexeme, pos) { Rd = value };
    }

    private static ulong ParseRdPart(string digits, int bits, SourcePos pos, string error)
    {
        if (!ulong.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value >> bits != 0)
            throw new ConfigException(pos, error);
        return value;
    }
}
