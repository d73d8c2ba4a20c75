using Bgpd.LabTool.Shell;

namespace Bgpd.LabTool.Cli;

/// <summary>A small argument cursor: positionals, --name VALUE options (repeatable), and "--" rest.</summary>
public sealed class Arguments
{
    private readonly List<string> _positionals = [];
    private readonly Dictionary<string, List<string>> _options = new(StringComparer.Ordinal);

    public Arguments(IEnumerable<string> args, IReadOnlySet<string> valueOptions, IReadOnlySet<string>? flags = null)
    {
        var list = args.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            var arg = list[i];
            if (arg == "--")
            {
                Rest = list.Skip(i + 1).ToList();
                break;
            }

            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                var (name, inline) = arg.IndexOf('=') is var eq and > 0 ? (arg[..eq], arg[(eq + 1)..]) : (arg, null);
                if (flags?.Contains(name) == true)
                {
                    Add(name, "true");
                }
                else if (valueOptions.Contains(name))
                {
                    Add(name, inline ?? (i + 1 < list.Count ? list[++i] : throw new LabException($"{name} needs a value")));
                }
                else
                {
                    throw new LabException($"unknown option {name}");
                }
            }
            else
            {
                _positionals.Add(arg);
            }
        }
    }

    public IReadOnlyList<string> Positionals => _positionals;

    public IReadOnlyList<string> Rest { get; } = [];

    public IReadOnlyList<string> All(string option) => _options.TryGetValue(option, out var values) ? values : [];

    public string? Value(string option) => All(option).LastOrDefault();

    public bool Flag(string option) => _options.ContainsKey(option);

    private void Add(string name, string value)
    {
        if (!_options.TryGetValue(name, out var values))
        {
            _options[name] = values = [];
        }

        values.Add(value);
    }
}
