namespace Bgpd.Netlink.Netlink;

/// <summary>
/// A classic BPF socket filter for the notification socket that drops route notifications of
/// <c>proto bird</c> (12) routes in the kernel, before they are queued. Those are the echoes of our own
/// writes, which BIRD and bgpd ignore anyway (scans reconcile own routes); installing or withdrawing
/// 100k routes otherwise queues 100k echoes, overflows the receive queue and forces a full resync.
/// </summary>
public static class OwnRouteEchoFilter
{
    // struct sock_filter { u16 code; u8 jt; u8 jf; u32 k; }, packed as one ulong each (little-endian).
    private const ushort LoadHalfAbsolute = 0x28;   // BPF_LD|BPF_H|BPF_ABS (reads big-endian)
    private const ushort LoadByteAbsolute = 0x30;   // BPF_LD|BPF_B|BPF_ABS
    private const ushort JumpIfEqual = 0x15;        // BPF_JMP|BPF_JEQ|BPF_K
    private const ushort Return = 0x06;             // BPF_RET|BPF_K

    private const uint TypeOffset = 4;                                  // nlmsghdr.nlmsg_type
    private const uint ProtocolOffset = (uint)NetlinkConstants.HeaderLength + 5; // rtmsg.rtm_protocol

    /// <summary>The program: accept everything except RTM_NEWROUTE/RTM_DELROUTE whose rtm_protocol is 12.</summary>
    public static ulong[] Program { get; } =
    [
        Instruction(LoadHalfAbsolute, 0, 0, TypeOffset),
        Instruction(JumpIfEqual, 1, 0, BigEndian16(Rtnetlink.Rtm.NewRoute)),
        Instruction(JumpIfEqual, 0, 2, BigEndian16(Rtnetlink.Rtm.DelRoute)),
        Instruction(LoadByteAbsolute, 0, 0, ProtocolOffset),
        Instruction(JumpIfEqual, 1, 0, Rtnetlink.RouteProtocol.Bird),
        Instruction(Return, 0, 0, uint.MaxValue),   // keep the whole message
        Instruction(Return, 0, 0, 0),               // drop it
    ];

    private static ulong Instruction(ushort code, byte jumpTrue, byte jumpFalse, uint k) =>
        code | (ulong)jumpTrue << 16 | (ulong)jumpFalse << 24 | (ulong)k << 32;

    // Netlink headers are in host (little-endian) order; BPF half-word loads read big-endian.
    private static uint BigEndian16(ushort value) => (uint)((value & 0xFF) << 8 | value >> 8);
}
