using Bgpd.Config.Model;
using Bgpd.Filters;
using Bgpd.Rib.Protocols;
using ConfigLimit = Bgpd.Config.Model.RouteLimit;
using ConfigLimitAction = Bgpd.Config.Model.LimitAction;
using RibLimitAction = Bgpd.Rib.Protocols.LimitAction;

namespace Bgpd.Runtime;

/// <summary>Maps a config channel (1.6's implicit one or a 2.x block) onto the RIB's channel options.</summary>
public static class ChannelMapping
{
    public static ChannelOptions Options(ChannelConfig channel, FilterProgram program) => new()
    {
        ImportFilter = FilterCompilation.Compile(channel.Import, program),
        ExportFilter = FilterCompilation.Compile(channel.Export, program),
        Preference = channel.Preference,
        ReceiveLimit = Limit(channel.ReceiveLimit),
        ImportLimit = Limit(channel.ImportLimit),
        ExportLimit = Limit(channel.ExportLimit),
        ImportKeepFiltered = channel.ImportKeepFiltered,
    };

    static RouteLimitOptions? Limit(ConfigLimit? limit) => limit is null
        ? null
        : new RouteLimitOptions((int)Math.Min(limit.Count, int.MaxValue), limit.Action switch
        {
            ConfigLimitAction.Warn => RibLimitAction.Warn,
            ConfigLimitAction.Block => RibLimitAction.Block,
            ConfigLimitAction.Restart => RibLimitAction.Restart,
            _ => RibLimitAction.Disable,
        });
}
