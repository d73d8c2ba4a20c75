using Bgpd.Config;
using Bgpd.Config.Filters;
using Bgpd.Config.Model;
using Bgpd.Filters.Runtime;
using Bgpd.Filters.Values;

namespace Bgpd.Filters.Compiler;

internal sealed partial class Compiler
{
    /// <summary>Evaluates a set literal at load time into a tree set or a prefix set.</summary>
    internal Value BuildSet(IReadOnlyList<SetItem> items, SourcePos pos)
    {
        var ranges = new List<(Value From, Value To)>();
        var prefixes = new List<PrefixPattern>();
        foreach (var item in items) AddSetItem(item, ranges, prefixes);
        if (prefixes.Count > 0)
        {
            if (ranges.Count > 0) throw Error(pos, "Mixing prefixes and other values in one set");
            return Value.PrefixSet(new PrefixSet(prefixes));
        }
        if (ranges.Count == 0) return Value.Set(ValueSet.Empty);
        var type = ranges[0].From.Type;
        foreach (var (from, to) in ranges)
        {
            if (from.Type != type || to.Type != type) throw Error(pos, "Set items must have the same type");
            if (ValueOps.TryCompare(from, to, out var c) && c > 0) throw Error(pos, "Set range has its low end above its high end");
        }
        return Value.Set(ValueSet.Build(ranges));
    }

    private void AddSetItem(SetItem item, List<(Value, Value)> ranges, List<PrefixPattern> prefixes)
    {
        switch (item)
        {
            case SetPrefixPattern p:
                prefixes.Add(new PrefixPattern(p.Prefix, p.Low, p.High));
                break;
            case SetValue v:
                var value = EvalNow(CompileExpr(v.Value), "Set item");
                if (value.Type == FilterType.Prefix) prefixes.Add(new PrefixPattern(value.AsPrefix, value.Len, value.Len));
                else if (value.Type == FilterType.Set) ranges.AddRange(value.AsSet.Ranges());
                else if (value.Type == FilterType.PrefixSet) prefixes.AddRange(value.AsPrefixSet.Patterns);
                else ranges.Add((value, value));
                break;
            case SetRange r:
                ranges.Add((EvalNow(CompileExpr(r.From), "Set item"), EvalNow(CompileExpr(r.To), "Set item")));
                break;
            case SetTuplePattern t:
                AddTuple(t, ranges);
                break;
            default:
                throw Error(item.Pos, $"Unsupported set item {item.GetType().Name}");
        }
    }

    private (uint Lo, uint Hi) Component(TupleComponent c, uint max)
    {
        if (c.IsWildcard) return (0, max);
        var lo = EvalNow(CompileExpr(c.From!), "Set item");
        var hi = c.To is null ? lo : EvalNow(CompileExpr(c.To), "Set item");
        uint Num(in Value v) => v.Type switch
        {
            FilterType.Int or FilterType.Quad => (uint)v.Word,
            FilterType.Ip when !v.V6 => (uint)v.Wide,
            _ => throw Error(c.Pos, $"Number expected in set item, got {v.Type.Name()}"),
        };
        var (a, b) = (Num(lo), Num(hi));
        if (a > max || b > max) throw Error(c.Pos, "Value out of range in set item");
        return (a, b);
    }

    private void AddTuple(SetTuplePattern t, List<(Value, Value)> ranges)
    {
        var comps = t.Components;
        switch (t.Kind)
        {
            case TupleKind.Pair:
                {
                    var (a1, a2) = Component(comps[0], 0xFFFF);
                    var (b1, b2) = Component(comps[1], 0xFFFF);
                    if (a1 == a2 || (b1 == 0 && b2 == 0xFFFF))
                    {
                        ranges.Add((Value.Pair(a1, b1), Value.Pair(a2, b2)));
                        break;
                    }
                    // BIRD expands a two-dimensional pattern into one range per first component.
                    for (var i = a1; i <= a2; i++) ranges.Add((Value.Pair(i, b1), Value.Pair(i, b2)));
                    break;
                }
            case TupleKind.Lc:
                {
                    var (a1, a2) = Component(comps[0], uint.MaxValue);
                    var (b1, b2) = Component(comps[1], uint.MaxValue);
                    var (c1, c2) = Component(comps[2], uint.MaxValue);
                    ranges.Add((Value.Lc(new Lc(a1, b1, c1)), Value.Lc(new Lc(a2, b2, c2))));
                    break;
                }
            default:
                {
                    var keyExpr = comps[0];
                    if (keyExpr.IsWildcard) throw Error(keyExpr.Pos, "EC key can't be a wildcard");
                    var key = EvalNow(CompileExpr(keyExpr.From!), "Set item");
                    var as2 = t.EcKind == EcKind.Generic || (key.Type == FilterType.Int && key.Word < 65536);
                    var (v1, v2) = Component(comps[1], as2 ? uint.MaxValue : 0xFFFF);
                    var unknown = 0L;
                    ranges.Add((Value.Ec(PackEc(t.EcKind, unknown, key, v1, t.Pos)), Value.Ec(PackEc(t.EcKind, unknown, key, v2, t.Pos))));
                    break;
                }
        }
    }

