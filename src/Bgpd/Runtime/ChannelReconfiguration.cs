using Bgpd.Config;
using Bgpd.Config.Filters;
using Bgpd.Config.Model;
using Bgpd.Filters;
using Bgpd.Rib;
using Bgpd.Rib.Protocols;

namespace Bgpd.Runtime;

/// <summary>
/// BIRD's reconfiguration of a protocol whose own options did not change: the new filters,
/// preference and limits go into the running channels, and the protocol keeps running (a BGP
/// session stays up when only its filters changed, as Calico's regenerated configs need).
/// A changed import filter re-imports (BGP: route refresh), a changed export filter re-feeds;
/// <c>configure soft</c> installs the new filters for future routes only.
/// </summary>
public static class ChannelReconfiguration
{
    static readonly FilterRef Placeholder = new FilterAll(SourcePos.None);

    /// <summary>True when the two configs differ at most in their channels' filters, preference and limits (and `debug`).</summary>
    public static bool DiffersOnlyInChannelSettings(ProtocolConfig old, ProtocolConfig updated) =>
        old.Channels.Count == updated.Channels.Count && WithoutChannelSettings(old).Equals(WithoutChannelSettings(updated));

    /// <summary>
    /// Applies the new channel settings in place. Returns false when the protocol must restart
    /// instead (a change the channel cannot take, or an import change it cannot re-import).
    /// </summary>
    public static bool Apply(Protocol running, ProtocolConfig old, BirdConfig oldBird, ProtocolConfig updated, BirdConfig updatedBird,
        FilterProgram program, bool soft, RoutingLoop loop)
    {
        if (running.Channels.Count != updated.Channels.Count) return false;
        var changes = new (ChannelOptions Options, bool Import, bool Export)[updated.Channels.Count];
        for (var i = 0; i < changes.Length; i++)
        {
            var channel = running.Channels[i];
            var options = ChannelMapping.Options(updated.Channels[i], program) with
            {
                // Set by the protocol itself from its own options, which are unchanged here.
                ExportMode = channel.ExportMode,
                MergeLimit = channel.MergeLimit,
            };
            var (importChanged, exportChanged) = FiltersChanged(old.Channels[i], oldBird, updated.Channels[i], updatedBird, soft);
            changes[i] = (options, importChanged, exportChanged);
        }
        if (changes.Any(c => c.Import || c.Export)) loop.Log(RibLogLevel.Info, $"Reloading protocol {running.Name}");
        for (var i = 0; i < changes.Length; i++)
            if (!running.Channels[i].Reconfigure(changes[i].Options, changes[i].Import, changes[i].Export))
                return false;
        return true;
    }

    /// <summary>
    /// Which of a channel's filters changed in body (BIRD's <c>filter_same</c>), i.e. needs a re-import or a
    /// re-feed; <c>configure soft</c> asks for neither.
    /// </summary>
    public static (bool Import, bool Export) FiltersChanged(ChannelConfig old, BirdConfig oldBird, ChannelConfig updated, BirdConfig updatedBird, bool soft) =>
        soft
            ? (false, false)
            : (!BirdConfig.IsFilterUnchanged(old.Import, oldBird, updated.Import, updatedBird),
               !BirdConfig.IsFilterUnchanged(old.Export, oldBird, updated.Export, updatedBird));

    static ProtocolConfig WithoutChannelSettings(ProtocolConfig config) => config with
    {
        Debug = Bgpd.Config.Model.DebugFlags.None,
        Channels = config.Channels.Select(c => c with
        {
            Import = Placeholder,
            Export = Placeholder,
            Preference = 0,
            ReceiveLimit = null,
            ImportLimit = null,
            ExportLimit = null,
            Debug = null,
        }).ToValueList(),
    };
}
