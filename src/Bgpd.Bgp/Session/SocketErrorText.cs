using System.Net.Sockets;

namespace Bgpd.Bgp.Session;

/// <summary>Socket errors worded as Linux strerror(3) words them, which is what BIRD shows after "Socket: ".</summary>
public static class SocketErrorText
{
    public static string Describe(SocketError error) => error switch
    {
        SocketError.ConnectionRefused => "Connection refused",
        SocketError.HostUnreachable => "No route to host",
        SocketError.NetworkUnreachable => "Network is unreachable",
        SocketError.TimedOut => "Connection timed out",
        SocketError.ConnectionReset => "Connection reset by peer",
        SocketError.AddressNotAvailable => "Cannot assign requested address",
        SocketError.AddressAlreadyInUse => "Address already in use",
        SocketError.AccessDenied => "Permission denied",
        SocketError.Shutdown => "Broken pipe",
        SocketError.ConnectionAborted => "Software caused connection abort",
        SocketError.NetworkDown => "Network is down",
        SocketError.HostDown => "Host is down",
        _ => error.ToString(),
    };

    /// <summary>The text BIRD uses when the peer closed the connection cleanly.</summary>
    public const string ConnectionClosed = "Connection closed";
}
