using Bgpd.Net;
using Bgpd.Rib.Attributes;
using Bgpd.Rib.Protocols;
using Bgpd.Rib.Tables;

namespace Bgpd.TestSupport;

/// <summary>
/// Tests read a table's answers as they did when networks and routes were objects (`table.Find(p)!.Best!.Source`):
/// the members of a nullable <see cref="Network"/> or <see cref="Route"/> handle, throwing when it is null
/// (where an object would have thrown a NullReferenceException), so a missing route still fails the test.
/// </summary>
public static class NullableHandles
{
    extension(Network? net)
    {
        public Prefix Prefix => net!.Value.Prefix;
        public Route? First => net!.Value.First;
        public Route? Best => net!.Value.Best;
        public int RouteCount => net!.Value.RouteCount;
        public Network.RouteEnumerable Routes => net!.Value.Routes;
    }

    extension(Route? route)
    {
        public Network Network => route!.Value.Network;
        public Prefix Prefix => route!.Value.Prefix;
        public RouteAttributes Attributes => route!.Value.Attributes;
        public Channel Sender => route!.Value.Sender;
        public Protocol? Source => route!.Value.Source;
        public int Preference => route!.Value.Preference;
        public bool IsFiltered => route!.Value.IsFiltered;
        public bool IsBest => route!.Value.IsBest;
        public bool IsStale => route!.Value.IsStale;
        public bool Suppressed => route!.Value.Suppressed;
        public DateTimeOffset LastModified => route!.Value.LastModified;
        public Route? Next => route!.Value.Next;
    }
}
