namespace Bgpd.Netlink.Rtnetlink;

/// <summary>rtnetlink message types, multicast groups and route header values (linux/rtnetlink.h).</summary>
public static class Rtm
{
    public const ushort NewLink = 16;
    public const ushort DelLink = 17;
    public const ushort GetLink = 18;
    public const ushort NewAddr = 20;
    public const ushort DelAddr = 21;
    public const ushort GetAddr = 22;
    public const ushort NewRoute = 24;
    public const ushort DelRoute = 25;
    public const ushort GetRoute = 26;

    // Multicast group numbers (RTNLGRP_*), used with NETLINK_ADD_MEMBERSHIP.
    public const int GroupLink = 1;
    public const int GroupIpv4Ifaddr = 5;
    public const int GroupIpv4Route = 7;
    public const int GroupIpv6Ifaddr = 9;
    public const int GroupIpv6Route = 11;

    public const byte FamilyUnspec = 0;
    public const byte FamilyInet = 2;
    public const byte FamilyInet6 = 10;
}

/// <summary>rtm_protocol values; bgpd installs its routes as <see cref="Bird"/> exactly like BIRD.</summary>
public static class RouteProtocol
{
    public const byte Unspec = 0;
    public const byte Redirect = 1;
    public const byte Kernel = 2;
    public const byte Boot = 3;
    public const byte Static = 4;
    public const byte Bird = 12;
}

/// <summary>rtm_scope values.</summary>
public static class RouteScope
{
    public const byte Universe = 0;
    public const byte Site = 200;
    public const byte Link = 253;
    public const byte Host = 254;
    public const byte Nowhere = 255;
}

/// <summary>rtm_type values.</summary>
public enum RouteType : byte
{
    Unspec = 0,
    Unicast = 1,
    Local = 2,
    Broadcast = 3,
    Anycast = 4,
    Multicast = 5,
    Blackhole = 6,
    Unreachable = 7,
    Prohibit = 8,
    Throw = 9,
    Nat = 10,
    XResolve = 11,
}

/// <summary>Well-known routing table ids.</summary>
public static class RouteTable
{
    public const uint Unspec = 0;
    public const uint Default = 253;
    public const uint Main = 254;
    public const uint Local = 255;
}

/// <summary>Route attribute types (RTA_*).</summary>
public static class RouteAttr
{
    public const ushort Dst = 1;
    public const ushort Src = 2;
    public const ushort Iif = 3;
    public const ushort Oif = 4;
    public const ushort Gateway = 5;
    public const ushort Priority = 6;
    public const ushort PrefSrc = 7;
    public const ushort Metrics = 8;
    public const ushort Multipath = 9;
    public const ushort Flow = 11;
    public const ushort CacheInfo = 12;
    public const ushort Table = 15;
    public const ushort Mark = 16;
    public const ushort Pref = 20;
    public const ushort Via = 18;
}

/// <summary>rtm_flags and rtnh_flags bits.</summary>
public static class RouteFlags
{
    public const uint NextHopDead = 0x1;
    public const uint NextHopPervasive = 0x2;
    public const uint NextHopOnlink = 0x4;
    public const uint NextHopLinkDown = 0x10;
    public const uint Cloned = 0x200;
}

/// <summary>Interface link attributes (IFLA_*) and flags (IFF_*).</summary>
public static class LinkAttr
{
    public const ushort Address = 1;
    public const ushort IfName = 3;
    public const ushort Mtu = 4;
    public const ushort Link = 5;
    public const ushort Master = 10;
    public const ushort OperState = 16;

    public const uint FlagUp = 0x1;
    public const uint FlagBroadcast = 0x2;
    public const uint FlagLoopback = 0x8;
    public const uint FlagPointToPoint = 0x10;
    public const uint FlagRunning = 0x40;
    public const uint FlagMulticast = 0x1000;
    public const uint FlagLowerUp = 0x10000;
}

/// <summary>Interface address attributes (IFA_*) and flags (IFA_F_*).</summary>
public static class AddrAttr
{
    public const ushort Address = 1;
    public const ushort Local = 2;
    public const ushort Label = 3;
    public const ushort Broadcast = 4;
    public const ushort Flags = 8;

    public const uint FlagSecondary = 0x01;
    public const uint FlagNoDad = 0x02;
    public const uint FlagDadFailed = 0x08;
    public const uint FlagTentative = 0x40;
    public const uint FlagPermanent = 0x80;
}

/// <summary>RTAX_* indexes inside RTA_METRICS.</summary>
public static class MetricAttr
{
    public const ushort Lock = 1;
    public const ushort Mtu = 2;
    public const ushort Window = 3;
    public const ushort Rtt = 4;
    public const ushort RttVar = 5;
    public const ushort SsThresh = 6;
    public const ushort Cwnd = 7;
    public const ushort AdvMss = 8;
    public const ushort Reordering = 9;
    public const ushort HopLimit = 10;
    public const ushort InitCwnd = 11;
    public const ushort Features = 12;
    public const ushort RtoMin = 13;
    public const ushort InitRwnd = 14;
    public const ushort QuickAck = 15;
    public const int Max = 15;
}