    private CExpr CompileMask(PathMaskLiteral m)
    {
        var parts = new List<Func<FilterContext, MaskItem>>();
        var allConst = true;
        var consts = new List<MaskItem>();
        var dynamicIndices = new List<int>();
        foreach (var item in m.Items)
        {
            switch (item)
            {
                case PathMaskAnySequence:
                    consts.Add(new MaskItem(MaskItemKind.AnySequence));
                    break;
                case PathMaskAnyOne:
                    // 1.6's old "/ ? /" syntax: '?' there means any sequence.
                    consts.Add(new MaskItem(m.OldSyntax ? MaskItemKind.AnySequence : MaskItemKind.AnyOne));
                    break;
                case PathMaskRange r:
                    {
                        var lo = CompileExpr(r.From);
                        var hi = CompileExpr(r.To);
                        if (lo.IsConst && hi.IsConst)
                        {
                            consts.Add(new MaskItem(MaskItemKind.Asn, IntOf(lo.Const, r.Pos, "Mask"), IntOf(hi.Const, r.Pos, "Mask"), IsRange: true));
                            break;
                        }
                        allConst = false;
                        var (fl, fh, pos) = (lo.Fn, hi.Fn, r.Pos);
                        dynamicIndices.Add(consts.Count);
                        consts.Add(default);
                        parts.Add(ctx => new MaskItem(MaskItemKind.Asn, IntOf(fl(ctx), pos, "Mask"), IntOf(fh(ctx), pos, "Mask"), IsRange: true));
                        break;
                    }
                case PathMaskValue v:
                    {
                        var e = CompileExpr(v.Value);
                        var origin = dialect != Dialect.Bird2 && v.Value is not IntLiteral ? v : null;
                        if (e.IsConst)
                        {
                            consts.Add(MaskValue(e.Const, v.Pos) with { Origin = origin });
                            break;
                        }
                        allConst = false;
                        var (f, pos) = (e.Fn, v.Pos);
                        dynamicIndices.Add(consts.Count);
                        consts.Add(default);
                        parts.Add(ctx => MaskValue(f(ctx), pos) with { Origin = origin });
                        break;
                    }
                case PathMaskRepeat:
                    consts.Add(new MaskItem(MaskItemKind.Repeat));
                    break;
                default:
                    throw Error(item.Pos, $"Unsupported path mask item {item.GetType().Name}");
            }
        }
        if (allConst) return CExpr.Constant(m.Pos, Value.Mask(new PathMask(consts.ToArray())));
        // Some items are computed at run time (e.g. a function's parameters): fill those slots per evaluation.
        var template = consts.ToArray();
        var dynamicSlots = dynamicIndices.ToArray();
        var partFns = parts.ToArray();
        return new CExpr
        {
            Fn = ctx =>
            {
                var items = (MaskItem[])template.Clone();
                for (var i = 0; i < partFns.Length; i++) items[dynamicSlots[i]] = partFns[i](ctx);
                return Value.Mask(new PathMask(items));
            },
            Pos = m.Pos,
            Type = FilterType.PathMask,
            Pure = false,
        };
    }

    private static MaskItem MaskValue(in Value v, SourcePos pos) => v.Type switch
    {
        FilterType.Int => new MaskItem(MaskItemKind.Asn, v.AsInt, v.AsInt),
        FilterType.Set => new MaskItem(MaskItemKind.Set, Set: v.AsSet),
        _ => throw Runtime(pos, $"Path mask item must be an int or an int set, got {v.Type.Name()}"),
    };
}
