using Bgpd.Config;
using Bgpd.Config.Filters;
using Bgpd.Config.Model;
using Bgpd.Filters.Runtime;
using Bgpd.Filters.Values;

namespace Bgpd.Filters.Compiler;

internal sealed partial class Compiler
{
    private CExpr CompileMethod(MethodCall m)
    {
        var target = CompileExpr(m.Target);
        var pos = m.Pos;
        var f = target.Fn;
        switch (m.Name)
        {
            case "add": return ListOp(BuiltinFunction.Add, pos, target, m.Args.Select(CompileExpr).ToArray());
            case "delete": return ListOp(BuiltinFunction.Delete, pos, target, m.Args.Select(CompileExpr).ToArray());
            case "filter": return ListOp(BuiltinFunction.Filter, pos, target, m.Args.Select(CompileExpr).ToArray());
            case "prepend": return ListOp(BuiltinFunction.Prepend, pos, target, m.Args.Select(CompileExpr).ToArray());
            case "empty": return EmptyOf(target, pos);
            case "mask":
                {
                    if (m.Args.Count != 1) throw Error(pos, "mask() takes one argument");
                    var n = Expect(CompileExpr(m.Args[0]), FilterType.Int, "Mask length");
                    var fn = n.Fn;
                    return Derived(pos, FilterType.Ip, ctx =>
                    {
                        var v = f(ctx);
                        if (v.Type != FilterType.Ip) throw Runtime(pos, $"mask() applied to {v.Type.Name()}");
                        var len = (int)Math.Min(IntOf(fn(ctx), pos, "mask"), (uint)v.AsIp.MaxPrefixLength);
                        return Value.Ip(v.AsIp.Masked(len));
                    }, target, n);
                }
        }
        if (m.Args.Count > 0) throw Error(pos, $"Method {m.Name} takes no arguments");
        // BIRD 1.6's grammar has only .ip .len .mask() .first .last .last_nonaggregated (and the
        // statement forms .add/.delete/.filter/.prepend/.empty); the rest came with 2.0.
        if (dialect != Dialect.Bird2 && m.Name is not ("len" or "ip" or "first" or "last" or "last_nonaggregated"))
            throw Error(pos, "syntax error");
        Func<Value, Value>? op = m.Name switch
        {
            "len" => v => v.Type switch
            {
                FilterType.Path => Value.Int((uint)v.AsPath.Length),
                FilterType.Clist => Value.Int((uint)v.AsClist.Length),
                FilterType.EcList => Value.Int((uint)v.AsEcList.Length),
                FilterType.LcList => Value.Int((uint)v.AsLcList.Length),
                FilterType.Prefix => Value.Int(v.Len),
                _ => throw Runtime(pos, $"len applied to {v.Type.Name()}"),
            },
            "ip" => v => v.Type == FilterType.Prefix ? Value.Ip(v.AsIp) : throw Runtime(pos, $"ip applied to {v.Type.Name()}"),
            "first" => v => v.Type == FilterType.Path ? Value.Int(v.AsPath.First) : throw Runtime(pos, $"first applied to {v.Type.Name()}"),
            "last" => v => v.Type == FilterType.Path ? Value.Int(v.AsPath.Last) : throw Runtime(pos, $"last applied to {v.Type.Name()}"),
            "last_nonaggregated" => v => v.Type == FilterType.Path ? Value.Int(v.AsPath.LastNonAggregated) : throw Runtime(pos, $"last_nonaggregated applied to {v.Type.Name()}"),
            "asn" => v => v.Type switch
            {
                FilterType.Pair => Value.Int((uint)(v.Word >> 16)),
                FilterType.Lc => Value.Int(v.AsLc.Asn),
                FilterType.Prefix when v.Roa is { } roa => Value.Int(roa.Asn),
                _ => throw Runtime(pos, $"asn applied to {v.Type.Name()}"),
            },
            "data" => v => v.Type == FilterType.Pair ? Value.Int((uint)(v.Word & 0xFFFF)) : throw Runtime(pos, $"data applied to {v.Type.Name()}"),
            "data1" => v => v.Type == FilterType.Lc ? Value.Int(v.AsLc.Data1) : throw Runtime(pos, $"data1 applied to {v.Type.Name()}"),
            "data2" => v => v.Type == FilterType.Lc ? Value.Int(v.AsLc.Data2) : throw Runtime(pos, $"data2 applied to {v.Type.Name()}"),
            "is_v4" => v => v.Type is FilterType.Ip or FilterType.Prefix ? Value.Bool(!v.V6) : throw Runtime(pos, $"is_v4 applied to {v.Type.Name()}"),
            "maxlen" => v => v.Type == FilterType.Prefix && v.Roa is { } roa ? Value.Int((uint)roa.MaxLength) : throw Runtime(pos, $"maxlen applied to {v.Type.Name()}"),
            "type" => v => v.Type == FilterType.Prefix
                ? Value.Enum(FilterType.EnumNet, v.Roa is null ? (v.V6 ? 2u : 1u) : (v.V6 ? 6u : 5u))
                : throw Runtime(pos, $"type applied to {v.Type.Name()}"),
            "rd" => v => throw Runtime(pos, $"rd applied to {(v.Type == FilterType.Prefix ? "a non-VPN net" : v.Type.Name())}"),
            "min" => v => MinMax(v, pos, max: false),
            "max" => v => MinMax(v, pos, max: true),
            _ => null,
        };
        if (op is null) throw Error(pos, $"Unknown method {m.Name}");
        FilterType? type = m.Name switch
        {
            "ip" => FilterType.Ip,
            "is_v4" => FilterType.Bool,
            "type" => FilterType.EnumNet,
            "rd" => FilterType.Rd,
            "min" or "max" => target.Type switch
            {
                FilterType.Clist => FilterType.Pair,
                FilterType.EcList => FilterType.Ec,
                FilterType.LcList => FilterType.Lc,
                _ => null,
            },
            _ => FilterType.Int,
        };
        return Derived(pos, type, ctx => op(f(ctx)), target);
    }

