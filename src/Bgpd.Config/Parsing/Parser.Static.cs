using Bgpd.Config.Filters;
using Bgpd.Config.Lexing;
using Bgpd.Config.Model;
using Bgpd.Net;

namespace Bgpd.Config.Parsing;

internal sealed partial class Parser
{
    /// <param name="routes">The body's routes so far, collected once and stored when the body closes:
    /// appending to the immutable list per route made a 100k-route config take minutes to parse.</param>
    private StaticConfig ParseStaticItem(StaticConfig c, List<StaticRoute> routes)
    {
        var t = Next();
        if (t.Kind != TokenKind.Symbol || t.Quoted) throw SyntaxError(t);
        switch (t.Text)
        {
            case "route":
                routes.Add(ParseStaticRoute(t));
                return c;
            case "check":
                ExpectWord("link");
                return c with { CheckLink = ParseBool() };
            case "igp":
                ExpectWord("table");
                return c with { IgpTable = ParseTableName() };
        }
        throw SyntaxError(t);
    }

    /// <summary>confbase's <c>prefix</c>: <c>IP/len</c>, "Invalid prefix" at the length when host bits are set.</summary>
    private Prefix ParseConfigPrefix()
    {
        var ip = ParseIp();
        if (!Bird2 && AcceptPunct(":"))
        {
            // 1.6 also takes the old `address:netmask` form.
            var maskToken = Peek();
            var mask = ParseIp();
            var bits = mask.IsV6 ? mask.Bits : (UInt128)mask.V4Value;
            var width = mask.MaxPrefixLength;
            var ones = 0;
            while (ones < width && ((bits >> (width - 1 - ones)) & 1) == 1) ones++;
            if (mask.Masked(ones) != mask) throw Error(maskToken, $"Invalid netmask {mask}");
            if (Prefix.HasHostBits(ip, ones)) throw Error(maskToken, "Invalid prefix");
            return new Prefix(ip, ones);
        }
        ExpectPunct("/");
        var length = ParseIntExpr();
        if (length > ip.MaxPrefixLength) throw Error(tokens.Last, $"Invalid prefix length {length}");
        if (Prefix.HasHostBits(ip, (int)length)) throw Error(tokens.Last, "Invalid prefix");
        return new Prefix(ip, (int)length);
    }

    private StaticRoute ParseStaticRoute(Token start)
    {
        ulong? rd = Bird2 && Peek().Kind == TokenKind.Rd ? Next().Rd : null;
        var net = ParseConfigPrefix();
        StaticRoute route;
        var t = Next();
        if (t.Kind != TokenKind.Symbol || t.Quoted) throw SyntaxError(t);
        switch (t.Text)
        {
            case "via" when Peek().Kind == TokenKind.String:
                route = new StaticRoute(net, StaticRouteKind.Interface, ValueList<StaticNextHop>.Empty, Next().Text, null, null);
                break;
            case "via":
                var hops = new List<StaticNextHop> { ParseNextHop(allowWeight: Bird2) };
                while (Bird2 && AcceptWord("via")) hops.Add(ParseNextHop(allowWeight: true));
                route = new StaticRoute(net, StaticRouteKind.Via, hops.ToValueList(), null, null, null);
                break;
            case "multipath" when !Bird2:
                var paths = new List<StaticNextHop>();
                while (AcceptWord("via")) paths.Add(ParseNextHop(allowWeight: true));
                if (paths.Count == 0) throw SyntaxError();
                route = new StaticRoute(net, StaticRouteKind.Via, paths.ToValueList(), null, null, null);
                break;
            case "recursive":
                route = new StaticRoute(net, StaticRouteKind.Recursive, ValueList<StaticNextHop>.Empty, null, ParseIp(), null);
                break;
            case "drop" or "blackhole":
                route = new StaticRoute(net, StaticRouteKind.Blackhole, ValueList<StaticNextHop>.Empty, null, null, null);
                break;
            case "reject" or "unreachable":
                route = new StaticRoute(net, StaticRouteKind.Unreachable, ValueList<StaticNextHop>.Empty, null, null, null);
                break;
            case "max" when Bird2:
                var maxLength = (int)ParseIntExpr();
                ExpectWord("as");
                var asn = (uint)ParseIntExpr();
                route = new StaticRoute(net, StaticRouteKind.Roa, ValueList<StaticNextHop>.Empty, null, null, null) { RoaMaxLength = maxLength, RoaAsn = asn };
                break;
            case "prohibit":
                route = new StaticRoute(net, StaticRouteKind.Prohibit, ValueList<StaticNextHop>.Empty, null, null, null);
                break;
            default:
                throw SyntaxError(t);
        }
        if (IsPunct("{"))
        {
            var open = Next();
            var statements = ParseStatementsUntilClose();
            route = route with { Attributes = new BlockStmt(open.Pos, statements) };
        }
        return route with { Pos = start.Pos, Rd = rd };
    }

    private StaticNextHop ParseNextHop(bool allowWeight)
    {
        var gateway = ParseIp();
        string? iface = null;
        if (AcceptPunct("%"))
        {
            var scope = Next();
            if (scope.Kind is not (TokenKind.Symbol or TokenKind.String)) throw SyntaxError(scope);
            iface = scope.Text;
        }
        var hop = new StaticNextHop(gateway, iface);
        while (true)
        {
            if (allowWeight && AcceptWord("weight"))
            {
                var weight = ParseIntExpr();
                if (weight < 1 || weight > 256) throw Error(tokens.Last, "Weight must be in range 1-256");
                hop = hop with { Weight = (int)weight };
            }
            else if (AcceptWord("bfd")) hop = hop with { Bfd = ParseBool() };
            else if (Bird2 && AcceptWord("onlink")) hop = hop with { Onlink = ParseBool() };
            else if (Bird2 && AcceptWord("mpls"))
            {
                do ParseIntExpr(); while (AcceptPunct("/"));
            }
            else return hop;
        }
    }
}
