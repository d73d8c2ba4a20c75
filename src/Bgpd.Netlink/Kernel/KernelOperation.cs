using Bgpd.Netlink.Rtnetlink;

namespace Bgpd.Netlink.Kernel;

public enum KernelOperationKind
{
    /// <summary>RTM_NEWROUTE with NLM_F_CREATE|NLM_F_EXCL: never clobbers another protocol's route.</summary>
    Add,
    /// <summary>RTM_NEWROUTE with NLM_F_CREATE|NLM_F_REPLACE over our own route with the same key (no gap).</summary>
    Replace,
    /// <summary>RTM_DELROUTE matching protocol, table and priority exactly.</summary>
    Delete,
}

/// <summary>One change to write to the kernel.</summary>
public readonly record struct KernelOperation(KernelOperationKind Kind, RouteMessage Route);
