using System.Diagnostics;
using Bgpd.LabTool.Bench;
using Bgpd.LabTool.Lab;
using Bgpd.LabTool.Shell;
using Bgpd.LabTool.Topology;

namespace Bgpd.LabTool.Cli;

/// <summary>Entry point of the <c>bgpd-lab</c> command.</summary>
public static class LabCommandLine
{
    public const string Usage = """
        usage: bgpd-lab COMMAND ...
          up [TOPOLOGY.yaml] [--daemon NODE=bird|bgpd]... [--lab NAME]
                         build the lab (default conf/lab/openstack.yaml); --daemon all=bgpd sets every node
          down [--lab NAME]            remove the lab's namespaces, veths and daemons (all labs if none named)
          status [--lab NAME]          namespaces, daemons, BGP session states
          exec [--lab NAME] NODE|VM -- COMMAND...
                                       run a command there (birdc/bgpc get the node's socket)
          vm add COMPUTE NAME IP [--lab NAME]    Felix: add a VM (namespace, tap, /32 route)
          vm del COMPUTE NAME [--lab NAME]       Felix: withdraw the route and remove the VM
          bench [--daemons bird,bgpd] [--vms N] [--scale NxM]
                                       convergence figures (see docs/lab.md)
        """;

    public static int Run(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            Console.Out.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }

        try
        {
            return args[0] switch
            {
                "up" => Up(args[1..]),
                "down" => Down(args[1..]),
                "status" => Status(args[1..]),
                "exec" => Exec(args[1..]),
                "vm" => Vm(args[1..]),
                "bench" => BenchCommand.Run(args[1..]),
                _ => throw new LabException($"unknown command '{args[0]}'\n{Usage}"),
            };
        }
        catch (LabException e)
        {
            Console.Error.WriteLine($"bgpd-lab: {e.Message}");
            return 1;
        }
    }

    private static int Up(string[] args)
    {
        var a = new Arguments(args, new HashSet<string> { "--daemon", "--lab" });
        var path = a.Positionals.FirstOrDefault() ?? DefaultTopologyPath();
        var topology = TopologyLoader.Load(path).WithDaemons(ParseDaemonOverrides(a.All("--daemon"), TopologyLoader.Load(path)));
        if (a.Value("--lab") is { } lab)
        {
            topology = topology.WithName(lab);
        }

        LabUp.Up(topology, Console.Out.WriteLine);
        try
        {
            LabOperations.WaitEstablished(topology.Name, TimeSpan.FromSeconds(60));
        }
        catch (LabException e)
        {
            throw new LabException($"{e.Message}\nThe lab is left up for inspection; 'bgpd-lab down --lab {topology.Name}' removes it.");
        }

        Console.Out.Write(LabOperations.Status(topology.Name));
        return 0;
    }

    private static int Down(string[] args)
    {
        var a = new Arguments(args, new HashSet<string> { "--lab" });
        if (a.Value("--lab") is { } lab)
        {
            LabDown.Down(lab);
            Console.Out.WriteLine($"lab {lab} removed");
        }
        else
        {
            var labs = LabDown.DownAll();
            Console.Out.WriteLine(labs.Count == 0 ? "no lab was up" : $"removed: {string.Join(", ", labs)}");
        }

        return 0;
    }

    private static int Status(string[] args)
    {
        var a = new Arguments(args, new HashSet<string> { "--lab" });
        Console.Out.Write(LabOperations.Status(LabOperations.ResolveLab(a.Value("--lab"))));
        return 0;
    }

    private static int Exec(string[] args)
    {
        var a = new Arguments(args, new HashSet<string> { "--lab" });
        if (a.Positionals.Count != 1)
        {
            throw new LabException("usage: bgpd-lab exec NODE|VM -- COMMAND...");
        }

        var argv = LabOperations.ExecArgv(LabOperations.ResolveLab(a.Value("--lab")), a.Positionals[0], a.Rest);
        var info = new ProcessStartInfo(argv[0]) { UseShellExecute = false };
        foreach (var arg in argv.Skip(1))
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new LabException("cannot start ip netns exec");
        process.WaitForExit();
        return process.ExitCode;
    }

    private static int Vm(string[] args)
    {
        var a = new Arguments(args, new HashSet<string> { "--lab" });
        var p = a.Positionals;
        var lab = LabOperations.ResolveLab(a.Value("--lab"));
        switch (p.FirstOrDefault())
        {
            case "add" when p.Count == 4:
                LabOperations.AddVm(lab, p[1], p[2], p[3]);
                Console.Out.WriteLine($"vm {p[2]} ({p[3]}) on {p[1]}, tap {LabNames.Tap(p[2])}");
                return 0;
            case "del" when p.Count is 3 or 4:
                LabOperations.RemoveVm(lab, p[1], p[2]);
                Console.Out.WriteLine($"vm {p[2]} removed from {p[1]}");
                return 0;
            default:
                throw new LabException("usage: bgpd-lab vm add COMPUTE NAME IP | vm del COMPUTE NAME");
        }
    }

    public static IReadOnlyDictionary<string, DaemonKind> ParseDaemonOverrides(IEnumerable<string> specs, LabTopology topology)
    {
        var overrides = new Dictionary<string, DaemonKind>(StringComparer.Ordinal);
        foreach (var spec in specs)
        {
            var eq = spec.IndexOf('=');
            var kind = eq > 0 ? TopologyLoader.ParseDaemon(spec[(eq + 1)..]) : null;
            if (kind is null)
            {
                throw new LabException($"--daemon '{spec}' must be NODE=bird or NODE=bgpd (NODE may be 'all')");
            }

            var node = spec[..eq];
            foreach (var name in node == "all" ? topology.Nodes.Select(n => n.Name) : [node])
            {
                overrides[name] = kind.Value;
            }
        }

        return overrides;
    }

    public static string DefaultTopologyPath()
    {
        var root = DaemonBinaries.RepositoryRoot() ?? throw new LabException("no topology given and no repository found for conf/lab/openstack.yaml");
        return Path.Combine(root, "conf", "lab", "openstack.yaml");
    }
}
