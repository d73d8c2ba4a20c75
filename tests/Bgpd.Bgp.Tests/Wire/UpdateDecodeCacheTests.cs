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

    private static byte[] WithdrawalBody(string prefix) =>
        UpdateEncoder.Withdraw(BgpFamily.IPv4Unicast, [new NlriEntry(Prefix.Parse(prefix))], new UpdateEncodeOptions()).Single()[BgpWire.HeaderLength..];

    [Test]
    public void Reused_messages_are_one_instance_filled_as_each_update_decodes_alone()
    {
        var cache = new UpdateDecodeCache { ReuseMessages = true };
        var bodies = new[]
        {
            Body(Attributes(100), "10.80.0.1/32"),
            WithdrawalBody("10.80.0.1/32"),
            Body(new PathAttributes { AsPath = AsPath.Empty, NextHop = IpAddress.Parse("2.1.1.1") }, "10.80.0.2/32"),
            Body(Attributes(200), "10.80.0.3/32"),
        };
        var first = UpdateMessage.Decode(bodies[0], Internal, cache);
        foreach (var body in bodies)
        {
            var reused = UpdateMessage.Decode(body, Internal, cache);
            var alone = UpdateMessage.Decode(body, Internal);
            Assert.That(reused, Is.SameAs(first));
            Assert.That(reused.Attributes, Is.EqualTo(alone.Attributes));
            Assert.That((reused.Action, reused.AttributeCount, reused.Error), Is.EqualTo((alone.Action, alone.AttributeCount, alone.Error)));
            Assert.That(reused.Problems, Is.EqualTo(alone.Problems));
            Assert.That(reused.RawAttributes.ToArray(), Is.EqualTo(alone.RawAttributes.ToArray()));
            Assert.That(Wire.Bytes.Prefixes(reused.Announced(BgpFamily.IPv4Unicast)), Is.EqualTo(Wire.Bytes.Prefixes(alone.Announced(BgpFamily.IPv4Unicast))));
            Assert.That(Wire.Bytes.Prefixes(reused.Withdrawn(BgpFamily.IPv4Unicast)), Is.EqualTo(Wire.Bytes.Prefixes(alone.Withdrawn(BgpFamily.IPv4Unicast))));
        }
    }

    [Test]
    public void Withdrawals_share_one_empty_attribute_set_only_when_messages_are_reused()
    {
        var reusing = new UpdateDecodeCache { ReuseMessages = true };
        var one = UpdateMessage.Decode(WithdrawalBody("10.80.0.1/32"), Internal, reusing).Attributes;
        var two = UpdateMessage.Decode(WithdrawalBody("10.80.0.2/32"), Internal, reusing).Attributes;
        Assert.That(two, Is.SameAs(one));
        Assert.That(two, Is.EqualTo(new PathAttributes()));

        var plain = new UpdateDecodeCache();
        var first = UpdateMessage.Decode(WithdrawalBody("10.80.0.1/32"), Internal, plain);
        var second = UpdateMessage.Decode(WithdrawalBody("10.80.0.2/32"), Internal, plain);
        Assert.That(second, Is.Not.SameAs(first));
        Assert.That(second.Attributes, Is.Not.SameAs(first.Attributes));
    }
}
