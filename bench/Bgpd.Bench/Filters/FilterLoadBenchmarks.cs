using BenchmarkDotNet.Attributes;
using Bgpd.Config;
using Bgpd.Config.Model;
using Bgpd.Filters;

namespace Bgpd.Bench.FilterEngine;

/// <summary>
/// What a config load costs in the filter engine for the largest Calico configs: parse once, then
/// compile every filter and function (and every channel's inline filter, as the daemon does) with
/// the closures alone (also what the default tiered backend does at load), or with every filter
/// also compiled to an expression tree (LambdaExpression.Compile per filter).
/// </summary>
[MemoryDiagnoser]
[MinColumn, MedianColumn]
public class FilterLoadBenchmarks
{
    private BirdConfig config = null!;

    [Params("compiled/bgpfilter/filter_names/bird.cfg", "compiled/mesh/ipip-cross-subnet/bird.cfg")]
    public string Config { get; set; } = "";

    [Params(FilterBackend.Tiered, FilterBackend.Trees)]
    public FilterBackend Backend { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "Bgpd.sln"))) dir = dir.Parent;
        config = ConfigParser.ParseFile(Path.Combine([dir?.FullName ?? ".", "..", "shared", "fixtures", "calico", .. Config.Split('/')]));
    }

    [Benchmark(Description = "compile the config's filters (named + every channel's)")]
    public int CompileConfig()
    {
        var program = FilterCompiler.Compile(config, new FilterOptions { Backend = Backend });
        var count = program.Filters.Count;
        foreach (var protocol in config.Protocols)
            foreach (var channel in protocol.Channels)
            {
                if (!program.Compile(channel.Import).IsConstant) count++;
                if (!program.Compile(channel.Export).IsConstant) count++;
            }
        return count;
    }
}
