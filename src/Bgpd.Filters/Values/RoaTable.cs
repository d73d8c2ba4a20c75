using Bgpd.Net;

namespace Bgpd.Filters.Values;

/// <summary>One ROA: a prefix, its maximum length and the AS allowed to originate it.</summary>
public readonly record struct Roa(Prefix Prefix, int MaxLength, uint Asn);

/// <summary>
/// A ROA table for <c>roa_check</c> (RFC 6811 origin validation): UNKNOWN when no ROA covers the
/// net, VALID when a covering ROA has the origin AS and a max length at least the net's length,
/// INVALID otherwise. Results use BIRD's ROA_* numbering (0 unknown, 1 valid, 2 invalid).
/// </summary>
public sealed class RoaTable(IReadOnlyList<Roa> roas)
{
    public const uint Unknown = 0, Valid = 1, Invalid = 2;

    public IReadOnlyList<Roa> Roas { get; } = roas;

    public uint Check(Prefix net, uint asn)
    {
        var covered = false;
        foreach (var roa in Roas)
        {
            if (!roa.Prefix.Contains(net)) continue;
            covered = true;
            if (roa.Asn == asn && asn != 0 && net.Length <= roa.MaxLength) return Valid;
        }
        return covered ? Invalid : Unknown;
    }
}
