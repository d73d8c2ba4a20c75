namespace Bgpd.Control.Views;

/// <summary>One interface address as <c>show interfaces</c> prints it.</summary>
public sealed record InterfaceAddressView(string Prefix, string Kind, string Scope, string? Opposite);

/// <summary>One interface as <c>show interfaces</c> prints it.</summary>
public sealed record InterfaceView(
    string Name, bool Up, int Index, string? Master, string Flags, int Mtu, IReadOnlyList<InterfaceAddressView> Addresses);
