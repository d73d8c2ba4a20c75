using Bgpd.Net;
using Bgpd.Netlink.Device;
using Bgpd.Netlink.Rtnetlink;

namespace Bgpd.Netlink.Tests.Device;

public class InterfaceTableTests
{
    private const uint Up = LinkAttr.FlagUp | LinkAttr.FlagRunning | LinkAttr.FlagLowerUp;
    private const uint Ether = LinkAttr.FlagBroadcast | LinkAttr.FlagMulticast;

    private static AddressMessage Addr(int index, string cidr, uint flags = 0)
    {
        var p = cidr.Split('/');
        return new AddressMessage(index, IpAddress.Parse(p[0]), byte.Parse(p[1]), flags, 0, null, null);
    }

    /// <summary>The interfaces of the BIRD 1.6 transcript namespace, as netlink would report them.</summary>
    private static InterfaceTable TranscriptHost(List<InterfaceChange> changes)
    {
        var table = new InterfaceTable(AddressFamilies.V4);
        table.ApplyLink(new LinkMessage(1, "lo", Up | LinkAttr.FlagLoopback, 772, 65536, 0, 0), false, changes);
        table.ApplyLink(new LinkMessage(6, "rsv16", Up | Ether, 1, 1500, 0, 6), false, changes);
        table.ApplyLink(new LinkMessage(9, "calipeer16", Up | Ether, 1, 1500, 0, 6), false, changes);
        table.ApplyLink(new LinkMessage(10, "cali1234", Up | Ether, 1, 1500, 0, 6), false, changes);
        table.ApplyAddress(Addr(1, "127.0.0.1/8"), false, changes);
        table.ApplyAddress(Addr(1, "::1/128"), false, changes);
        table.ApplyAddress(Addr(6, "10.99.0.1/24"), false, changes);
        table.ApplyAddress(Addr(10, "192.168.16.1/32"), false, changes);
        return table;
    }

    [Test]
    public void Show_interfaces_matches_bird_16_byte_for_byte()
    {
        var table = TranscriptHost([]);
        Assert.That(BirdTranscript.Frame(InterfaceRenderer.Show(table)), Is.EqualTo(BirdTranscript.RawReply("show_interfaces.txt")));
    }

    [Test]
    public void Show_interfaces_summary_matches_bird_16_byte_for_byte()
    {
        var table = TranscriptHost([]);
        Assert.That(BirdTranscript.Frame(InterfaceRenderer.Summary(table)), Is.EqualTo(BirdTranscript.RawReply("show_interfaces_summary.txt")));
    }

    [Test]
    public void Interface_without_address_is_down_and_comes_up_when_one_is_added()
    {
        var changes = new List<InterfaceChange>();
        var table = TranscriptHost(changes);
        Assert.That(table.Find("calipeer16")!.IsUp, Is.False);
        changes.Clear();
        table.ApplyAddress(Addr(9, "10.98.0.1/24"), false, changes);
        Assert.That(table.Find("calipeer16")!.IsUp, Is.True);
        Assert.That(changes.Select(c => c.Kind), Is.EquivalentTo(new[] { InterfaceChangeKind.Updated, InterfaceChangeKind.AddressAdded }));
        Assert.That(changes.Single(c => c.Kind == InterfaceChangeKind.Updated).WasUp, Is.False);
    }

    [Test]
    public void Deleted_interface_is_forgotten_with_its_addresses()
    {
        var changes = new List<InterfaceChange>();
        var table = TranscriptHost(changes);
        changes.Clear();
        table.ApplyLink(new LinkMessage(10, "cali1234", 0, 1, 1500, 0, 0), true, changes);
        Assert.That(table.Find(10), Is.Null);
        Assert.That(table.Interfaces.Select(i => i.Name), Is.EqualTo(new[] { "lo", "rsv16", "calipeer16" }));
        Assert.That(changes.Select(c => c.Kind), Is.EqualTo(new[] { InterfaceChangeKind.AddressRemoved, InterfaceChangeKind.Removed }));
    }

    [Test]
    public void Scan_forgets_interfaces_and_addresses_missing_from_the_dump()
    {
        var changes = new List<InterfaceChange>();
        var table = TranscriptHost(changes);
        changes.Clear();
        table.BeginScan();
        table.ApplyLink(new LinkMessage(1, "lo", Up | LinkAttr.FlagLoopback, 772, 65536, 0, 0), false, changes);
        table.ApplyLink(new LinkMessage(6, "rsv16", Up | Ether, 1, 1500, 0, 6), false, changes);
        table.ApplyAddress(Addr(1, "127.0.0.1/8"), false, changes);
        table.EndScan(changes);
        Assert.That(table.Interfaces.Select(i => i.Name), Is.EqualTo(new[] { "lo", "rsv16" }));
        Assert.That(table.Find("rsv16")!.Addresses, Is.Empty);
        Assert.That(table.Find("rsv16")!.IsUp, Is.False);
        Assert.That(changes.Count(c => c.Kind == InterfaceChangeKind.Removed), Is.EqualTo(2));
    }

