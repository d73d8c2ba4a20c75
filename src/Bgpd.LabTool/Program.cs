return Bgpd.LabTool.Cli.LabCommandLine.Run(args);
