namespace Bgpd.Bgp.Wire;

/// <summary>
/// A BGP error as carried by a NOTIFICATION: code, subcode and data. Used both for errors we
/// detect (the NOTIFICATION to send before resetting the session) and for ones we receive.
/// </summary>
public sealed record BgpError(byte Code, byte Subcode, ReadOnlyMemory<byte> Data)
{
    public BgpError(byte code, byte subcode) : this(code, subcode, ReadOnlyMemory<byte>.Empty) { }

    public static class Codes
    {
        public const byte MessageHeader = 1;
        public const byte Open = 2;
        public const byte Update = 3;
        public const byte HoldTimerExpired = 4;
        public const byte Fsm = 5;
        public const byte Cease = 6;
        public const byte RouteRefresh = 7;
        public const byte SendHoldTimerExpired = 8;
    }

    public static BgpError HeaderNotSynchronized() => new(1, 1);
    public static BgpError BadMessageLength(int length) => new(1, 2, new[] { (byte)(length >> 8), (byte)length });
    public static BgpError BadMessageType(byte type) => new(1, 3, new[] { type });
    public static BgpError OpenError(byte subcode) => new(2, subcode);
    public static BgpError UpdateError(byte subcode) => new(3, subcode);
    public static BgpError UpdateError(byte subcode, ReadOnlyMemory<byte> data) => new(3, subcode, data);
    public static BgpError HoldTimerExpired() => new(4, 0);
    public static BgpError SendHoldTimerExpired() => new(8, 0);
    public static BgpError Cease(byte subcode) => new(6, subcode);

    /// <summary>Text for code/subcode the way BIRD logs and prints it ("Hold timer expired").</summary>
    public string Description => BgpErrorText.Describe(Code, Subcode);

    public bool Equals(BgpError? other) =>
        other is not null && Code == other.Code && Subcode == other.Subcode && Data.Span.SequenceEqual(other.Data.Span);

    public override int GetHashCode() => HashCode.Combine(Code, Subcode, Data.Length);

    public override string ToString() => $"{Code}/{Subcode} {Description}";
}
