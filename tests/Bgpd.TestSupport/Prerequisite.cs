using System.Diagnostics.CodeAnalysis;
using NUnit.Framework;

namespace Bgpd.TestSupport;

/// <summary>
/// The one rule for tests that need root, a real peer (bird, gobgpd, frr) or ../shared: under CI
/// (CI=true) a missing prerequisite fails the test loudly; elsewhere it skips with the reason.
/// </summary>
public static class Prerequisite
{
    public static bool InCi =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    [DoesNotReturn]
    public static void Unavailable(string reason)
    {
        if (InCi) Assert.Fail($"{reason} (required in CI)");
        Assert.Ignore($"{reason} (not CI, so skipped)");
        throw new InvalidOperationException("unreachable: Assert.Ignore throws");
    }
}
