using System.Net;
using System.Net.Sockets;

namespace Bgpd.Tests.Support;

/// <summary>Loopback TCP ports nobody listens on, taken together so they differ.</summary>
public static class FreePorts
{
    public static int[] Take(int count)
    {
        var probes = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            foreach (var probe in probes) probe.Start();
            return probes.Select(p => ((IPEndPoint)p.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            foreach (var probe in probes) probe.Stop();
        }
    }
}
