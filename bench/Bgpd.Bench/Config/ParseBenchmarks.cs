using BenchmarkDotNet.Attributes;
using Bgpd.Config;
using Bgpd.Config.Lexing;
using Bgpd.Config.Model;

namespace Bgpd.Bench.Config;

/// <summary>
/// Parsing the largest Calico config of the corpus (../shared/fixtures/calico/compiled; the main
/// file plus the files it includes): whole parse, and lexing alone.
/// </summary>
[MemoryDiagnoser]
public class ParseBenchmarks
{
    private string path = "";
    private string text = "";

    [GlobalSetup]
    public void FindLargestCalicoConfig()
    {
        var compiled = Path.Combine(FindRepoRoot(), "..", "shared", "fixtures", "calico", "compiled");
        path = Directory.EnumerateFiles(compiled, "*.cfg", SearchOption.AllDirectories)
            .Where(p => Path.GetFileName(p) is "bird.cfg" or "bird6.cfg")
            .OrderByDescending(p => Directory.EnumerateFiles(Path.GetDirectoryName(p)!, "*.cfg").Sum(f => new FileInfo(f).Length) + new FileInfo(p).Length)
            .ThenBy(p => p, StringComparer.Ordinal)
            .First();
        text = File.ReadAllText(path);
        Console.WriteLine($"// largest Calico config: {path}");
    }

    [Benchmark]
    public BirdConfig ParseLargestCalicoConfig() => ConfigParser.ParseText(text, path);

    [Benchmark]
    public int LexLargestCalicoConfig() => new Lexer(text, path, new LexerOptions(ConfigParser.DetectDialect(text, path))).ReadAll().Count;

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Bgpd.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Bgpd.sln not found above " + AppContext.BaseDirectory);
    }
}
