using Bgpd.Config.Model;
using Bgpd.Filters;
using Bgpd.Rib.Static;
using ConfigKind = Bgpd.Config.Model.StaticRouteKind;
using RibKind = Bgpd.Rib.Static.StaticRouteKind;

namespace Bgpd.Runtime;

/// <summary>Maps <c>protocol static</c> onto the RIB's static protocol options.</summary>
public static class StaticMapping
{
    public static StaticOptions Options(StaticConfig config, FilterProgram program) => new()
    {
        Channel = ChannelMapping.Options(config.MainChannel!, program),
        Routes = config.Routes.Select(r => Route(r, program)).ToList(),
        CheckLink = config.CheckLink,
    };

    static StaticRouteOptions Route(StaticRoute r, FilterProgram program)
    {
        var options = r.Kind switch
        {
            ConfigKind.Via when r.NextHops.Count == 1 => StaticRouteOptions.Via(r.Net, r.NextHops[0].Gateway, r.NextHops[0].Interface),
            ConfigKind.Via => StaticRouteOptions.Multipath(r.Net,
                r.NextHops.Select(h => new StaticNextHopOptions(h.Gateway, h.Interface, h.Weight)).ToArray()),
            ConfigKind.Interface => StaticRouteOptions.Device(r.Net, r.Interface!),
            ConfigKind.Recursive => StaticRouteOptions.Recursive(r.Net, r.RecursiveGateway!.Value),
            ConfigKind.Blackhole => StaticRouteOptions.Blackhole(r.Net),
            ConfigKind.Unreachable => StaticRouteOptions.Unreachable(r.Net),
            _ => StaticRouteOptions.Prohibit(r.Net),
        };
        return r.Attributes is null ? options : options with { Commands = FilterCompilation.CompileBlock(r.Attributes, r.Pos, program) };
    }
}
