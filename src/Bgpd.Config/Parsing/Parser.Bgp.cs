using Bgpd.Config.Lexing;
using Bgpd.Config.Model;
using Bgpd.Net;

namespace Bgpd.Config.Parsing;

internal sealed partial class Parser
{
    private BgpConfig ParseBgpItem(BgpConfig c)
    {
        if (!Bird2 && TryBgpChannelItem(c) is { } protocolLevel) return protocolLevel;
        var t = Next();
        if (t.Kind != TokenKind.Symbol || t.Quoted) throw SyntaxError(t);
        switch (t.Text)
        {
            case "local": return ParseBgpLocal(c);
            case "neighbor": return ParseBgpNeighbor(c);
            case "interface":
                return c with { Interface = ExpectString() };
            case "direct":
                currentExplicit.Add("multihop");
                return c with { Multihop = 0 };
            case "multihop":
                currentExplicit.Add("multihop");
                if (IsPunct(";")) return c with { Multihop = 64 };
                return c with { Multihop = (int)ParseIntInRange(1, 255, "Multihop must be in range 1-255") };
            case "source":
                ExpectWord("address");
                return c with { SourceAddress = ParseIp() };
            case "passive": return c with { Passive = ParseBool() };
            case "password": return c with { Password = ExpectString() };
            case "setkey": return c with { SetKey = ParseBool() };
            case "hold":
                ExpectWord("time");
                return c with { HoldTime = (int)ParseHoldTime() };
            case "startup":
                ExpectWord("hold");
                ExpectWord("time");
                return c with { StartupHoldTime = (int)ParseHoldTime() };
            case "keepalive":
                ExpectWord("time");
                currentExplicit.Add("keepalive");
                return c with { KeepaliveTime = (int)(Bird2 ? ParseIntInRange(0, 65535, "Keepalive time must be in range 1-65535") : ParseIntExpr()) };
            case "connect" when IsWord("delay"):
                Next();
                ExpectWord("time");
                return c with { ConnectDelayTime = (int)ParseIntExpr() };
            case "connect":
                ExpectWord("retry");
                ExpectWord("time");
                return c with { ConnectRetryTime = (int)ParseIntExpr() };
            case "start" when !Bird2:
                ExpectWord("delay");
                ExpectWord("time");
                warnings.Add($"{c.Name}: Start delay time option is deprecated, use connect delay time");
                return c with { ConnectDelayTime = (int)ParseIntExpr() };
            case "error" when IsWord("wait"):
                Next();
                ExpectWord("time");
                var min = (int)ParseIntExpr();
                ExpectPunct(",");
                var max = (int)ParseIntExpr();
                return c with { ErrorWaitTimeMin = min, ErrorWaitTimeMax = max };
            case "error":
                ExpectWord("forget");
                ExpectWord("time");
                return c with { ErrorForgetTime = (int)ParseIntExpr() };
            case "disable":
                ExpectWord("after");
                ExpectWord("error");
                return c with { DisableAfterError = ParseBool() };
            case "rr" when AcceptWord("client"): return c with { RrClient = true };
            case "rr":
                ExpectWord("cluster");
                ExpectWord("id");
                return c with { RrClusterId = ParseQuad() };
            case "rs":
                ExpectWord("client");
                return c with { RsClient = true };
            case "path":
                ExpectWord("metric");
                return c with { PathMetric = ParseBool() };
            case "med":
                ExpectWord("metric");
                return c with { MedMetric = ParseBool() };
            case "igp" when AcceptWord("metric"): return c with { IgpMetric = ParseBool() };
            case "prefer":
                ExpectWord("older");
                return c with { PreferOlder = ParseBool() };
            case "deterministic":
                ExpectWord("med");
                return c with { DeterministicMed = ParseBool() };
            case "default" when AcceptWord("bgp_med"): return c with { DefaultMed = (uint)ParseIntExpr() };
            case "default":
                ExpectWord("bgp_local_pref");
                return c with { DefaultLocalPref = (uint)ParseIntExpr() };
            case "capabilities": return c with { Capabilities = ParseBool() };
            case "enable" when AcceptWord("route"):
                ExpectWord("refresh");
                return c with { EnableRouteRefresh = ParseBool() };
            case "enable" when AcceptWord("as4"): return c with { EnableAs4 = ParseBool() };
            case "enable":
                ExpectWord("extended");
                ExpectWord("messages");
                return c with { EnableExtendedMessages = ParseBool() };
            case "advertise" when !Bird2:
                ExpectWord("ipv4");
                return c with { AdvertiseIpv4 = ParseBool() };
            case "interpret":
                ExpectWord("communities");
                return c with { InterpretCommunities = ParseBool() };
            case "allow" when AcceptWord("local"):
                ExpectWord("as");
                return c with { AllowLocalAs = IsPunct(";") ? int.MaxValue : (int)ParseIntExpr() };
            case "allow":
                ExpectWord("bgp_local_pref");
                return c with { AllowBgpLocalPref = ParseBool() };
            case "graceful": return ParseBgpGracefulRestart(c);
            case "long":
                ExpectWord("lived");
                if (AcceptWord("stale"))
                {
                    ExpectWord("time");
                    return c with { LongLivedStaleTime = (int)ParseIntExpr() };
                }
                ExpectWord("graceful");
                ExpectWord("restart");
                return c with { LongLivedGracefulRestart = ParseGracefulMode() };
            case "ttl":
                ExpectWord("security");
                return c with { TtlSecurity = ParseBool() };
            case "check":
                ExpectWord("link");
                return c with { CheckLink = ParseBool() };
            case "bfd":
                if (AcceptWord("graceful")) return c with { Bfd = BfdMode.Graceful };
                return c with { Bfd = ParseBool() ? BfdMode.On : BfdMode.Off };
            case "route" when !Bird2:
                ExpectWord("limit");
                // BIRD 1.6: `route limit N` is the protocol's import limit with action restart.
                var routeLimit = ParseIntExpr();
                warnings.Add($"{c.Name}: Route limit option is deprecated, use import limit");
                return c.MainChannel is { } main
                    ? c with { RouteLimit = routeLimit, Channels = ValueList.Of(main with { ImportLimit = new RouteLimit(routeLimit, LimitAction.Restart) }) }
                    : c with { RouteLimit = routeLimit };
            case "confederation" when Bird2:
                if (AcceptWord("member")) return c with { ConfederationMember = ParseBool() };
                return c with { Confederation = (uint)ParseIntExpr() };
            case "add" or "next" or "igp" or "missing":
                throw SyntaxError();
        }
        throw SyntaxError(t);
    }

