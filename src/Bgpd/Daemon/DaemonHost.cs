using System.Runtime.InteropServices;
using Bgpd.Control;
using Bgpd.Daemon.Logging;
using Bgpd.Runtime;
using Microsoft.Extensions.Logging;

namespace Bgpd.Daemon;

/// <summary>
/// Runs the daemon: starts protocols and the control socket, reconfigures on SIGHUP, and on
/// SIGTERM/SIGINT/SIGQUIT (or <c>down</c>) stops protocols, removes the socket and the pid file.
/// This is all a generic host (Microsoft.Extensions.Hosting) did for bgpd; without it the daemon loads
/// no DI container, configuration or options stack (measured in bench/throughput/RESULTS.md).
/// </summary>
public sealed class DaemonHost(
    DaemonOptions options,
    IDaemonRuntime runtime,
    BirdLogSinks sinks,
    ILogger logger)
{
    readonly TaskCompletionSource _stopRequested = new(TaskCreationOptions.RunContinuationsAsynchronously);
    ControlServer? _server;
    PidFile? _pidFile;
    PosixSignalRegistration? _hangup;

    /// <summary>Starts, runs until a stop signal or <c>down</c>, then stops; a start failure is thrown.</summary>
    public async Task RunAsync()
    {
        // Registered before anything starts, so a SIGTERM during start-up stops the daemon once started.
        using var terminate = OnSignal(PosixSignal.SIGTERM);
        using var interrupt = OnSignal(PosixSignal.SIGINT);
        using var quit = OnSignal(PosixSignal.SIGQUIT);
        await StartAsync();
        await _stopRequested.Task;
        await StopAsync();
    }

    PosixSignalRegistration OnSignal(PosixSignal signal) => PosixSignalRegistration.Create(signal, context =>
    {
        context.Cancel = true;
        _stopRequested.TrySetResult();
    });

    async Task StartAsync()
    {
        // Before the socket exists: a SIGHUP sent as soon as the daemon answers must not kill it.
        _hangup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
        {
            context.Cancel = true;
            _ = ReconfigureOnSignalAsync();
        });
        if (options.PidFile is { } pidPath)
        {
            _pidFile = new PidFile(pidPath);
            _pidFile.Write(Environment.ProcessId);
        }
        // Protocols first, then the socket: a client that connects sees the configured protocols.
        await runtime.StartAsync();
        var dispatcher = new CommandDispatcher(runtime);
        _server = new ControlServer(options.SocketPath, dispatcher, logger);
        var (uid, gid) = Identity.Resolve(options.User, options.Group);
        _server.Start(uid, gid);
        sinks.Echo = (c, message) => _server.Echo(BirdLogClasses.Word(c), message);
        runtime.ShutdownRequested += () => _stopRequested.TrySetResult();
        logger.LogInformation("Started");
    }

    async Task ReconfigureOnSignalAsync()
    {
        try
        {
            var outcome = await runtime.ConfigureAsync(new ConfigureCommand(ConfigureKind.Normal, null, null));
            if (outcome.FinalCode >= 8000) logger.LogError("{Message}", outcome.FinalText);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.LogError(e, "Reconfiguration failed");
        }
    }

    async Task StopAsync()
    {
        logger.LogInformation("Shutting down");
        _hangup?.Dispose();
        await runtime.StopAsync();
        if (_server is not null) await _server.DisposeAsync();
        sinks.Echo = null;
        _pidFile?.Dispose();
        logger.LogInformation("Shutdown completed");
    }
}
