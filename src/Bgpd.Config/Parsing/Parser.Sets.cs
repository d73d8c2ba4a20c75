using Bgpd.Config.Filters;
using Bgpd.Config.Lexing;
using Bgpd.Config.Model;
using Bgpd.Net;

namespace Bgpd.Config.Parsing;

internal sealed partial class Parser
{
    private SetLiteral ParseSetLiteral()
    {
        var open = ExpectPunct("[");
        var items = new List<SetItem>();
        if (!IsPunct("]"))
        {
            // As in BIRD's grammar, a set is either all prefix patterns or has none.
            var prefixSet = Peek().Kind == TokenKind.Ip && IsPunct("/", 1);
            do items.Add(prefixSet ? ParsePrefixPattern() : ParseSetItem(allowPrefix: false)); while (AcceptPunct(","));
        }
        ExpectPunct("]");
        return new SetLiteral(open.Pos, items.ToValueList());
    }

    /// <summary>One set element or case label: prefix pattern, pair/ec/lc pattern, value or range.</summary>
    private SetItem ParseSetItem(bool allowPrefix = true)
    {
        var t = Peek();
        if (allowPrefix && t.Kind == TokenKind.Ip && IsPunct("/", 1)) return ParsePrefixPattern();
        if (t.IsPunct("(")) return ParseParenthesizedSetItem();
        var from = ParseSetAtom();
        if (!AcceptPunct("..")) return new SetValue(t.Pos, from);
        return new SetRange(t.Pos, from, ParseSetAtom());
    }

    private FilterExpr ParseSetAtom()
    {
        var t = Peek();
        switch (t.Kind)
        {
            case TokenKind.Number: Next(); return new IntLiteral(t.Pos, t.Number);
            case TokenKind.Ip: Next(); return new IpLiteral(t.Pos, t.Ip);
            case TokenKind.Rd: Next(); return new RdLiteral(t.Pos, t.Rd, t.Text);
            case TokenKind.String when Bird2: Next(); return new StringLiteral(t.Pos, t.Text);
        }
        if (IsEnumName(t))
        {
            Next();
            return new EnumLiteral(t.Pos, t.Text);
        }
        if (t.IsPunct("("))
        {
            Next();
            var term = ParseTerm();
            ExpectPunct(")");
            return term;
        }
        if (t.Kind == TokenKind.Symbol && !IsKeyword(t))
        {
            Next();
            if (symbols.TryGet(t.Text, out var s) && s.Kind == SymbolKind.Constant) return new SymbolRef(t.Pos, t.Text);
            if (Bird2 && IsVariable(t.Text)) return new SymbolRef(t.Pos, t.Text);
            throw Error(t, $"{t.Text}: constant expected");
        }
        if (Bird2 && (t.IsWord("true") || t.IsWord("false")))
        {
            Next();
            return new BoolLiteral(t.Pos, t.Text == "true");
        }
        throw SyntaxError();
    }

    private SetItem ParsePrefixPattern()
    {
        var start = Peek();
        var prefix = ParsePrefixLiteral();
        var max = prefix.Address.MaxPrefixLength;
        if (AcceptPunct("+")) return new SetPrefixPattern(start.Pos, prefix, PrefixPatternKind.Plus, prefix.Length, max);
        if (AcceptPunct("-")) return new SetPrefixPattern(start.Pos, prefix, PrefixPatternKind.Minus, 0, prefix.Length);
        if (AcceptPunct("{"))
        {
            var low = Peek().Kind == TokenKind.Number ? Next().Number : throw SyntaxError();
            ExpectPunct(",");
            var high = Peek().Kind == TokenKind.Number ? Next().Number : throw SyntaxError();
            var close = ExpectPunct("}");
            if (!(low <= high && high <= max)) throw Error(close, $"Invalid prefix pattern range: {{{low}, {high}}}.");
            return new SetPrefixPattern(start.Pos, prefix, PrefixPatternKind.Range, (int)low, (int)high);
        }
        return new SetPrefixPattern(start.Pos, prefix, PrefixPatternKind.Exact, prefix.Length, prefix.Length);
    }

