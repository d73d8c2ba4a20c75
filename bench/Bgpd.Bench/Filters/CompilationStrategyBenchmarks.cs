using System.Linq.Expressions;
using BenchmarkDotNet.Attributes;
using Bgpd.Config;
using Bgpd.Filters;
using Bgpd.Filters.Runtime;
using Bgpd.Filters.Values;
using Bgpd.Net;

// Not Bgpd.Bench.Filters: that namespace would shadow Bgpd.Rib.Filtering.Filters in sibling bench folders.
namespace Bgpd.Bench.FilterEngine;

/// <summary>
/// Closure composition (what the compiler emits) against an expression tree for Calico's
/// export_bgp, built by hand with the types already resolved: the best a type-specialising
/// expression-tree backend could emit over the same route interface. Both run on the same route.
/// </summary>
[MemoryDiagnoser]
public class CompilationStrategyBenchmarks
{
    private CompiledFilter closures = null!;
    private Func<IFilterRoute, FilterResult> expressionTree = null!;
    private TestRoute route = null!;

    [GlobalSetup]
    public void Setup()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "Bgpd.sln"))) dir = dir.Parent;
        var conf = Path.Combine(dir?.FullName ?? ".", "..", "shared", "fixtures", "calico", "openstack", "compute-rr-client.bird.conf");
        closures = FilterCompiler.Compile(ConfigParser.ParseFile(conf)).FindFilter("export_bgp")!;
        expressionTree = BuildExportBgp();
        route = new TestRoute(Prefix.Parse("10.65.0.2/32"))
            .With("source", Value.Enum(FilterType.EnumRts, 3))
            .With("ifname", Value.Str("tap1234abcd"));
    }

    [Benchmark(Baseline = true, Description = "export_bgp, closure composition")]
    public FilterResult Closures()
    {
        route.Unset(RouteAttribute.KrtMetric);
        return closures.Run(route);
    }

    [Benchmark(Description = "export_bgp, hand-typed expression tree")]
    public FilterResult ExpressionTree()
    {
        route.Unset(RouteAttribute.KrtMetric);
        return expressionTree(route);
    }

    private static Func<IFilterRoute, FilterResult> BuildExportBgp()
    {
        var r = Expression.Parameter(typeof(IFilterRoute), "route");
        var get = typeof(IFilterRoute).GetMethod(nameof(IFilterRoute.Get))!;
        var set = typeof(IFilterRoute).GetMethod(nameof(IFilterRoute.Set))!;
        Expression Get(RouteAttribute a) => Expression.Call(r, get, Expression.Constant(a), Expression.Constant(null, typeof(string)));
        Expression SetInt(RouteAttribute a, Expression value) =>
            Expression.Call(r, set, Expression.Constant(a), Expression.Call(typeof(Value).GetMethod(nameof(Value.Int))!, value), Expression.Constant(null, typeof(string)));
        Expression IsDefined(Expression v) => Expression.NotEqual(Expression.Field(v, nameof(Value.Type)), Expression.Constant(FilterType.Void));
        Expression Word(Expression v) => Expression.Property(v, nameof(Value.Word));
        Expression IntOf(Expression v) => Expression.Convert(Word(v), typeof(uint));
        Expression Glob(string pattern, Expression v) => Expression.Call(typeof(Glob).GetMethod(nameof(Bgpd.Filters.Values.Glob.Match))!,
            Expression.Call(typeof(MemoryExtensions).GetMethod(nameof(MemoryExtensions.AsSpan), [typeof(string)])!, Expression.Constant(pattern)),
            Expression.Call(typeof(MemoryExtensions).GetMethod(nameof(MemoryExtensions.AsSpan), [typeof(string)])!, Expression.Property(v, nameof(Value.AsString))));

        var src = Expression.Variable(typeof(Value), "src");
        var lp = Expression.Variable(typeof(Value), "lp");
        var ifn = Expression.Variable(typeof(Value), "ifn");
        var net = Expression.Variable(typeof(Value), "net");
        var ret = Expression.Label(typeof(FilterResult));
        var body = Expression.Block([src, lp, ifn, net],
            Expression.Assign(src, Get(RouteAttribute.Source)),
            Expression.Assign(lp, Get(RouteAttribute.BgpLocalPref)),
            Expression.IfThenElse(
                Expression.AndAlso(Expression.AndAlso(IsDefined(src), Expression.Equal(Word(src), Expression.Constant(11UL))), IsDefined(lp)),
                SetInt(RouteAttribute.KrtMetric, Expression.Subtract(Expression.Constant(2147483647u), IntOf(lp))),
                Expression.Block(
                    Expression.IfThen(Expression.Not(IsDefined(Get(RouteAttribute.KrtMetric))), SetInt(RouteAttribute.KrtMetric, Expression.Constant(1024u))),
                    SetInt(RouteAttribute.BgpLocalPref, Expression.Subtract(Expression.Constant(2147483647u), IntOf(Get(RouteAttribute.KrtMetric)))))),
            Expression.Assign(ifn, Get(RouteAttribute.IfName)),
            Expression.Assign(net, Get(RouteAttribute.Net)),
            Expression.IfThen(
                Expression.OrElse(Expression.OrElse(Glob("tap*", ifn), Glob("cali*", ifn)), Glob("dummy1", ifn)),
                Expression.IfThen(Expression.Not(Expression.Call(typeof(ValueOps).GetMethod(nameof(ValueOps.Same))!, net, Expression.Constant(Value.Net(Prefix.Parse("0.0.0.0/0"))))),
                    Expression.Return(ret, Expression.Constant(FilterResult.Accept)))),
            Expression.Label(ret, Expression.Constant(FilterResult.Reject)));
        return Expression.Lambda<Func<IFilterRoute, FilterResult>>(body, r).Compile();
    }
}
