namespace Bgpd.LabTool.Shell;

/// <summary>What a finished child process left behind.</summary>
public sealed record CommandResult(string CommandLine, int ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;
}
