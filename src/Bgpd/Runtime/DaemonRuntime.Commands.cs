using Bgpd.Config;
using Bgpd.Config.Model;
using Bgpd.Control;
using Bgpd.Filters;
using Bgpd.Rib.Protocols;
using Microsoft.Extensions.Logging;

namespace Bgpd.Runtime;

/// <summary>The state-changing commands: enable/disable/restart/reload and configure.</summary>
public sealed partial class DaemonRuntime
{
    /// <summary>Raised on the routing loop after a config took effect (the host re-reads log targets).</summary>
    public event Action<BirdConfig>? ConfigApplied;

    public IReadOnlyList<ActionLine> Apply(ProtocolAction action, IReadOnlyList<string> names, string? message)
    {
        var lines = new List<ActionLine>();
        foreach (var name in names)
        {
            if (_state.Find(name) is not { } p) continue;
            switch (action)
            {
                case ProtocolAction.Enable:
                    if (!p.Disabled) { lines.Add(new(10, $"{name}: already enabled")); break; }
                    // Logged before the protocol's own trace lines, as BIRD orders them.
                    _logger.LogInformation("Enabling protocol {Name}", name);
                    p.Enable(message);
                    lines.Add(new(11, $"{name}: enabled"));
                    break;
                case ProtocolAction.Disable:
                    if (p.Disabled) { lines.Add(new(8, $"{name}: already disabled")); break; }
                    _logger.LogInformation("Disabling protocol {Name}", name);
                    p.Disable(message);
                    lines.Add(new(9, $"{name}: disabled"));
                    break;
                case ProtocolAction.Restart:
                    if (p.Disabled) { lines.Add(new(8, $"{name}: already disabled")); break; }
                    _logger.LogInformation("Restarting protocol {Name}", name);
                    p.Restart(message);
                    lines.Add(new(12, $"{name}: restarted"));
                    break;
                default:
                    if (p.Disabled) { lines.Add(new(8, $"{name}: already disabled")); break; }
                    if (p.State != ProtocolState.Up) break;
                    var direction = action switch
                    {
                        ProtocolAction.ReloadIn => ReloadDirection.In,
                        ProtocolAction.ReloadOut => ReloadDirection.Out,
                        _ => ReloadDirection.Both,
                    };
                    lines.Add(p.Reload(direction) ? new(15, $"{name}: reloading") : new(8006, $"{name}: reload failed"));
                    break;
            }
        }
        return lines;
    }

    public async Task<CommandOutcome> ConfigureAsync(ConfigureCommand command)
    {
        if (_shuttingDown) return CommandOutcome.Error(6, "Reconfiguration ignored, shutting down");
        switch (command.Kind)
        {
            case ConfigureKind.Confirm:
                return await _loop.InvokeAsync(() =>
                {
                    if (_undoTimer is null) return CommandOutcome.Error(19, "Nothing to do");
                    _undoTimer.Dispose();
                    _undoTimer = null;
                    return CommandOutcome.Error(18, "Reconfiguration confirmed");
                });
            case ConfigureKind.Undo:
                return await _loop.InvokeAsync(() =>
                {
                    if (_undoConfig is not { } previous) return CommandOutcome.Error(19, "Nothing to do");
                    var lines = new List<ActionLine> { new(21, "Undo requested") };
                    var outcome = Commit(previous, soft: false, lines, undoable: false);
                    return outcome;
                });
        }
        var file = command.File ?? _configFile;
        var reading = new ActionLine(2, $"Reading configuration from {file}");
        BirdConfig parsed;
        try
        {
            parsed = _loader.Load(file);
        }
        catch (ConfigException e)
        {
            return new CommandOutcome([reading], 8002, e.ControlSocketText);
        }
        catch (FileNotFoundException)
        {
            return new CommandOutcome([reading], 8002, $"{file}: No such file or directory");
        }
        catch (IOException e)
        {
            return new CommandOutcome([reading], 8002, $"{file}: {e.Message}");
        }
        foreach (var warning in parsed.Warnings) _logger.LogWarning("{Warning}", warning);
        if (command.Kind == ConfigureKind.Check) return new CommandOutcome([reading], 20, "Configuration OK");
        return await _loop.InvokeAsync(() =>
        {
            var lines = new List<ActionLine> { reading };
            var outcome = Commit(parsed, command.Kind == ConfigureKind.Soft, lines, undoable: true);
            if (outcome.FinalCode < 8000 && command.Timeout is { } seconds)
            {
                ScheduleUndo(seconds);
                return new CommandOutcome([.. lines, new(22, $"Undo scheduled in {seconds} s")], outcome.FinalCode, outcome.FinalText);
            }
            return outcome;
        });
    }

    /// <summary>Runs on the loop: switches to <paramref name="config"/>, keeping the old one on any error.</summary>
    CommandOutcome Commit(BirdConfig config, bool soft, List<ActionLine> lines, bool undoable)
    {
        _logger.LogInformation("Reconfiguring");
        var previousRouterId = _services.RouterId;
        _services.RouterId = config.RouterId ?? RouterIdChooser.Choose();
        bool busy;
        try
        {
            busy = _state.Apply(config, soft);
        }
        catch (UnsupportedFeatureException e)
        {
            _services.RouterId = previousRouterId;
            return new CommandOutcome(lines, 8002, e.ControlSocketText);
        }
        catch (ConfigException e)
        {
            _services.RouterId = previousRouterId;
            return new CommandOutcome(lines, 8002, e.ControlSocketText);
        }
        _undoConfig = undoable ? _config : null;
        _config = config;
        RouterId = _services.RouterId;
        TimeFormats = TimeFormatMapping.Convert(config.TimeFormats);
        _reconfigTime = Now;
        ConfigApplied?.Invoke(config);
        _logger.LogInformation("Reconfigured");
        return busy
            ? new CommandOutcome(lines, 4, "Reconfiguration in progress")
            : new CommandOutcome(lines, 3, "Reconfigured");
    }

    void ScheduleUndo(int seconds)
    {
        _undoTimer?.Dispose();
        _undoTimer = _time.CreateTimer(_ => _loop.Post(() =>
        {
            if (_undoTimer is null || _undoConfig is not { } previous) return;
            _undoTimer.Dispose();
            _undoTimer = null;
            _logger.LogInformation("Config timeout expired, starting undo");
            Commit(previous, soft: false, [], undoable: false);
        }), null, TimeSpan.FromSeconds(seconds), Timeout.InfiniteTimeSpan);
    }

    /// <summary><c>eval EXPR</c> with the running config's symbols: <c>0023 value</c>, 9001 for parse errors, 8008 at run time.</summary>
    public CommandOutcome Eval(string expression)
    {
        var program = _state.Program ?? FilterCompiler.Empty(_config.Dialect);
        var result = program.Eval(expression);
        if (result.Ok) return CommandOutcome.Error(23, result.Text);
        return result.IsParseError ? CommandOutcome.Error(9001, result.Error!) : CommandOutcome.Error(8008, "runtime error");
    }
}
