using Bgpd.Net;
using Bgpd.Rib.Protocols;

namespace Bgpd.Runtime;

/// <summary>
/// The interface view static protocols see: forwards to the running device protocol, whichever
/// order the config declares them in, and survives the device protocol being replaced by a reconfigure.
/// </summary>
public sealed class InterfaceViewProxy : IInterfaceView
{
    IInterfaceView? _target;

    public event Action? Changed;

    public IInterfaceView? Target
    {
        get => _target;
        set
        {
            if (ReferenceEquals(_target, value)) return;
            if (_target is not null) _target.Changed -= Forward;
            _target = value;
            if (_target is not null) _target.Changed += Forward;
            Changed?.Invoke();
        }
    }

    void Forward() => Changed?.Invoke();

    public bool TryGetInterface(string name, out InterfaceState state)
    {
        if (_target is not null) return _target.TryGetInterface(name, out state);
        state = default;
        return false;
    }

    public bool TryFindNeighbor(IpAddress gateway, string? interfaceName, out InterfaceState state)
    {
        if (_target is not null) return _target.TryFindNeighbor(gateway, interfaceName, out state);
        state = default;
        return false;
    }
}
