using System.Net.NetworkInformation;
using System.Net.Sockets;
using Bgpd.Net;

namespace Bgpd.Runtime;

/// <summary>BIRD's automatic router id when the config sets none: the lowest IPv4 address of an up, non-loopback interface.</summary>
public static class RouterIdChooser
{
    public static IpAddress Choose()
    {
        IpAddress? best = null;
        foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
        {
            if (nic.OperationalStatus != OperationalStatus.Up && nic.OperationalStatus != OperationalStatus.Unknown) continue;
            if (nic.NetworkInterfaceType == NetworkInterfaceType.Loopback) continue;
            foreach (var unicast in nic.GetIPProperties().UnicastAddresses)
            {
                if (unicast.Address.AddressFamily != AddressFamily.InterNetwork) continue;
                var address = IpAddress.FromSystem(unicast.Address);
                if (best is null || address < best.Value) best = address;
            }
        }
        return best ?? IpAddress.V4Zero;
    }
}
