using System.Globalization;

namespace Bgpd.Net;

/// <summary>
/// A network prefix (address + length) as a value type; the address is always stored masked, so
/// two prefixes are equal exactly when they denote the same network.
/// </summary>
public readonly struct Prefix : IEquatable<Prefix>, IComparable<Prefix>
{
    public IpAddress Address { get; }
    public byte Length { get; }

    public Prefix(IpAddress address, int length)
    {
        if (length < 0 || length > address.MaxPrefixLength)
            throw new ArgumentOutOfRangeException(nameof(length), $"prefix length {length} out of range for {(address.IsV6 ? "IPv6" : "IPv4")}");
        Address = address.Masked(length);
        Length = (byte)length;
    }

    public bool IsV6 => Address.IsV6;
    public bool IsHost => Length == Address.MaxPrefixLength;
    public static Prefix Host(IpAddress address) => new(address, address.MaxPrefixLength);

    /// <summary>True when <paramref name="address"/> lies inside this prefix.</summary>
    public bool Contains(IpAddress address) =>
        address.IsV6 == IsV6 && address.Masked(Length).Bits == Address.Bits;

    /// <summary>True when <paramref name="other"/> is this prefix or a more specific one inside it.</summary>
    public bool Contains(Prefix other) => other.IsV6 == IsV6 && other.Length >= Length && Contains(other.Address);

    /// <summary>True when the address given had host bits set past the length (BIRD rejects such literals).</summary>
    public static bool HasHostBits(IpAddress address, int length) => address.Masked(length) != address;

    public static bool TryParse(ReadOnlySpan<char> text, out Prefix prefix)
    {
        prefix = default;
        var slash = text.IndexOf('/');
        if (slash < 0) return false;
        if (!IpAddress.TryParse(text[..slash], out var address)) return false;
        if (!int.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var length)) return false;
        if (length > address.MaxPrefixLength) return false;
        prefix = new Prefix(address, length);
        return true;
    }

    public static Prefix Parse(string text) =>
        TryParse(text, out var prefix) ? prefix : throw new FormatException($"invalid prefix '{text}'");

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Address}/{Length}");

    public bool Equals(Prefix other) => Length == other.Length && Address.Equals(other.Address);
    public override bool Equals(object? obj) => obj is Prefix other && Equals(other);
    public override int GetHashCode() => HashCode.Combine(Address.Bits, Length, Address.IsV6);

    /// <summary>Address order, then shorter prefix first: the order route listings use.</summary>
    public int CompareTo(Prefix other)
    {
        var c = Address.CompareTo(other.Address);
        return c != 0 ? c : Length.CompareTo(other.Length);
    }

    public static bool operator ==(Prefix a, Prefix b) => a.Equals(b);
    public static bool operator !=(Prefix a, Prefix b) => !a.Equals(b);
}