    private static Value MinMax(in Value v, SourcePos pos, bool max) => v.Type switch
    {
        FilterType.Clist => v.AsClist.Length == 0 ? Value.Void : Value.PairRaw(max ? v.AsClist.Max() : v.AsClist.Min()),
        FilterType.EcList => v.AsEcList.Length == 0 ? Value.Void : Value.Ec(max ? v.AsEcList.Max() : v.AsEcList.Min()),
        FilterType.LcList => v.AsLcList.Length == 0 ? Value.Void : Value.Lc(max ? v.AsLcList.Max() : v.AsLcList.Min()),
        _ => throw Runtime(pos, $"{(max ? "max" : "min")} applied to {v.Type.Name()}"),
    };

    private CExpr EmptyOf(CExpr target, SourcePos pos)
    {
        Value? empty = target.Type switch
        {
            FilterType.Path => Value.Path(BgpPath.Empty),
            FilterType.Clist => Value.Clist([]),
            FilterType.EcList => Value.EcList([]),
            FilterType.LcList => Value.LcList([]),
            _ => null,
        };
        if (empty is null) return TypeError(pos, $"empty applied to {target.Type?.Name() ?? "an untyped value"}");
        return CExpr.Constant(pos, empty.Value);
    }

    private CExpr CompileBuiltin(BuiltinCall b)
    {
        if (b.Function == BuiltinFunction.RoaCheck) return CompileRoaCheck(b);
        var args = b.Args.Select(CompileExpr).ToArray();
        var pos = b.Pos;
        switch (b.Function)
        {
            case BuiltinFunction.Format:
                {
                    if (args.Length != 1) throw Error(pos, "format() takes one argument");
                    var f = args[0].Fn;
                    return Derived(pos, FilterType.String, ctx => Value.Str(ValuePrinter.Format(f(ctx))), args);
                }
            case BuiltinFunction.FromHex:
                return TypeError(pos, "from_hex is not supported");
            default:
                if (args.Length != 2) throw Error(pos, $"{b.Function.ToString().ToLowerInvariant()}() takes two arguments");
                return ListOp(b.Function, pos, args[0], [args[1]]);
        }
    }

    private CExpr CompileRoaCheck(BuiltinCall b)
    {
        var pos = b.Pos;
        var args = b.Args.Select((a, i) => i == 0 ? null! : CompileExpr(a)).ToArray();
        var tableName = b.Args.Count > 0 && b.Args[0] is SymbolRef s ? s.Name : throw Error(pos, "Table name expected");
        if (roaTables is null || !roaTables.TryGetValue(tableName, out var table))
        {
            // BIRD 1.6 "roa table NAME { roa ...; }" contents are not in the config model.
            return new CExpr { Fn = _ => throw Runtime(pos, $"roa_check: ROA table {tableName} is not supported"), Pos = pos, Type = FilterType.EnumRoa };
        }
        if (args.Length == 3)
        {
            var (fn, fa) = (args[1].Fn, args[2].Fn);
            return new CExpr
            {
                Fn = ctx =>
                {
                    var net = fn(ctx);
                    if (net.Type != FilterType.Prefix) throw Runtime(pos, "roa_check: prefix expected");
                    return Value.Enum(FilterType.EnumRoa, table.Check(net.AsPrefix, IntOf(fa(ctx), pos, "roa_check")));
                },
                Pos = pos,
                Type = FilterType.EnumRoa,
                Pure = args[1].Pure && args[2].Pure,
            };
        }
        // roa_check(table): the route's own net and origin AS (last AS of bgp_path).
        return new CExpr
        {
            Fn = ctx =>
            {
                var route = ctx.Route ?? throw Runtime(pos, "roa_check: no route");
                var net = route.Get(RouteAttribute.Net);
                var path = route.Get(RouteAttribute.BgpPath);
                var origin = path.Type == FilterType.Path ? path.AsPath.Last : 0;
                return Value.Enum(FilterType.EnumRoa, table.Check(net.AsPrefix, origin));
            },
            Pos = pos,
            Type = FilterType.EnumRoa,
        };
    }

