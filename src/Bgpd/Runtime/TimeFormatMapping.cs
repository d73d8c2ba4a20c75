using ConfigFormat = Bgpd.Config.Model.TimeFormat;
using ConfigFormats = Bgpd.Config.Model.TimeFormats;

namespace Bgpd.Runtime;

/// <summary>Maps the config's <c>timeformat</c> settings onto the formatter the control socket and logs use.</summary>
public static class TimeFormatMapping
{
    public static Control.TimeFormats Convert(ConfigFormats f) =>
        new(Convert(f.Route), Convert(f.Protocol), Convert(f.Base), Convert(f.Log));

    public static Control.TimeFormat Convert(ConfigFormat f) =>
        f.LongFormat is null || f.Limit <= 0
            ? new Control.TimeFormat(f.Format)
            : new Control.TimeFormat(f.Format, TimeSpan.FromSeconds(f.Limit), f.LongFormat);
}
