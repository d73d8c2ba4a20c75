namespace Bgpd.Rib.Protocols;

/// <summary>BIRD's per-protocol <c>debug { ... }</c> switches (D_STATES ... D_PACKETS): which trace lines a protocol logs.</summary>
[Flags]
public enum ProtocolDebug
{
    None = 0,
    /// <summary>State changes: Starting, Connected to table, State changed to feed/up/stop/flush/down.</summary>
    States = 1,
    /// <summary>Routes entering the table (<c>name &gt; added [best] ...</c>) and leaving to the protocol (<c>name &lt; ...</c>).</summary>
    Routes = 2,
    /// <summary>Routes rejected by filters (<c>filtered out</c>) or by the protocol.</summary>
    Filters = 4,
    Interfaces = 8,
    /// <summary>Protocol events (BGP: connects, session established/closed).</summary>
    Events = 16,
    Packets = 32,
}
