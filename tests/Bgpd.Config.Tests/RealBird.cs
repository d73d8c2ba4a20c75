using Bgpd.TestSupport;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Bgpd.Config.Tests;

/// <summary>Runs Debian's real <c>bird -p</c> / <c>bird6 -p</c> on a file and reads its verdict.</summary>
internal static partial class RealBird
{
    public sealed record Verdict(bool Accepted, string? File, int Line, int Column, string? Message, string RawOutput);

    /// <summary>The binary, or null when not installed.</summary>
    public static string? Find(bool v6)
    {
        var name = v6 ? "bird6" : "bird";
        foreach (var dir in new[] { "/usr/sbin", "/usr/bin", "/sbin", "/usr/local/sbin" })
        {
            var path = Path.Combine(dir, name);
            if (File.Exists(path)) return path;
        }
        return null;
    }

    /// <summary>Fails (CI=true) or skips with a reason when BIRD is not installed.</summary>
    public static string Require(bool v6)
    {
        var path = Find(v6);
        if (path is not null) return path;
        var reason = $"Debian's {(v6 ? "bird6" : "bird")} 1.6.8 is not installed; it is needed to compare verdicts";
        Prerequisite.Unavailable(reason);
        return "";
    }

    [GeneratedRegex(@"^bird6?: (?<file>.+):(?<line>\d+):(?<col>\d+) (?<msg>.*)$", RegexOptions.Multiline)]
    private static partial Regex ErrorLine();

    /// <summary>What an accepting <c>bird -p</c> logged (deprecation warnings), without the program-name prefix.</summary>
    public static IReadOnlyList<string> Warnings(string output) =>
        output.Split('\n').Where(l => l.StartsWith("bird: ", StringComparison.Ordinal) || l.StartsWith("bird6: ", StringComparison.Ordinal))
            .Select(l => l[(l.IndexOf(' ') + 1)..].TrimEnd()).ToList();

    public static Verdict Parse(string binary, string configPath)
    {
        var start = new ProcessStartInfo(binary)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-p");
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(configPath);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start " + binary);
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(20)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{binary} -p did not finish within 20 s on {configPath}");
        }
        var output = stderr.Result + stdout.Result;
        if (process.ExitCode == 0) return new Verdict(true, null, 0, 0, null, output);
        var match = ErrorLine().Match(output);
        if (!match.Success) return new Verdict(false, null, 0, 0, null, output);
        return new Verdict(false, match.Groups["file"].Value, int.Parse(match.Groups["line"].Value),
            int.Parse(match.Groups["col"].Value), match.Groups["msg"].Value.TrimEnd(), output);
    }
}
