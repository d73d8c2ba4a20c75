namespace Bgpd.LabTool.Bench;

/// <summary>The <c>bench</c> subcommand (convergence figures).</summary>
public static class BenchCommand
{
    public static int Run(string[] args)
    {
        throw new Shell.LabException("bench is not implemented yet" + (args.Length > 0 ? "" : ""));
    }
}
