using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Bgpd.Net;

/// <summary>
/// An IPv4 or IPv6 address as a 24-byte value type: no heap allocation per address, usable as a
/// dictionary key without boxing. IPv4 lives in the low 32 bits of <see cref="Bits"/>.
/// </summary>
public readonly struct IpAddress : IEquatable<IpAddress>, IComparable<IpAddress>
{
    // Two 64-bit halves, not a UInt128: UInt128's 16-byte alignment made an address 32 bytes and a
    // Prefix 48; this way they are 24 and 32, and the route path copies them a million times a burst.
    private readonly ulong _low;
    private readonly ulong _high;

    public UInt128 Bits => new(_high, _low);
    public bool IsV6 { get; }

    private IpAddress(UInt128 bits, bool isV6)
    {
        _low = (ulong)bits;
        _high = (ulong)(bits >> 64);
        IsV6 = isV6;
    }

    public static IpAddress V4(uint value) => new(value, false);
    public static IpAddress V6(UInt128 value) => new(value, true);
    public static readonly IpAddress V4Zero = V4(0);
    public static readonly IpAddress V6Zero = V6(UInt128.Zero);

    public bool IsV4 => !IsV6;
    public int MaxPrefixLength => IsV6 ? 128 : 32;
    public uint V4Value => (uint)_low;
    public bool IsZero => (_low | _high) == 0;
    /// <summary>fe80::/10, the IPv6 link-local range.</summary>
    public bool IsLinkLocal => IsV6 && (Bits >> 118) == 0x3FA;

    public static IpAddress FromBytes(ReadOnlySpan<byte> bytes) => bytes.Length switch
    {
        4 => V4(BinaryPrimitives.ReadUInt32BigEndian(bytes)),
        16 => V6(BinaryPrimitives.ReadUInt128BigEndian(bytes)),
        _ => throw new ArgumentException($"an address is 4 or 16 bytes, not {bytes.Length}", nameof(bytes)),
    };

    /// <summary>Writes the address in network byte order; returns the number of bytes written (4 or 16).</summary>
    public int WriteBytes(Span<byte> destination)
    {
        if (IsV6)
        {
            BinaryPrimitives.WriteUInt128BigEndian(destination, Bits);
            return 16;
        }
        BinaryPrimitives.WriteUInt32BigEndian(destination, V4Value);
        return 4;
    }

    public static IpAddress FromSystem(IPAddress address)
    {
        Span<byte> buffer = stackalloc byte[16];
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        address.TryWriteBytes(buffer, out var written);
        return FromBytes(buffer[..written]);
    }

    public IPAddress ToSystem()
    {
        Span<byte> buffer = stackalloc byte[16];
        return new IPAddress(buffer[..WriteBytes(buffer)]);
    }

    public static bool TryParse(ReadOnlySpan<char> text, out IpAddress address)
    {
        address = default;
        if (text.IsEmpty) return false;
        if (text.Contains(':'))
        {
            // IPAddress accepts a scope suffix; BIRD does not, so reject it here.
            if (text.Contains('%')) return false;
            if (!IPAddress.TryParse(text, out var parsed) || parsed.AddressFamily != AddressFamily.InterNetworkV6) return false;
            address = FromSystem(parsed);
            if (!address.IsV6) address = V6(((UInt128)0xFFFF << 32) | address.Bits);
            return true;
        }
        return TryParseV4(text, out address);
    }

    /// <summary>Strict dotted quad: exactly four decimal octets, as BIRD's lexer reads them.</summary>
    private static bool TryParseV4(ReadOnlySpan<char> text, out IpAddress address)
    {
        address = default;
        uint value = 0;
        int parts = 0;
        foreach (var range in text.Split('.'))
        {
            var part = text[range];
            if (part.IsEmpty || part.Length > 3 || ++parts > 4) return false;
            if (!uint.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var octet) || octet > 255) return false;
            value = (value << 8) | octet;
        }
        if (parts != 4) return false;
        address = V4(value);
        return true;
    }

    public static IpAddress Parse(string text) =>
        TryParse(text, out var address) ? address : throw new FormatException($"invalid IP address '{text}'");

    /// <summary>The address with all bits past <paramref name="length"/> cleared.</summary>
    public IpAddress Masked(int length) => new(Bits & NetMask(length, IsV6), IsV6);

    internal static UInt128 NetMask(int length, bool isV6)
    {
        var width = isV6 ? 128 : 32;
        if (length <= 0) return UInt128.Zero;
        var all = isV6 ? UInt128.MaxValue : uint.MaxValue;
        return length >= width ? all : all ^ (all >> length);
    }

    public override string ToString()
    {
        if (!IsV6)
        {
            var v = V4Value;
            return string.Create(CultureInfo.InvariantCulture, $"{v >> 24}.{(v >> 16) & 255}.{(v >> 8) & 255}.{v & 255}");
        }
        return ToSystem().ToString();
    }

    public bool Equals(IpAddress other) => _low == other._low && _high == other._high && IsV6 == other.IsV6;
    public override bool Equals(object? obj) => obj is IpAddress other && Equals(other);
    public override int GetHashCode() => HashCode.Combine(Bits, IsV6);

    public int CompareTo(IpAddress other)
    {
        if (IsV6 != other.IsV6) return IsV6 ? 1 : -1;
        return Bits.CompareTo(other.Bits);
    }

    public static bool operator ==(IpAddress a, IpAddress b) => a.Equals(b);
    public static bool operator !=(IpAddress a, IpAddress b) => !a.Equals(b);
    public static bool operator <(IpAddress a, IpAddress b) => a.CompareTo(b) < 0;
    public static bool operator >(IpAddress a, IpAddress b) => a.CompareTo(b) > 0;
    public static bool operator <=(IpAddress a, IpAddress b) => a.CompareTo(b) <= 0;
    public static bool operator >=(IpAddress a, IpAddress b) => a.CompareTo(b) >= 0;
}
