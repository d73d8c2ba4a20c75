return await Bgpd.Daemon.DaemonProgram.RunAsync(args);
