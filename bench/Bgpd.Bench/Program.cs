using BenchmarkDotNet.Running;

namespace Bgpd.Bench;

/// <summary>Entry point: pick benchmarks with BenchmarkDotNet's switcher, e.g. `--filter '*Rib*'`.</summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
