using Bgpd.Net;
using Bgpd.Rib.Tables;
using NUnit.Framework;
using static Bgpd.Rib.Tests.Support.TestRib;

namespace Bgpd.Rib.Tests.Tables;

public class NetworkIndexTests
{
    private static Prefix HostRoute(int i) => new(IpAddress.V4(0x0A000000u + (uint)i), 32);

    private static Network Add(NetworkIndex index, Prefix prefix)
    {
        var net = new Network(index.Store, index.Store.NewNetwork(prefix));
        index.Add(net);
        return net;
    }

    [Test]
    public void Empty_index_finds_nothing()
    {
        var index = new NetworkIndex(new TableStore(null));

        Assert.That(index.Find(P("10.0.0.0/8")), Is.Null);
        Assert.That(index.Count, Is.Zero);
        Assert.That(index, Is.Empty);
    }

    [Test]
    public void An_added_network_is_found_by_its_prefix()
    {
        var index = new NetworkIndex(new TableStore(null));

        var first = Add(index, P("10.1.0.0/16"));

        Assert.That(first.Prefix, Is.EqualTo(P("10.1.0.0/16")));
        Assert.That(index.Find(P("10.1.0.0/16")), Is.EqualTo(first));
        Assert.That(index.Count, Is.EqualTo(1));
    }

    [Test]
    public void Same_address_with_other_length_or_family_is_another_network()
    {
        var index = new NetworkIndex(new TableStore(null));
        string[] prefixes = ["10.0.0.0/8", "10.0.0.0/16", "0.0.0.1/32", "::1/128", "::1/32", "2001:db8::1/128", "2001:db9::1/128", "::/0", "0.0.0.0/0"];

        var nets = prefixes.Select(p => Add(index, P(p))).ToList();

        Assert.That(nets.Distinct().Count(), Is.EqualTo(prefixes.Length));
        Assert.That(index.Count, Is.EqualTo(prefixes.Length));
        foreach (var text in prefixes) Assert.That(index.Find(P(text))!.Prefix, Is.EqualTo(P(text)), text);
    }

    [Test]
    public void Growing_keeps_every_network_findable_and_enumerated_once()
    {
        var index = new NetworkIndex(new TableStore(null));
        var startBuckets = index.BucketCount;
        const int count = 50_000;

        for (var i = 0; i < count; i++) Add(index, HostRoute(i));
        for (var i = 0; i < 1000; i++) Add(index, new Prefix(IpAddress.V6(((UInt128)0x20010DB8UL << 96) | (uint)i), 128));

        Assert.That(index.Count, Is.EqualTo(count + 1000));
        Assert.That(index.BucketCount, Is.GreaterThanOrEqualTo(count));
        Assert.That(index.BucketCount, Is.GreaterThan(startBuckets));
        for (var i = 0; i < count; i++)
            if (index.Find(HostRoute(i))?.Prefix != HostRoute(i)) Assert.Fail($"{HostRoute(i)} not found after growing");
        var enumerated = index.Select(n => n.Prefix).ToList();
        Assert.That(enumerated, Has.Count.EqualTo(count + 1000));
        Assert.That(enumerated.Distinct().Count(), Is.EqualTo(count + 1000));
        Assert.That(enumerated, Does.Contain(P("2001:db8::3e7/128")));
    }

    [Test]
    public void Remove_takes_out_only_that_network()
    {
        var index = new NetworkIndex(new TableStore(null));
        for (var i = 0; i < 100; i++) Add(index, HostRoute(i));
        var victim = index.Find(HostRoute(42))!.Value;

        Assert.That(index.Remove(victim), Is.True);

        Assert.That(index.Find(HostRoute(42)), Is.Null);
        Assert.That(index.Count, Is.EqualTo(99));
        Assert.That(index.Remove(victim), Is.False);
        for (var i = 0; i < 100; i++)
            if (i != 42) Assert.That(index.Find(HostRoute(i)), Is.Not.Null, HostRoute(i).ToString());
    }

    [Test]
    public void A_network_of_another_index_is_not_removed()
    {
        var index = new NetworkIndex(new TableStore(null));
        var other = new NetworkIndex(new TableStore(null));
        Add(index, P("10.0.0.0/8"));
        var stranger = Add(other, P("10.0.0.0/8"));

        Assert.That(index.Remove(stranger), Is.False);
        Assert.That(index.Count, Is.EqualTo(1));
    }

    [Test]
    public void Removing_most_networks_shrinks_and_keeps_the_rest()
    {
        var index = new NetworkIndex(new TableStore(null));
        var startBuckets = index.BucketCount;
        const int count = 20_000;
        for (var i = 0; i < count; i++) Add(index, HostRoute(i));
        var grown = index.BucketCount;

        for (var i = 0; i < count; i++)
            if (i % 100 != 0) index.Remove(index.Find(HostRoute(i))!.Value);

        Assert.That(index.Count, Is.EqualTo(count / 100));
        Assert.That(index.BucketCount, Is.LessThan(grown / 10));
        for (var i = 0; i < count; i += 100) Assert.That(index.Find(HostRoute(i)), Is.Not.Null, HostRoute(i).ToString());
        foreach (var net in index.ToList()) index.Remove(net);
        Assert.That(index.Count, Is.Zero);
        Assert.That(index.BucketCount, Is.EqualTo(startBuckets));
    }

    [Test]
    public void A_removed_prefix_added_again_is_the_new_network()
    {
        var index = new NetworkIndex(new TableStore(null));
        var first = Add(index, P("192.0.2.0/24"));
        index.Remove(first);

        var second = Add(index, P("192.0.2.0/24"));

        Assert.That(second, Is.Not.EqualTo(first));
        Assert.That(index.Find(P("192.0.2.0/24")), Is.EqualTo(second));
        Assert.That(second.First, Is.Null);
    }

    [Test]
    public void Segments_copied_one_by_one_hold_every_network_once_even_when_removed_meanwhile()
    {
        var index = new NetworkIndex(new TableStore(null));
        const int count = 10_000;
        for (var i = 0; i < count; i++) Add(index, HostRoute(i));

        var seen = new List<Network>();
        var chunk = new List<Network>();
        for (var segment = 0; segment < NetworkIndex.Segments; segment++)
        {
            chunk.Clear();
            index.CopySegment(segment, chunk);
            foreach (var net in chunk)
            {
                seen.Add(net);
                index.Remove(net);
            }
        }

        Assert.That(seen, Has.Count.EqualTo(count));
        Assert.That(seen.Select(n => n.Prefix).Distinct().Count(), Is.EqualTo(count));
        Assert.That(index.Count, Is.Zero);
    }
}
