using Bgpd.Config.Lexing;
using Bgpd.Config.Model;

namespace Bgpd.Config.Parsing;

internal sealed partial class Parser
{
    private KernelConfig ParseKernelItem(KernelConfig c)
    {
        var t = Next();
        if (t.Kind != TokenKind.Symbol || t.Quoted) throw SyntaxError(t);
        switch (t.Text)
        {
            case "persist": return c with { Persist = ParseBool() };
            case "scan":
                ExpectWord("time");
                return c with { ScanTime = (int)ParseIntExpr() };
            case "learn": return c with { Learn = ParseBool() };
            case "device" when !Bird2:
                ExpectWord("routes");
                return c with { DeviceRoutes = ParseBool() };
            case "graceful":
                ExpectWord("restart");
                return c with { GracefulRestart = ParseBool() };
            case "merge":
                ExpectWord("paths");
                var merge = ParseBool();
                var limit = c.MergePathsLimit;
                if (AcceptWord("limit"))
                {
                    limit = (int)ParseIntExpr();
                    if (limit <= 0 || limit > 255) throw Error(tokens.Last, "Merge paths limit must be in range 1-255");
                }
                return c with { MergePaths = merge, MergePathsLimit = limit };
            case "kernel":
                ExpectWord("table");
                return c with { KernelTable = (uint)ParseIntExpr() };
            case "metric":
                return c with { Metric = (uint)ParseIntExpr() };
            case "netlink" when Bird2:
                ExpectWord("rx");
                ExpectWord("buffer");
                return c with { NetlinkRxBuffer = (uint)ParseIntExpr() };
        }
        throw SyntaxError(t);
    }

    private DeviceConfig ParseDeviceItem(DeviceConfig c)
    {
        var t = Next();
        if (t.Kind != TokenKind.Symbol || t.Quoted) throw SyntaxError(t);
        switch (t.Text)
        {
            case "scan":
                ExpectWord("time");
                return c with { ScanTime = (int)ParseIntExpr() };
            case "primary" when !Bird2:
                string? pattern = Peek().Kind == TokenKind.String ? Next().Text : null;
                var address = ParseIp();
                return c with { Primary = c.Primary.Append(new DevicePrimary(pattern, address)).ToValueList() };
            case "interface" when Bird2:
                var patterns = ParseInterfacePatterns();
                if (AcceptPunct("{"))
                {
                    while (!AcceptPunct("}"))
                    {
                        if (AcceptPunct(";")) continue;
                        ExpectWord("preferred");
                        var preferred = ParseIp();
                        ExpectSemicolon();
                        c = c with { Primary = c.Primary.Append(new DevicePrimary(patterns[0].Pattern, preferred)).ToValueList() };
                    }
                }
                return c;
        }
        throw SyntaxError(t);
    }

    private DirectConfig ParseDirectItem(DirectConfig c)
    {
        var t = Next();
        if (t.Kind != TokenKind.Symbol || t.Quoted) throw SyntaxError(t);
        switch (t.Text)
        {
            case "interface":
                return c with { Interfaces = c.Interfaces.Concat(ParseInterfacePatterns()).ToValueList() };
            case "check":
                ExpectWord("link");
                return c with { CheckLink = ParseBool() };
        }
        throw SyntaxError(t);
    }

    private PipeConfig ParsePipeItem(PipeConfig c)
    {
        var t = Next();
        if (t.Kind != TokenKind.Symbol || t.Quoted) throw SyntaxError(t);
        switch (t.Text)
        {
            case "peer":
                ExpectWord("table");
                return c with { PeerTable = ParseTableName(pipePeer: true) };
            case "mode" when !Bird2:
                if (AcceptWord("opaque")) return c with { Opaque = true };
                ExpectWord("transparent");
                return c with { Opaque = false };
        }
        throw SyntaxError(t);
    }

    /// <summary>
    /// <c>protocol bfd { ... }</c>: Debian's bird 1.6.8 accepts it; bgpd keeps the body's text
    /// (balanced braces) without running BFD. Called after the opening brace; consumes the closing one.
    /// </summary>
    private BfdConfig ParseBfdBody(BfdConfig c)
    {
        var body = new List<string>();
        var depth = 1;
        while (true)
        {
            var t = Next();
            if (t.Kind == TokenKind.Eof) throw SyntaxError(t);
            if (t.IsPunct("{")) depth++;
            if (t.IsPunct("}") && --depth == 0) break;
            body.Add(t.Kind == TokenKind.String ? "\"" + t.Text + "\"" : t.Text);
        }
        return c with { Body = string.Join(' ', body) };
    }
}
