using Bgpd.Filters.Values;
using Bgpd.Net;

namespace Bgpd.Filters.Runtime;

/// <summary>
/// A self-contained route for <c>eval</c>, tests and benchmarks: a net plus a dictionary of
/// attributes. Not the RIB's route; the daemon supplies its own <see cref="IFilterRoute"/>.
/// </summary>
public sealed class TestRoute : IFilterRoute
{
    private readonly Dictionary<(RouteAttribute, string?), Value> attributes = new();

    public TestRoute(Prefix net) => attributes[(RouteAttribute.Net, null)] = Value.Net(net);

    public TestRoute With(string name, Value value)
    {
        var info = RouteAttributes.Find(name) ?? throw new ArgumentException($"unknown attribute {name}");
        attributes[(info.Id, null)] = value;
        return this;
    }

    public Value Get(RouteAttribute attribute, string? customName = null) =>
        attributes.TryGetValue((attribute, customName), out var v) ? v : Value.Void;

    public void Set(RouteAttribute attribute, in Value value, string? customName = null) =>
        attributes[(attribute, customName)] = value;

    public void Unset(RouteAttribute attribute, string? customName = null) =>
        attributes.Remove((attribute, customName));

    public bool Has(string name) => RouteAttributes.Find(name) is { } info && attributes.ContainsKey((info.Id, null));

    public Value this[string name] => RouteAttributes.Find(name) is { } info ? Get(info.Id) : Value.Void;
}
