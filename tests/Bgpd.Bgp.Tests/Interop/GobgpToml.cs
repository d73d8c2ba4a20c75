namespace Bgpd.Bgp.Tests.Interop;

/// <summary>gobgpd's TOML for one neighbor, bound to its own address, retrying the connection every second.</summary>
internal static class GobgpToml
{
    public static string OneNeighbor(uint localAs, string address, string neighbor, uint peerAs) => $$"""
        [global.config]
          as = {{localAs}}
          router-id = "{{address}}"
          local-address-list = ["{{address}}"]
        [[neighbors]]
          [neighbors.config]
            neighbor-address = "{{neighbor}}"
            peer-as = {{peerAs}}
          [neighbors.timers.config]
            connect-retry = 1
        """;
}
