namespace Bgpd.Control.Views;

/// <summary>One configured static route as <c>show static</c> prints it (1.6: <c>10.0.0.0/24 via 10.1.1.1</c>).</summary>
public sealed record StaticRouteView(string Network, string Destination, IReadOnlyList<string> NextHopLines, bool Installed);
