using Bgpd.Config;
using Bgpd.Config.Model;
using Bgpd.Control;
using Bgpd.Control.Renderers;
using Bgpd.Daemon.Logging;
using Bgpd.Runtime;

namespace Bgpd.Daemon;

/// <summary>
/// What <c>bgpd</c> does with its command line: help/version, <c>-p</c>, the single-instance check,
/// detaching, then hosting the daemon until SIGTERM/SIGINT or <c>down</c>.
/// </summary>
public static class DaemonProgram
{
    public const string Version = "0.1.0";

    public static async Task<int> RunAsync(string[] args)
    {
        SocketRuntime.Configure();
        DaemonOptions options;
        try
        {
            options = CommandLine.Parse(args, CommandLine.InvokedAs());
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"bgpd: {e.Message}");
            Console.Error.WriteLine();
            Console.Error.Write(CommandLine.Usage);
            return 1;
        }
        if (options.ShowHelp)
        {
            Console.Write(CommandLine.Usage);
            return 0;
        }
        if (options.ShowVersion)
        {
            Console.WriteLine($"bgpd version {Version} (speaks BIRD {StatusRenderer.BirdVersion}'s config, command line and control socket)");
            return 0;
        }

        var loader = new ConfigLoader(options.Ipv6 ? Dialect.Bird16v6 : null);
        BirdConfig config;
        try
        {
            config = loader.Load(options.ConfigFile);
        }
        catch (ConfigException e)
        {
            Console.Error.WriteLine(e.ToString());
            return 1;
        }
        catch (IOException e)
        {
            Console.Error.WriteLine($"bgpd: Unable to open configuration file {options.ConfigFile}: {Reason(e)}");
            return 1;
        }
        // Logging is not set up yet: BIRD prints what it warns about while reading the config on stderr too.
        foreach (var warning in config.Warnings) Console.Error.WriteLine($"bgpd: {warning}");
        if (options.ParseOnly) return 0;

        int? uid, gid;
        try
        {
            (uid, gid) = Identity.Resolve(options.User, options.Group);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"bgpd: {e.Message}");
            return 1;
        }
        if (ControlServer.AnotherInstanceAnswers(options.SocketPath))
        {
            Console.Error.WriteLine("bgpd: I found another BIRD running.");
            return 1;
        }
        if (!options.StaysInForeground)
            return Daemonizer.SpawnDetached(args, options.SocketPath, TimeSpan.FromSeconds(30));
        if (options.Detached && !PrivilegeDrop.Done) Interop.Posix.NewSession();
        if ((uid is not null || gid is not null) && !PrivilegeDrop.Done)
        {
            try
            {
                PrivilegeDrop.ExecAsUser(options.SocketPath, uid, gid);
            }
            catch (IOException e)
            {
                Console.Error.WriteLine($"bgpd: {e.Message}");
                return 1;
            }
        }

        return await HostAsync(options, config, loader);
    }

    static string Reason(IOException e) => e is FileNotFoundException or DirectoryNotFoundException ? "No such file or directory" : e.Message;

    static async Task<int> HostAsync(DaemonOptions options, BirdConfig config, ConfigLoader loader)
    {
        MemoryTrace.StartIfRequested();
        var time = TimeProvider.System;
        using var sinks = new BirdLogSinks(time);
        sinks.Configure(LogTargets.From(config, options), TimeFormatMapping.Convert(config.TimeFormats.Log));
        // Every logger writes straight into BIRD's log sinks: no generic host, DI container or logger
        // factory in the daemon (they cost start-up time and memory in every process; see DaemonHost).
        var logs = new BirdLoggerProvider(sinks);
        await using var runtime = new DaemonRuntime(config, loader, options.ConfigFile, options.GracefulRestartRecovery,
            logs.CreateLogger("bgpd"), time);
        runtime.ConfigApplied += applied => sinks.Configure(LogTargets.From(applied, options), TimeFormatMapping.Convert(applied.TimeFormats.Log));
        var host = new DaemonHost(options, runtime, sinks, logs.CreateLogger(nameof(DaemonHost)));
        try
        {
            await host.RunAsync();
            return 0;
        }
        catch (UnsupportedFeatureException e)
        {
            Console.Error.WriteLine(e.ToString());
            return 1;
        }
        catch (IOException e)
        {
            Console.Error.WriteLine($"bgpd: {e.Message}");
            return 1;
        }
    }
}
