using System.Runtime.InteropServices;
using Bgpd.Control;
using Bgpd.Daemon.Logging;
using Bgpd.Runtime;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bgpd.Daemon;

/// <summary>
/// Runs the daemon inside Microsoft.Extensions.Hosting: starts protocols and the control socket,
/// reconfigures on SIGHUP, and on SIGTERM/SIGINT (or <c>down</c>) stops protocols, removes the
/// socket and the pid file.
/// </summary>
public sealed class DaemonHost(
    DaemonOptions options,
    IDaemonRuntime runtime,
    BirdLogSinks sinks,
    ILogger<DaemonHost> logger,
    IHostApplicationLifetime lifetime) : IHostedService
{
    ControlServer? _server;
    PidFile? _pidFile;
    PosixSignalRegistration? _hangup;

    public async Task StartAsync(CancellationToken cancellationToken)
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
        runtime.ShutdownRequested += () => lifetime.StopApplication();
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

    public async Task StopAsync(CancellationToken cancellationToken)
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