    /// <summary><c>(term)</c> atom, <c>(a,b)</c> pair (pattern), <c>(a,b)..(c,d)</c>, <c>(rt,a,b)</c> ec, <c>(a,b,c)</c> lc.</summary>
    private SetItem ParseParenthesizedSetItem()
    {
        var open = ExpectPunct("(");
        if (TryEcKind(out var kind, out _))
        {
            ExpectPunct(",");
            var key = ParseTupleComponent();
            ExpectPunct(",");
            var value = ParseTupleComponent();
            ExpectPunct(")");
            return new SetTuplePattern(open.Pos, TupleKind.Ec, kind, ValueList.Of(key, value));
        }
        var first = ParseTupleComponent();
        if (AcceptPunct(")"))
        {
            if (first.IsWildcard || first.To is not null) throw SyntaxError(tokens.Last);
            var atom = first.From!;
            if (!AcceptPunct("..")) return new SetValue(open.Pos, atom);
            return new SetRange(open.Pos, atom, ParseSetAtom());
        }
        ExpectPunct(",");
        var components = new List<TupleComponent> { first, ParseTupleComponent() };
        if (AcceptPunct(",")) components.Add(ParseTupleComponent());
        ExpectPunct(")");
        var tupleKind = components.Count == 3 ? TupleKind.Lc : TupleKind.Pair;
        var simple = components.All(c => !c.IsWildcard && c.To is null);
        if (simple && IsPunct(".."))
        {
            Next();
            var rangeOpen = ExpectPunct("(");
            var a = ParseTerm();
            ExpectPunct(",");
            var b = ParseTerm();
            FilterExpr end;
            if (tupleKind == TupleKind.Lc)
            {
                ExpectPunct(",");
                end = new LcExpr(rangeOpen.Pos, a, b, ParseTerm());
            }
            else end = new PairExpr(rangeOpen.Pos, a, b);
            ExpectPunct(")");
            FilterExpr startValue = tupleKind == TupleKind.Lc
                ? new LcExpr(open.Pos, components[0].From!, components[1].From!, components[2].From!)
                : new PairExpr(open.Pos, components[0].From!, components[1].From!);
            return new SetRange(open.Pos, startValue, end);
        }
        if (simple)
        {
            FilterExpr value = tupleKind == TupleKind.Lc
                ? new LcExpr(open.Pos, components[0].From!, components[1].From!, components[2].From!)
                : new PairExpr(open.Pos, components[0].From!, components[1].From!);
            return new SetValue(open.Pos, value);
        }
        return new SetTuplePattern(open.Pos, tupleKind, EcKind.Rt, components.ToValueList());
    }

    private TupleComponent ParseTupleComponent()
    {
        var t = Peek();
        if (AcceptPunct("*")) return new TupleComponent(t.Pos, null, null);
        var from = ParseTerm();
        if (!AcceptPunct("..")) return new TupleComponent(t.Pos, from, null);
        return new TupleComponent(t.Pos, from, ParseTerm());
    }

    private PathMaskLiteral ParsePathMask()
    {
        var open = ExpectPunct("[=");
        var items = new List<PathMaskItem>();
        while (!AcceptPunct("=]"))
        {
            var t = Peek();
            if (t.Kind == TokenKind.Number)
            {
                Next();
                var value = new IntLiteral(t.Pos, t.Number);
                if (AcceptPunct(".."))
                {
                    var endToken = Peek().Kind == TokenKind.Number ? Next() : throw SyntaxError();
                    items.Add(new PathMaskRange(t.Pos, value, new IntLiteral(endToken.Pos, endToken.Number)));
                }
                else items.Add(new PathMaskValue(t.Pos, value));
            }
            else if (AcceptPunct("*")) items.Add(new PathMaskAnySequence(t.Pos));
            else if (AcceptPunct("?")) items.Add(new PathMaskAnyOne(t.Pos));
            else if (Bird2 && items.Count > 0 && AcceptPunct("+")) items.Add(new PathMaskRepeat(t.Pos));
            else if (t.IsPunct("("))
            {
                Next();
                var term = ParseTerm();
                ExpectPunct(")");
                items.Add(new PathMaskValue(t.Pos, term));
            }
            else if (Bird2 && t.IsPunct("[")) items.Add(new PathMaskValue(t.Pos, ParseSetLiteral()));
            else if (t.Kind == TokenKind.Symbol && !IsKeyword(t))
            {
                Next();
                if (!IsVariable(t.Text) && !(symbols.TryGet(t.Text, out var s) && s.Kind == SymbolKind.Constant))
                    throw Error(Peek(), $"{t.Text}: variable expected.");
                items.Add(new PathMaskValue(t.Pos, new SymbolRef(t.Pos, t.Text)));
            }
            else throw SyntaxError();
        }
        return new PathMaskLiteral(open.Pos, items.ToValueList(), false);
    }

    /// <summary>1.6's old mask syntax <c>/ 1 ? 2 /</c>, where <c>?</c> means any sequence.</summary>
    private PathMaskLiteral ParseOldPathMask()
    {
        var open = ExpectPunct("/");
        var items = new List<PathMaskItem>();
        while (!AcceptPunct("/"))
        {
            var t = Peek();
            if (t.Kind == TokenKind.Number)
            {
                Next();
                items.Add(new PathMaskValue(t.Pos, new IntLiteral(t.Pos, t.Number)));
            }
            else if (AcceptPunct("?")) items.Add(new PathMaskAnySequence(t.Pos));
            else throw SyntaxError();
        }
        return new PathMaskLiteral(open.Pos, items.ToValueList(), true);
    }
}
