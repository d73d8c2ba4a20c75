namespace Bgpd.Netlink.Tests.Fixtures;

/// <summary>Loads captured netlink datagrams (one hex line each) checked in beside the tests.</summary>
internal static class HexFixture
{
    public static IReadOnlyList<byte[]> Datagrams(string name)
    {
        var path = Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", name + ".hex");
        return File.ReadAllLines(path)
            .Where(line => line.Length > 0)
            .Select(Convert.FromHexString)
            .ToList();
    }
}
