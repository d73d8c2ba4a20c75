using Bgpd.Bgp.Wire;
using Bgpd.Net;

namespace Bgpd.Bgp.Tests.Wire;

/// <summary>
/// Decoding with a cache gives what a decode without one gives; attribute bytes seen in the last clean
/// announcement are not parsed again (the decoded attributes are shared).
/// </summary>
public class UpdateDecodeCacheTests
{
    private static readonly UpdateDecodeOptions Internal = new(IsInternal: true);

    private static byte[] Body(PathAttributes attributes, string prefix) =>
        UpdateEncoder.Announce(BgpFamily.IPv4Unicast, attributes, [new NlriEntry(Prefix.Parse(prefix))], new UpdateEncodeOptions()).Single()[BgpWire.HeaderLength..];

    private static PathAttributes Attributes(uint localPref) => new()
    {
        Origin = Origin.Igp, AsPath = AsPath.Empty, NextHop = IpAddress.Parse("2.1.1.1"), LocalPref = localPref,
    };

    private static Prefix Only(NlriReader reader)
    {
        Assert.That(reader.MoveNext(), Is.True);
        var prefix = reader.Current.Prefix;
        Assert.That(reader.MoveNext(), Is.False);
        return prefix;
    }

    [Test]
    public void The_same_attribute_bytes_decode_to_the_shared_attributes_and_other_bytes_do_not()
    {
        var cache = new UpdateDecodeCache();
        var first = UpdateMessage.Decode(Body(Attributes(100), "10.80.0.1/32"), Internal, cache);
        var second = UpdateMessage.Decode(Body(Attributes(100), "10.80.0.2/32"), Internal, cache);
        var other = UpdateMessage.Decode(Body(Attributes(200), "10.80.0.3/32"), Internal, cache);

        Assert.That(second.Attributes, Is.SameAs(first.Attributes));
        Assert.That(second.Attributes, Is.EqualTo(UpdateMessage.Decode(Body(Attributes(100), "10.80.0.2/32"), Internal).Attributes));
        Assert.That((second.Action, second.AttributeCount, second.Problems.Count), Is.EqualTo((UpdateErrorAction.None, first.AttributeCount, 0)));
        Assert.That(Only(second.Announced(BgpFamily.IPv4Unicast)), Is.EqualTo(Prefix.Parse("10.80.0.2/32")));
        Assert.That(other.Attributes, Is.Not.SameAs(first.Attributes));
        Assert.That(other.Attributes.LocalPref, Is.EqualTo(200u));
    }

    [Test]
    public void Other_decode_options_parse_again()
    {
        var cache = new UpdateDecodeCache();
        var first = UpdateMessage.Decode(Body(Attributes(100), "10.80.0.1/32"), Internal, cache);
        var external = UpdateMessage.Decode(Body(Attributes(100), "10.80.0.2/32"), new UpdateDecodeOptions(IsInternal: false), cache);
        Assert.That(external.Attributes, Is.Not.SameAs(first.Attributes));
    }

    [Test]
    public void An_announcement_with_a_problem_is_not_remembered()
    {
        var cache = new UpdateDecodeCache();
        // No ORIGIN: a missing mandatory attribute makes the announcement a withdrawal (RFC 7606).
        var missing = new PathAttributes { AsPath = AsPath.Empty, NextHop = IpAddress.Parse("2.1.1.1"), LocalPref = 100 };
        var first = UpdateMessage.Decode(Body(missing, "10.80.0.1/32"), Internal, cache);
        var second = UpdateMessage.Decode(Body(missing, "10.80.0.2/32"), Internal, cache);
        Assert.That(first.Action, Is.EqualTo(UpdateErrorAction.TreatAsWithdraw));
        Assert.That(second.Action, Is.EqualTo(UpdateErrorAction.TreatAsWithdraw));
        Assert.That(second.Attributes, Is.Not.SameAs(first.Attributes));
    }

    [Test]
    public void A_withdrawal_after_a_cached_announcement_decodes_as_without_a_cache()
    {
        var cache = new UpdateDecodeCache();
        UpdateMessage.Decode(Body(Attributes(100), "10.80.0.1/32"), Internal, cache);
        var body = UpdateEncoder.Withdraw(BgpFamily.IPv4Unicast, [new NlriEntry(Prefix.Parse("10.80.0.1/32"))], new UpdateEncodeOptions()).Single()[BgpWire.HeaderLength..];
        var withdrawal = UpdateMessage.Decode(body, Internal, cache);
        Assert.That(Only(withdrawal.Withdrawn(BgpFamily.IPv4Unicast)), Is.EqualTo(Prefix.Parse("10.80.0.1/32")));
        Assert.That((withdrawal.AttributeCount, withdrawal.Attributes.LocalPref), Is.EqualTo((0, (uint?)null)));
    }
}
