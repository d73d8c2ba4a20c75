namespace Bgpd.Bgp.Tests.Interop;

/// <summary>Where the interop peers from Debian's packages live (scripts/install-deps.sh installs them; bird2 is unpacked).</summary>
internal static class PeerBinaries
{
    public const string Bird = "/usr/sbin/bird";
    public const string Birdc = "/usr/sbin/birdc";
    public const string Bird6 = "/usr/sbin/bird6";
    public const string Birdc6 = "/usr/sbin/birdc6";
    public const string Bird2 = "/opt/bgpd-deps/bird2/usr/sbin/bird";
    public const string Birdc2 = "/opt/bgpd-deps/bird2/usr/sbin/birdc";
    public const string Gobgpd = "/usr/bin/gobgpd";
    public const string Gobgp = "/usr/bin/gobgp";
    public const string FrrBgpd = "/usr/lib/frr/bgpd";
    public const string Vtysh = "/usr/bin/vtysh";
}