    private CExpr ListOp(BuiltinFunction op, SourcePos pos, CExpr list, CExpr[] args)
    {
        if (args.Length != 1) throw Error(pos, $"{op.ToString().ToLowerInvariant()} takes one argument");
        var arg = args[0];
        var (fl, fa) = (list.Fn, arg.Fn);
        ExprFn fn = op switch
        {
            BuiltinFunction.Prepend => ctx =>
            {
                var p = fl(ctx);
                if (p.Type != FilterType.Path) throw Runtime(pos, $"prepend applied to {p.Type.Name()}");
                return Value.Path(p.AsPath.Prepend(IntOf(fa(ctx), pos, "prepend")));
            }
            ,
            BuiltinFunction.Add => ctx => ListOps2.Add(fl(ctx), fa(ctx), pos),
            BuiltinFunction.Delete => ctx => ListOps2.Delete(fl(ctx), fa(ctx), pos, keep: false),
            _ => ctx => ListOps2.Delete(fl(ctx), fa(ctx), pos, keep: true),
        };
        return Derived(pos, list.Type, fn, list, arg);
    }
}

/// <summary>Run-time dispatch of add/delete/filter on the list and argument types.</summary>
internal static class ListOps2
{
    private static FilterRuntimeException Bad(SourcePos pos, string op, in Value l, in Value a) =>
        new(pos, $"Can't {op} {a.Type.Name()} to/from {l.Type.Name()}");

    public static Value Add(in Value list, in Value item, SourcePos pos)
    {
        switch (list.Type)
        {
            case FilterType.Clist:
                if (item.Type is FilterType.Pair or FilterType.Quad) return Value.Clist(ListOps.Add(list.AsClist, (uint)item.Word));
                if (item.IsIp4) return Value.Clist(ListOps.Add(list.AsClist, (uint)item.Wide));
                if (item.Type == FilterType.Clist) return Value.Clist(ListOps.Union(list.AsClist, item.AsClist));
                break;
            case FilterType.EcList:
                if (item.Type == FilterType.Ec) return Value.EcList(ListOps.Add(list.AsEcList, item.Word));
                if (item.Type == FilterType.EcList) return Value.EcList(ListOps.Union(list.AsEcList, item.AsEcList));
                break;
            case FilterType.LcList:
                if (item.Type == FilterType.Lc) return Value.LcList(ListOps.Add(list.AsLcList, item.AsLc));
                if (item.Type == FilterType.LcList) return Value.LcList(ListOps.Union(list.AsLcList, item.AsLcList));
                break;
            case FilterType.Path:
                if (item.Type == FilterType.Int) return Value.Path(list.AsPath.Prepend(item.AsInt));
                break;
        }
        throw Bad(pos, "add", list, item);
    }

    /// <summary>delete (keep = false) or filter (keep = true) by a value, a set or another list.</summary>
    public static Value Delete(in Value list, in Value arg, SourcePos pos, bool keep)
    {
        var a = arg;
        switch (list.Type)
        {
            case FilterType.Clist:
                {
                    Func<uint, bool>? member = a.Type switch
                    {
                        FilterType.Pair or FilterType.Quad => c => c == (uint)a.Word,
                        FilterType.Ip when !a.V6 => c => c == (uint)a.Wide,
                        FilterType.Set => c => a.AsSet.ContainsWord(c),
                        FilterType.Clist => c => Array.IndexOf(a.AsClist, c) >= 0,
                        _ => null,
                    };
                    if (member is null || (keep && a.Type is not (FilterType.Set or FilterType.Clist))) break;
                    return Value.Clist(ListOps.Where(list.AsClist, c => member(c) == keep));
                }
            case FilterType.EcList:
                {
                    Func<ulong, bool>? member = a.Type switch
                    {
                        FilterType.Ec => e => e == a.Word,
                        FilterType.Set => e => a.AsSet.ContainsWord(e),
                        FilterType.EcList => e => Array.IndexOf(a.AsEcList, e) >= 0,
                        _ => null,
                    };
                    if (member is null || (keep && a.Type == FilterType.Ec)) break;
                    return Value.EcList(ListOps.Where(list.AsEcList, e => member(e) == keep));
                }
            case FilterType.LcList:
                {
                    Func<Lc, bool>? member = a.Type switch
                    {
                        FilterType.Lc => l => l == a.AsLc,
                        FilterType.Set => l => a.AsSet.Contains(Value.Lc(l)),
                        FilterType.LcList => l => Array.IndexOf(a.AsLcList, l) >= 0,
                        _ => null,
                    };
                    if (member is null || (keep && a.Type == FilterType.Lc)) break;
                    return Value.LcList(ListOps.Where(list.AsLcList, l => member(l) == keep));
                }
            case FilterType.Path:
                {
                    Func<uint, bool>? member = a.Type switch
                    {
                        FilterType.Int => x => x == a.AsInt,
                        FilterType.Set => x => a.AsSet.ContainsWord(x),
                        _ => null,
                    };
                    if (member is null || (keep && a.Type == FilterType.Int)) break;
                    return Value.Path(list.AsPath.Where(x => member(x) == keep));
                }
        }
        throw Bad(pos, keep ? "filter" : "delete", list, arg);
    }
}
