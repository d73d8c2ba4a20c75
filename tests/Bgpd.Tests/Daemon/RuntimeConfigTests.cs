using System.Text.Json;
using Bgpd.Daemon;

namespace Bgpd.Tests.Daemon;

public class RuntimeConfigTests
{
    [Test]
    public void Daemon_runs_without_tiered_compilation_so_routes_never_wait_for_a_rejit()
    {
        var daemonAssembly = typeof(DaemonProgram).Assembly.Location;
        var runtimeConfig = Path.ChangeExtension(daemonAssembly, ".runtimeconfig.json");
        Assert.That(File.Exists(runtimeConfig), Is.True, $"{runtimeConfig} is missing");

        using var json = JsonDocument.Parse(File.ReadAllText(runtimeConfig));
        var properties = json.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.That(properties.TryGetProperty("System.Runtime.TieredCompilation", out var tiered), Is.True);
        Assert.That(tiered.GetBoolean(), Is.False);
    }
}