    private long ParseHoldTime()
    {
        if (!Bird2) return ParseIntExpr();
        var value = ParseIntExpr();
        if (value != 0 && (value < 3 || value > 65535)) throw ErrorHere("Hold time must be in range 3-65535 or zero");
        return value;
    }

    private GracefulRestartMode ParseGracefulMode()
    {
        if (AcceptWord("aware")) return GracefulRestartMode.Aware;
        return ParseBool() ? GracefulRestartMode.On : GracefulRestartMode.Off;
    }

    private BgpConfig ParseBgpGracefulRestart(BgpConfig c)
    {
        ExpectWord("restart");
        if (AcceptWord("time")) return c with { GracefulRestartTime = (int)ParseIntExpr() };
        return c with { GracefulRestart = ParseGracefulMode() };
    }

    /// <summary>Options that 2.x moved into BGP channels (1.6 has them at protocol level).</summary>
    private BgpConfig? TryBgpChannelItem(BgpConfig c)
    {
        var t = Peek();
        if (t.Kind != TokenKind.Symbol || t.Quoted) return null;
        switch (t.Text)
        {
            case "next" when IsWord("hop", 1):
                Next(); Next();
                if (AcceptWord("self")) { SkipIbgpEbgp(); return c with { NextHopSelf = true }; }
                if (AcceptWord("keep")) { SkipIbgpEbgp(); return c with { NextHopKeep = true }; }
                if (Bird2 && AcceptWord("address")) { ParseIp(); return c; }
                if (Bird2 && AcceptWord("prefer")) { ExpectWord("global"); return c; }
                throw SyntaxError();
            case "gateway":
                Next();
                currentExplicit.Add("gateway");
                if (AcceptWord("direct")) return c with { Gateway = GatewayMode.Direct };
                ExpectWord("recursive");
                return c with { Gateway = GatewayMode.Recursive };
            case "missing" when !Bird2:
                Next();
                ExpectWord("lladdr");
                if (AcceptWord("self")) return c with { MissingLladdrSelf = true };
                if (AcceptWord("drop") || AcceptWord("ignore")) return c with { MissingLladdrSelf = false };
                throw SyntaxError();
            case "add" when IsWord("paths", 1):
                Next(); Next();
                if (AcceptWord("rx")) return c with { AddPaths = AddPathMode.Rx };
                if (AcceptWord("tx")) return c with { AddPaths = AddPathMode.Tx };
                return c with { AddPaths = ParseBool() ? AddPathMode.On : AddPathMode.Off };
            case "igp" when IsWord("table", 1):
                Next(); Next();
                return c with { IgpTable = ParseTableName() };
            case "secondary":
                Next();
                return c with { Secondary = ParseBool() };
        }
        if (!Bird2) return null;
        switch (t.Text)
        {
            case "import" when IsWord("table", 1):
            case "export" when IsWord("table", 1):
                Next(); Next();
                ParseBool();
                return c;
            case "graceful" when IsWord("restart", 1):
                Next(); Next();
                ParseBool();
                return c;
            case "extended" when IsWord("next", 1):
                Next(); Next();
                ExpectWord("hop");
                ParseBool();
                return c;
            case "mandatory" or "aigp":
                Next();
                ParseBool();
                return c;
            case "cost":
                Next();
                ParseIntExpr();
                return c;
        }
        return null;
    }

