namespace Bgpd.Filters.Tests.Conformance;

/// <summary>BIRD 2.0.12 filter/test.conf: each suite run is one test case.</summary>
public class Bird2ConformanceTests
{
    public static IEnumerable<TestCaseData> Suites() =>
        Bird2SuiteRunner.SuiteNames().Select(n => new TestCaseData(n).SetName($"Bird_2_0_12_suite({n})"));

    [TestCaseSource(nameof(Suites))]
    public void Suite_passes_as_in_bird(string name)
    {
        var r = Bird2SuiteRunner.Get(name);
        TestContext.Out.WriteLine($"{name}: {(r.Passed ? "OK" : "FAIL")} asserts {r.AssertsPassed}/{r.AssertsTotal} {r.Detail}");
        if (KnownGaps.TryGet(name, out var reason))
            Assert.That(r.Passed, Is.False, $"{name} now passes: remove it from KnownGaps.txt (listed because: {reason})");
        else
            Assert.That(r.Passed, Is.True, $"{name} failed: {r.Detail}");
    }

    [Test]
    public void Summary_of_suite_runs_and_assertions()
    {
        var all = Bird2SuiteRunner.All.Values.ToList();
        foreach (var r in all)
            TestContext.Out.WriteLine($"{r.Name,-32} {(r.Passed ? "OK  " : "FAIL")} {r.AssertsPassed}/{r.AssertsTotal}");
        TestContext.Out.WriteLine($"suites passed {all.Count(r => r.Passed)}/{all.Count}; assertions passed {all.Sum(r => r.AssertsPassed)}/{all.Sum(r => r.AssertsTotal)} (BIRD: 34/34 suites, 456 assertions)");
        Assert.That(all, Has.Count.EqualTo(34), "BIRD runs 34 suites on this file");
    }
}