    [Test]
    public void Primary_prefers_wider_scope_and_skips_secondaries()
    {
        var changes = new List<InterfaceChange>();
        var table = new InterfaceTable(AddressFamilies.Both);
        table.ApplyLink(new LinkMessage(3, "eth0", Up | Ether, 1, 1500, 0, 6), false, changes);
        table.ApplyAddress(Addr(3, "fe80::1/64"), false, changes);
        table.ApplyAddress(Addr(3, "2001:db8::1/64"), false, changes);
        table.ApplyAddress(Addr(3, "10.0.0.1/24"), false, changes);
        table.ApplyAddress(Addr(3, "10.0.0.2/24", AddrAttr.FlagSecondary), false, changes);
        var eth0 = table.Find(3)!;
        Assert.That(eth0.PrimaryV6!.Address, Is.EqualTo(IpAddress.Parse("2001:db8::1")));
        Assert.That(eth0.PrimaryV4!.Address, Is.EqualTo(IpAddress.Parse("10.0.0.1")));
        Assert.That(eth0.Addresses.Single(a => a.Address == IpAddress.Parse("10.0.0.2")).IsPrimary, Is.False);
    }

    [Test]
    public void Configured_primary_overrides_the_default_choice()
    {
        var changes = new List<InterfaceChange>();
        var table = new InterfaceTable(AddressFamilies.V4, [("eth*", IpAddress.Parse("10.0.0.9"))]);
        table.ApplyLink(new LinkMessage(3, "eth0", Up | Ether, 1, 1500, 0, 6), false, changes);
        table.ApplyAddress(Addr(3, "10.0.0.1/24"), false, changes);
        table.ApplyAddress(Addr(3, "10.0.0.9/24"), false, changes);
        Assert.That(table.Find(3)!.Primary!.Address, Is.EqualTo(IpAddress.Parse("10.0.0.9")));
    }

    [Test]
    public void Point_to_point_address_is_shown_with_its_opposite_end()
    {
        var table = new InterfaceTable(AddressFamilies.V4);
        var changes = new List<InterfaceChange>();
        table.ApplyLink(new LinkMessage(4, "tun0", Up | LinkAttr.FlagPointToPoint | LinkAttr.FlagMulticast, 65534, 1400, 0, 0), false, changes);
        table.ApplyAddress(new AddressMessage(4, IpAddress.Parse("10.8.0.1"), 32, 0, 0, IpAddress.Parse("10.8.0.2"), null), false, changes);
        var lines = BirdTranscript.Frame(InterfaceRenderer.Show(table));
        Assert.That(lines, Is.EqualTo(new[]
        {
            "1001-tun0 up (index=4)",
            "1004-\tPtP Multicast AdminUp LinkUp MTU=1400",
            "1003-\t10.8.0.1/32 (Primary, opposite 10.8.0.2, scope site)",
        }));
        Assert.That(table.Find(4)!.Addresses[0].Network, Is.EqualTo(Prefix.Parse("10.8.0.2/32")));
    }

    [TestCase("cali1234", false)]
    [TestCase("eth0", true)]
    [TestCase("tap9", true)]
    public void Calico_negated_pattern_list_excludes_cali_interfaces(string name, bool accepted) =>
        Assert.That(InterfacePatterns.Accepts([("cali*", true), ("*", false)], name), Is.EqualTo(accepted));

    [TestCase("dummy0", false)]
    [TestCase("eth1", true)]
    [TestCase("ens3", false)]
    public void Dash_inside_quotes_negates_like_bird(string name, bool accepted) =>
        Assert.That(InterfacePatterns.Accepts([("-dummy0", false), ("eth*", false)], name), Is.EqualTo(accepted));

    [Test]
    public void Empty_pattern_list_accepts_every_interface() =>
        Assert.That(InterfacePatterns.Accepts([], "anything"), Is.True);

    [TestCase("10.1.2.3", AddressScope.Site)]
    [TestCase("8.8.8.8", AddressScope.Universe)]
    [TestCase("127.0.0.1", AddressScope.Host)]
    [TestCase("fe80::1", AddressScope.Link)]
    [TestCase("fd00::1", AddressScope.Site)]
    [TestCase("2001:db8::1", AddressScope.Universe)]
    public void Addresses_are_classified_like_bird(string address, AddressScope scope) =>
        Assert.That(AddressScopes.Classify(IpAddress.Parse(address)), Is.EqualTo(scope));
}
