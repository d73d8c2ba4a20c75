using Bgpd.Netlink.Kernel;

namespace Bgpd.Netlink.Tests.Kernel;

/// <summary>The start-up warm-up of the kernel side runs on private objects and sends nothing.</summary>
public class KernelWarmUpTests
{
    [TestCase(false)]
    [TestCase(true)]
    public void Runs_through_learning_and_installing_without_a_socket(bool ipv6) =>
        Assert.DoesNotThrow(() => KernelWarmUp.Run(ipv6));
}
