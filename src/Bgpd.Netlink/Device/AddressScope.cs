using Bgpd.Net;

namespace Bgpd.Netlink.Device;

/// <summary>BIRD's address scopes, derived from the address itself (not the kernel's ifa_scope), which is
/// why a 10.0.0.0/8 address shows as <c>scope site</c> in <c>show interfaces</c>.</summary>
public enum AddressScope
{
    Host = 0,
    Link = 1,
    Site = 2,
    Org = 3,
    Universe = 4,
}

public static class AddressScopes
{
    /// <summary>Classifies an address the way BIRD 1.6 does; null for addresses BIRD rejects (multicast, 0.0.0.0, ::).</summary>
    public static AddressScope? Classify(IpAddress address)
    {
        if (!address.IsV6)
        {
            var a = address.V4Value;
            var top = a >> 24;
            if (top is > 0 and <= 0xDF)
            {
                if (top == 0x7F) return AddressScope.Host;
                if (top == 0x0A || (a & 0xFFFF0000) == 0xC0A80000 || (a & 0xFFF00000) == 0xAC100000) return AddressScope.Site;
                return AddressScope.Universe;
            }
            if (a == 0xFFFFFFFF) return AddressScope.Link;
            return null;
        }
        var bits = address.Bits;
        var x = (uint)(bits >> 96);
        if ((x & 0xE0000000) == 0x20000000) return AddressScope.Universe;
        if ((x & 0xFFC00000) == 0xFE800000) return AddressScope.Link;
        if ((x & 0xFFC00000) == 0xFEC00000) return AddressScope.Site;
        if ((x & 0xFE000000) == 0xFC000000) return AddressScope.Site;
        if ((x & 0xFF000000) == 0xFF000000) return null;
        if (bits == UInt128.One) return AddressScope.Host;
        if (bits == UInt128.Zero) return null;
        return AddressScope.Universe;
    }

    public static string Text(AddressScope scope) => scope switch
    {
        AddressScope.Host => "host",
        AddressScope.Link => "link",
        AddressScope.Site => "site",
        AddressScope.Org => "org",
        _ => "univ",
    };
}
