using Bgpd.Config;
using Bgpd.Config.Model;
using Bgpd.Filters;

namespace Bgpd.Runtime;

/// <summary>
/// Reads a config file: in the bird6 dialect when the daemon runs with <c>-6</c>, otherwise in the
/// dialect the config parser detects (bird, bird6 by name or IPv6 content, or 2.x channel syntax).
/// </summary>
public sealed class ConfigLoader(Dialect? dialect)
{
    /// <summary>Parses <paramref name="path"/>; throws <see cref="ConfigException"/> or <see cref="FileNotFoundException"/>.</summary>
    public BirdConfig Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: No such file or directory", path);
        var config = ConfigParser.ParseFile(path, new ConfigParseOptions(dialect));
        // Filters are part of the config's validity: compile them now so errors carry file:line:col.
        FilterCompiler.Compile(config);
        return config;
    }
}
