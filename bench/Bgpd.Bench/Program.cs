using BenchmarkDotNet.Running;

namespace Bgpd.Bench;

/// <summary>
/// Entry point: pick benchmarks with BenchmarkDotNet's switcher, e.g. `--filter '*Rib*'`;
/// `--retained [N]` measures a table's bytes per route instead (<see cref="Rib.RetainedMemory"/>).
/// </summary>
public static class Program
{
    public static void Main(string[] args)
    {
        if (args is ["--retained", .. var rest])
        {
            Rib.RetainedMemory.Run(rest is [var count, ..] ? int.Parse(count) : 1_000_000);
            return;
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
