namespace Bgpd.LabTool.Cli;

/// <summary>Entry point of the <c>bgpd-lab</c> command; subcommands are added as they land.</summary>
public static class LabCommandLine
{
    public static int Run(string[] args)
    {
        Console.Error.WriteLine("usage: bgpd-lab up|down|status|exec|vm|bench ...");
        return args.Length == 0 ? 2 : 2;
    }
}
