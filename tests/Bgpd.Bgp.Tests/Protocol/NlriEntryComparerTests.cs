using Bgpd.Bgp.Protocol;
using Bgpd.Bgp.Wire;
using Bgpd.Net;

namespace Bgpd.Bgp.Tests.Protocol;

public class NlriEntryComparerTests
{
    private static readonly NlriEntryComparer Comparer = NlriEntryComparer.Instance;

    [Test]
    public void Equal_entries_are_equal_and_hash_alike()
    {
        var a = new NlriEntry(Prefix.Parse("10.1.0.0/16"), 7);
        var b = new NlriEntry(Prefix.Parse("10.1.0.0/16"), 7);

        Assert.That(Comparer.Equals(a, b), Is.True);
        Assert.That(Comparer.GetHashCode(a), Is.EqualTo(Comparer.GetHashCode(b)));
    }

    [TestCase("10.1.0.0/16", 7u, "10.1.0.0/16", 8u)]
    [TestCase("10.1.0.0/16", 0u, "10.1.0.0/24", 0u)]
    [TestCase("0.0.0.1/32", 0u, "::1/128", 0u)]
    [TestCase("2001:db8::/64", 0u, "2001:db9::/64", 0u)]
    public void Entries_differing_in_path_id_length_family_or_address_are_not_equal(string left, uint leftId, string right, uint rightId) =>
        Assert.That(Comparer.Equals(new NlriEntry(Prefix.Parse(left), leftId), new NlriEntry(Prefix.Parse(right), rightId)), Is.False);

    [Test]
    public void Neighbouring_prefixes_spread_over_hash_values()
    {
        var hashes = Enumerable.Range(0, 4096)
            .Select(i => Comparer.GetHashCode(new NlriEntry(new Prefix(IpAddress.V4(0x0A000000u + (uint)i), 32))))
            .ToHashSet();

        Assert.That(hashes, Has.Count.GreaterThan(4000));
    }

    [Test]
    public void A_dictionary_keyed_with_it_keeps_the_last_value_per_entry()
    {
        var pending = new Dictionary<NlriEntry, string?>(Comparer);
        for (var i = 0; i < 5000; i++) pending[new NlriEntry(new Prefix(IpAddress.V4(0x0A000000u + (uint)i), 32))] = "announce";
        pending[new NlriEntry(Prefix.Parse("10.0.0.5/32"))] = null;

        Assert.That(pending, Has.Count.EqualTo(5000));
        Assert.That(pending[new NlriEntry(Prefix.Parse("10.0.0.5/32"))], Is.Null);
        Assert.That(pending[new NlriEntry(Prefix.Parse("10.0.0.6/32"))], Is.EqualTo("announce"));
    }
}