    private void SkipIbgpEbgp()
    {
        if (Bird2 && !AcceptWord("ibgp")) AcceptWord("ebgp");
    }

    private BgpConfig ParseBgpLocal(BgpConfig c)
    {
        if (!Bird2)
        {
            // 1.6: local [IP] as N;
            if (!IsWord("as")) c = c with { LocalAddress = ParseIp() };
            ExpectWord("as");
            return c with { LocalAs = (uint)ParseIntExpr() };
        }
        while (!IsPunct(";"))
        {
            if (AcceptWord("as")) c = c with { LocalAs = (uint)ParseIntExpr() };
            else if (AcceptWord("port")) c = c with { LocalPort = (int)ParseIntExpr() };
            else if (Peek().Kind == TokenKind.Ip) c = c with { LocalAddress = ParseIp() };
            else throw SyntaxError();
        }
        return c;
    }

    private BgpConfig ParseBgpNeighbor(BgpConfig c)
    {
        var hadNeighbor = c.NeighborAddress is not null;
        var setsAddress = false;
        if (Peek().Kind == TokenKind.Ip || IsName())
        {
            c = c with { NeighborAddress = ParseIp() };
            setsAddress = true;
            if (AcceptPunct("%"))
            {
                var scope = Next();
                if (scope.Kind is not (TokenKind.Symbol or TokenKind.String)) throw SyntaxError(scope);
                c = c with { Interface = scope.Text };
            }
        }
        while (!IsPunct(";"))
        {
            if (AcceptWord("port")) c = c with { NeighborPort = (int)ParseIntExpr() };
            else if (AcceptWord("as")) c = c with { NeighborAs = (uint)ParseIntExpr() };
            else if (Bird2 && AcceptWord("range")) ParsePrefixLiteral();
            else if (Bird2 && (AcceptWord("internal") || AcceptWord("external") || AcceptWord("onlink"))) { }
            else throw SyntaxError();
        }
        if (!Bird2 && !IsPunct(";")) throw SyntaxError();
        if (hadNeighbor && setsAddress) throw ErrorHere("Only one neighbor per BGP instance is allowed");
        return c;
    }

    /// <summary>BIRD's bgp_check_config: derived defaults, then the checks in BIRD's order, reported at the closing brace.</summary>
    private BgpConfig FinishBgp(BgpConfig c, Token close)
    {
        var isInternal = c.LocalAs == c.NeighborAs;
        if (!currentExplicit.Contains("multihop")) c = c with { Multihop = isInternal ? 64 : 0 };
        if (!currentExplicit.Contains("gateway")) c = c with { Gateway = c.Multihop > 0 ? GatewayMode.Recursive : GatewayMode.Direct };
        if (!currentExplicit.Contains("keepalive")) c = c with { KeepaliveTime = c.HoldTime / 3 };

        if (c.LocalAs == 0) throw Error(close, "Local AS number must be set");
        if (c.NeighborAddress is null && c.Interface is null) throw Error(close, "Neighbor must be configured");
        if (c.NeighborAs == 0) throw Error(close, "Remote AS number must be set");
        if (!(c.Capabilities && c.EnableAs4) && c.NeighborAs > 0xFFFF) throw Error(close, "Neighbor AS number out of range (AS4 not available)");
        if (!isInternal && c.RrClient) throw Error(close, "Only internal neighbor can be RR client");
        if (isInternal && c.RsClient) throw Error(close, "Only external neighbor can be RS client");
        if (IsLinkLocal(c.NeighborAddress) && c.Interface is null) throw Error(close, "Link-local neighbor address requires specified interface");
        if (c.Multihop > 0 && c.Gateway == GatewayMode.Direct) throw Error(close, "Multihop BGP cannot use direct gateway mode");
        if (c.Multihop > 0 && (IsLinkLocal(c.SourceAddress) || IsLinkLocal(c.NeighborAddress)))
            throw Error(close, "Multihop BGP cannot be used with link-local addresses");
        if (c.Multihop > 0 && c.Interface is not null && !Bird2) throw Error(close, "Multihop BGP cannot be bound to interface");
        if (c.Multihop > 0 && c.CheckLink) throw Error(close, "Multihop BGP cannot depend on link state");
        return c;
    }

    private static bool IsLinkLocal(IpAddress? address) => address is { IsLinkLocal: true };
}
