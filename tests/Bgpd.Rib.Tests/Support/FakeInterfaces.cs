using Bgpd.Net;
using Bgpd.Rib.Protocols;

namespace Bgpd.Rib.Tests.Support;

/// <summary>Interfaces with connected prefixes, changed by the test.</summary>
public sealed class FakeInterfaces : IInterfaceView
{
    private readonly Dictionary<string, (InterfaceState State, List<Prefix> Connected)> _interfaces = [];

    public event Action? Changed;

    public void Add(string name, int index, string connected, bool up = true, bool link = true)
    {
        _interfaces[name] = (new InterfaceState(name, index, up, link), [Prefix.Parse(connected)]);
        Changed?.Invoke();
    }

    public void SetUp(string name, bool up)
    {
        var entry = _interfaces[name];
        _interfaces[name] = (entry.State with { IsUp = up }, entry.Connected);
        Changed?.Invoke();
    }

    public bool TryGetInterface(string name, out InterfaceState state)
    {
        var found = _interfaces.TryGetValue(name, out var entry);
        state = entry.State;
        return found;
    }

    public bool TryFindNeighbor(IpAddress gateway, string? interfaceName, out InterfaceState state)
    {
        foreach (var (name, entry) in _interfaces)
        {
            if (interfaceName is not null && name != interfaceName) continue;
            if (!entry.State.IsUp || !entry.Connected.Any(c => c.Contains(gateway))) continue;
            state = entry.State;
            return true;
        }
        state = default;
        return false;
    }
}
