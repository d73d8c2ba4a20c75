using Bgpd.Net;
using Bgpd.Rib.Attributes;
using Bgpd.Rib.Filtering;
using Bgpd.Rib.Protocols;
using Bgpd.Rib.Tests.Support;
using NUnit.Framework;
using static Bgpd.Rib.Tests.Support.TestRib;

namespace Bgpd.Rib.Tests.Protocols;

/// <summary>Attributes a protocol prepares before the export filter (BGP) are made once per attribute set and work item.</summary>
public class PreparedExportTests
{
    private static string HostRoute(int i) => new Prefix(IpAddress.V4(0x0A000000u + (uint)i), 32).ToString();

    private static (TestRib Rib, TestProtocol Source, TestProtocol Peer, List<string> Prepared) Setup(ChannelOptions? peerOptions = null)
    {
        var rib = new TestRib();
        var source = rib.Protocol("source");
        source.TakesExports = false;
        var peer = rib.Protocol("peer", options: peerOptions);
        var prepared = new List<string>();
        peer.Prepare = (route, editor) =>
        {
            prepared.Add(route.Prefix.ToString());
            editor.Set(EaId.BgpLocalPref, EaValue.Int(123), 0x40);
        };
        return (rib, source, peer, prepared);
    }

    [Test]
    public void Routes_sharing_a_set_in_one_work_item_are_prepared_once_and_leave_alike()
    {
        var (rib, source, peer, prepared) = Setup();
        var shared = source.Attributes(Ip("192.0.2.1"));

        rib.Loop.Post(() =>
        {
            for (var i = 0; i < 100; i++) source.Announce(HostRoute(i), shared);
        });
        rib.Loop.RunPending();

        Assert.That(prepared, Has.Count.EqualTo(1));
        Assert.That(peer.Exports, Has.Count.EqualTo(100));
        Assert.That(peer.Exports.Select(e => e.NewAttributes).Distinct().Count(), Is.EqualTo(1));
        Assert.That(peer.Exports[99].NewAttributes!.TryGet(EaId.BgpLocalPref, out var pref) ? pref.AsInt : 0u, Is.EqualTo(123u));
    }

    [Test]
    public void Each_work_item_and_each_set_prepares_anew()
    {
        var (rib, source, _, prepared) = Setup();
        var first = source.Attributes(Ip("192.0.2.1"));
        var second = source.Attributes(Ip("192.0.2.2"));

        rib.Loop.Post(() =>
        {
            source.Announce(HostRoute(0), first);
            source.Announce(HostRoute(1), second);
            source.Announce(HostRoute(2), first);
        });
        rib.Loop.Post(() => source.Announce(HostRoute(3), first));
        rib.Loop.RunPending();

        Assert.That(prepared, Is.EqualTo(new[] { HostRoute(0), HostRoute(1), HostRoute(3) }));
    }

    [Test]
    public void Outside_work_items_every_route_is_prepared()
    {
        var (_, source, peer, prepared) = Setup();
        var shared = source.Attributes(Ip("192.0.2.1"));

        for (var i = 0; i < 3; i++) source.Announce(HostRoute(i), shared);

        Assert.That(prepared, Has.Count.EqualTo(3));
        Assert.That(peer.Exports, Has.Count.EqualTo(3));
    }

    [Test]
    public void An_export_filter_sees_every_route_so_each_is_prepared()
    {
        var seen = new List<string>();
        var filter = Filters.FromDelegate("by prefix", editor =>
        {
            seen.Add(editor.Net.ToString());
            return FilterVerdict.Accept;
        });
        var (rib, source, peer, prepared) = Setup(new ChannelOptions { ExportFilter = filter });
        var shared = source.Attributes(Ip("192.0.2.1"));

        rib.Loop.Post(() =>
        {
            for (var i = 0; i < 5; i++) source.Announce(HostRoute(i), shared);
        });
        rib.Loop.RunPending();

        Assert.That(prepared, Has.Count.EqualTo(5));
        Assert.That(seen, Has.Count.EqualTo(5));
        Assert.That(peer.Exports, Has.Count.EqualTo(5));
    }

    [Test]
    public void A_withdrawal_with_the_export_filter_all_prepares_nothing()
    {
        var (rib, source, peer, prepared) = Setup();
        var shared = source.Attributes(Ip("192.0.2.1"));
        for (var i = 0; i < 3; i++) source.Announce(HostRoute(i), shared);
        prepared.Clear();

        for (var i = 0; i < 3; i++) source.Withdraw(HostRoute(i));

        Assert.That(prepared, Is.Empty);
        Assert.That(peer.Exports.Skip(3).Select(e => (e.Prefix.ToString(), e.New is null, e.Old is not null)),
            Is.EqualTo(Enumerable.Range(0, 3).Select(i => (HostRoute(i), true, true))));
    }

    [Test]
    public void A_withdrawal_runs_the_export_filter_on_the_old_route_over_its_prepared_attributes()
    {
        // BIRD rt_notify_basic checks the old route silently: only what the filter accepted is withdrawn.
        var seenPref = new List<uint>();
        var filter = Filters.FromDelegate("even only", editor =>
        {
            seenPref.Add(editor.TryGet(EaId.BgpLocalPref, out var pref) ? pref.AsInt : 0u);
            return editor.Net.Address.V4Value % 2 == 0 ? FilterVerdict.Accept : FilterVerdict.Reject;
        });
        var (rib, source, peer, prepared) = Setup(new ChannelOptions { ExportFilter = filter });
        var shared = source.Attributes(Ip("192.0.2.1"));
        for (var i = 0; i < 4; i++) source.Announce(HostRoute(i), shared);
        prepared.Clear();
        seenPref.Clear();
        var announced = peer.Exports.Count;

        for (var i = 0; i < 4; i++) source.Withdraw(HostRoute(i));

        Assert.That(prepared, Has.Count.EqualTo(4));
        Assert.That(seenPref, Is.EqualTo(new[] { 123u, 123u, 123u, 123u }));
        Assert.That(peer.Exports.Skip(announced).Select(e => e.Prefix.ToString()), Is.EqualTo(new[] { HostRoute(0), HostRoute(2) }));
        Assert.That(peer.Exports.Skip(announced).All(e => e.New is null && e.Old is not null));
    }
}
