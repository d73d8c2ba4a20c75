using System.Text;

namespace Bgpd.Netlink.Device;

/// <summary>Renders <c>show interfaces [summary]</c> exactly as BIRD 1.6 does. Each line is returned with
/// its reply code; the control layer adds the <c>NNNN-</c>/continuation framing.</summary>
public static class InterfaceRenderer
{
    public static IEnumerable<(int Code, string Text)> Show(InterfaceTable table)
    {
        foreach (var i in table.Interfaces)
        {
            var master = i.MasterIndex != 0 && table.Find(i.MasterIndex) is { } m ? $" master={m.Name}" : "";
            yield return (1001, $"{i.Name} {(i.IsUp ? "up" : "DOWN")} (index={i.Index}{master})");
            yield return (1004, "\t" + FlagsText(i));
            if (i.Primary is { } primary)
                yield return (1003, "\t" + AddressText(primary));
            foreach (var a in i.Addresses)
                if (!ReferenceEquals(a, i.Primary))
                    yield return (1003, "\t" + AddressText(a));
        }
    }

    public static IEnumerable<(int Code, string Text)> Summary(InterfaceTable table)
    {
        yield return (2005, "interface state address");
        foreach (var i in table.Interfaces)
        {
            var address = i.Primary is { } p ? $"{p.Address}/{p.PrefixLength}" : "";
            yield return (1005, $"{i.Name,-9} {(i.IsUp ? "up" : "DOWN"),-5} {address}");
        }
    }

    private static string FlagsText(NetInterface i)
    {
        var sb = new StringBuilder();
        sb.Append(i.IsPointToPoint ? "PtP" : "MultiAccess");
        if (i.IsBroadcast) sb.Append(" Broadcast");
        if (i.IsMulticast) sb.Append(" Multicast");
        sb.Append(i.AdminUp ? " AdminUp" : " AdminDown");
        sb.Append(i.LinkUp ? " LinkUp" : " LinkDown");
        if (i.IsLoopback) sb.Append(" Loopback");
        if (i.IsIgnored) sb.Append(" Ignored");
        sb.Append(" MTU=").Append(i.Mtu);
        return sb.ToString();
    }

    private static string AddressText(InterfaceAddress a)
    {
        var kind = a.IsPrimary ? "Primary" : a.IsSecondary ? "Secondary" : "Unselected";
        var opposite = a.Peer is { } peer ? $", opposite {peer}" : "";
        return $"{a.Address}/{a.PrefixLength} ({kind}{opposite}, scope {AddressScopes.Text(a.Scope)})";
    }
}
