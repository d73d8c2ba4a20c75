namespace Bgpd.Rib.Attributes;

/// <summary>Casting type, as BIRD's RTC_* constants; routes are practically always unicast.</summary>
public enum RouteCast : byte
{
    /// <summary>RTC_UNICAST.</summary>
    Unicast = 0,
    /// <summary>RTC_BROADCAST.</summary>
    Broadcast = 1,
    /// <summary>RTC_MULTICAST.</summary>
    Multicast = 2,
    /// <summary>RTC_ANYCAST (IPv6).</summary>
    Anycast = 3,
}
