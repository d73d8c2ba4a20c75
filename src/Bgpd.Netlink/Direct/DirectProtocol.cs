using Bgpd.Net;
using Bgpd.Netlink.Device;
using Bgpd.Netlink.Netlink;
using Bgpd.Netlink.Protocols;
using Bgpd.Rib;
using Bgpd.Rib.Attributes;
using Bgpd.Rib.Protocols;
using Bgpd.Rib.Tables;

namespace Bgpd.Netlink.Direct;

/// <summary>
/// BIRD's direct protocol: a device route (<c>dev IFACE</c>, source device, preference 240) for the network
/// of every primary-or-unselected address with scope wider than link, on up interfaces matching the
/// pattern list. Routes follow interface and address events.
/// </summary>
public sealed class DirectProtocol : Protocol, INetlinkListener
{
    private readonly NetlinkHub _hub;
    private readonly Dictionary<Prefix, RouteAttributes> _announced = [];
    private readonly bool _v6;

    public DirectProtocol(string name, RoutingLoop loop, RoutingTable table, DirectOptions options, NetlinkHub hub)
        : base(name, loop)
    {
        Options = options ?? throw new ArgumentNullException(nameof(options));
        _hub = hub ?? throw new ArgumentNullException(nameof(hub));
        _v6 = table.Family == TableFamily.Ipv6;
        Channel = AddChannel(table, options.Channel);
    }

    public override string ClassName => "Direct";
    public override int DefaultPreference => 240;
    protected override bool AcceptsExports => false;

    public DirectOptions Options { get; }
    public Channel Channel { get; }

    /// <summary>Networks currently announced.</summary>
    public IReadOnlyCollection<Prefix> Announced => _announced.Keys;

    protected override ProtocolState OnStart()
    {
        _hub.Attach(this);
        return ProtocolState.Up;
    }

    protected override void OnStateChanged(ProtocolState previous, ProtocolState current)
    {
        if (current == ProtocolState.Up)
            Synchronize();
        else if (previous == ProtocolState.Up)
        {
            _announced.Clear();
            _hub.Detach(this);
        }
    }

    void INetlinkListener.OnNetlinkEvents(ReadOnlySpan<NetlinkEvent> events, IReadOnlyList<InterfaceChange> interfaceChanges)
    {
        if (interfaceChanges.Count > 0 && State == ProtocolState.Up)
            Synchronize();
    }

    void INetlinkListener.OnNetlinkOverrun(IReadOnlyList<InterfaceChange> interfaceChanges)
    {
        if (State == ProtocolState.Up)
            Synchronize();
    }

    /// <summary>Recomputes the wanted device routes from the interface list and announces the difference.</summary>
    public void Synchronize()
    {
        var wanted = new Dictionary<Prefix, RouteAttributes>();
        foreach (var iface in _hub.Interfaces.Interfaces)
        {
            if (!iface.IsUp || (Options.CheckLink && !iface.LinkUp))
                continue;
            foreach (var address in iface.Addresses)
            {
                if (address.Address.IsV6 != _v6 || address.IsSecondary || address.Scope <= AddressScope.Link)
                    continue;
                if (!Accepts(iface.Name, address.Address))
                    continue;
                var network = address.Network;
                wanted[network] = Loop.Attributes.Intern(new RouteAttributes(this, RouteSource.Device, RouteDest.Device,
                    [NextHop.Device(iface.Name, iface.Index, _v6)]));
            }
        }
        foreach (var (prefix, _) in _announced.Where(kv => !wanted.ContainsKey(kv.Key)).ToList())
        {
            _announced.Remove(prefix);
            Channel.Withdraw(prefix);
        }
        foreach (var (prefix, attributes) in wanted)
        {
            if (_announced.TryGetValue(prefix, out var old) && ReferenceEquals(old, attributes))
                continue;
            _announced[prefix] = attributes;
            Channel.Update(prefix, attributes);
        }
    }

    private bool Accepts(string name, IpAddress address)
    {
        if (Options.Interfaces.Count == 0)
            return true;
        foreach (var p in Options.Interfaces)
        {
            var pattern = p.Pattern;
            var negated = p.Negated;
            if (pattern.StartsWith('-'))
            {
                negated = !negated;
                pattern = pattern[1..];
            }
            if (InterfacePatterns.Matches(pattern, name) && (p.Prefix is not { } prefix || prefix.Contains(address)))
                return !negated;
        }
        return false;
    }
}
