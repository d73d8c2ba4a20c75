using System.Diagnostics;
using NUnit.Framework;

namespace Bgpd.Lab.OpenStack;

/// <summary>Bounded polling while BGP converges: a condition re-checked until it holds or time runs out.</summary>
public static class Eventually
{
    public static readonly TimeSpan Convergence = TimeSpan.FromSeconds(30);

    /// <summary>Polls <paramref name="condition"/> until true; fails with the last explanation otherwise.</summary>
    public static void Holds(Func<(bool Ok, string Explanation)> condition, TimeSpan? within = null, string? what = null)
    {
        var limit = within ?? Convergence;
        var clock = Stopwatch.StartNew();
        var attempts = 0;
        (bool Ok, string Explanation) last;
        do
        {
            attempts++;
            last = condition();
            if (last.Ok)
            {
                return;
            }

            Thread.Sleep(100);
        }
        while (clock.Elapsed < limit && attempts < 10_000);

        Assert.Fail($"{what ?? "condition"} did not hold within {limit.TotalSeconds:0} s ({attempts} attempts); last: {last.Explanation}");
    }
}
