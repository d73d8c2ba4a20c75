namespace Bgpd.Bgp.Wire;

/// <summary>BGP message types (RFC 4271, RFC 2918).</summary>
public enum MessageType : byte
{
    Open = 1,
    Update = 2,
    Notification = 3,
    Keepalive = 4,
    RouteRefresh = 5,
}
