namespace Bgpd.Netlink.Netlink;

/// <summary>Generic netlink header values (linux/netlink.h).</summary>
public static class NetlinkConstants
{
    public const int ProtocolRoute = 0;
    public const int HeaderLength = 16;

    public const ushort Noop = 1;
    public const ushort Error = 2;
    public const ushort Done = 3;
    public const ushort Overrun = 4;

    public const ushort FlagRequest = 0x1;
    public const ushort FlagMulti = 0x2;
    public const ushort FlagAck = 0x4;
    public const ushort FlagEcho = 0x8;
    public const ushort FlagDumpInterrupted = 0x10;
    public const ushort FlagRoot = 0x100;
    public const ushort FlagMatch = 0x200;
    public const ushort FlagDump = FlagRoot | FlagMatch;
    public const ushort FlagReplace = 0x100;
    public const ushort FlagExcl = 0x200;
    public const ushort FlagCreate = 0x400;
    public const ushort FlagAppend = 0x800;

    /// <summary>Rounds a length up to netlink's 4-byte alignment.</summary>
    public static int Align(int length) => (length + 3) & ~3;
}
