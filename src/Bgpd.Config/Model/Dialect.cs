namespace Bgpd.Config.Model;

/// <summary>Which BIRD's config language a file is read as.</summary>
public enum Dialect
{
    /// <summary>BIRD 1.6 <c>bird</c>: IPv4 daemon, protocol-level import/export.</summary>
    Bird16,
    /// <summary>BIRD 1.6 <c>bird6</c>: same grammar, IPv6 addresses and tables.</summary>
    Bird16v6,
    /// <summary>BIRD 2.x: channels (<c>ipv4 { ... };</c>), both address families in one daemon.</summary>
    Bird2,
}
