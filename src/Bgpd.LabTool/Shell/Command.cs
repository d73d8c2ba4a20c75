using System.Diagnostics;

namespace Bgpd.LabTool.Shell;

/// <summary>Runs external tools (ip, sysctl, birdc, ping) with a time bound and captured output.</summary>
public static class Command
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public static CommandResult Run(string file, IEnumerable<string> arguments, TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var commandLine = file + " " + string.Join(' ', info.ArgumentList);
        using var process = new Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new LabException($"cannot run '{file}': {e.Message}", e);
        }

        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? DefaultTimeout))
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It exited between the timeout and the kill.
            }

            process.WaitForExit();
            return new CommandResult(commandLine, -1, stdout.Result, stderr.Result + $"\n(timed out after {(timeout ?? DefaultTimeout).TotalSeconds:0.#} s)");
        }

        process.WaitForExit();
        return new CommandResult(commandLine, process.ExitCode, stdout.Result, stderr.Result);
    }

    public static CommandResult Run(string file, params string[] arguments) => Run(file, (IEnumerable<string>)arguments);

    /// <summary>Runs and throws a <see cref="LabException"/> carrying stderr when the tool fails.</summary>
    public static CommandResult Check(string file, params string[] arguments)
    {
        var result = Run(file, arguments);
        if (!result.Succeeded)
        {
            throw new LabException($"'{result.CommandLine}' failed ({result.ExitCode}): {result.StandardError.Trim()}");
        }

        return result;
    }
}
