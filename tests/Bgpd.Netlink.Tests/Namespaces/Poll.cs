using System.Diagnostics;

namespace Bgpd.Netlink.Tests.Namespaces;

/// <summary>Bounded polling: waits for a condition instead of sleeping a guessed time.</summary>
internal static class Poll
{
    public static bool Until(Func<bool> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (condition())
                return true;
            Thread.Sleep(5);
        }
        return condition();
    }
}
