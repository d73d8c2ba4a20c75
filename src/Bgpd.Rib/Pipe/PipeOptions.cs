using Bgpd.Rib.Protocols;

namespace Bgpd.Rib.Pipe;

/// <summary>Pipe mode (BIRD 1.6 `mode transparent|opaque`; 2.x pipes behave as transparent).</summary>
public enum PipeMode : byte
{
    /// <summary>Every route passes with its original source, attributes and preference (RA_ANY).</summary>
    Transparent,
    /// <summary>Only best routes pass, re-originated by the pipe with its own preference (RA_OPTIMAL).</summary>
    Opaque,
}

/// <summary>Settings of a pipe, mapped by the daemon from `protocol pipe { peer table X; ... }`.</summary>
public sealed record PipeOptions
{
    /// <summary>
    /// `import` filter (peer table -> table), `export` filter (table -> peer table), preference
    /// (default 70) and limits (import limit on routes entering the table, export limit on routes entering the peer).
    /// </summary>
    public ChannelOptions Channel { get; init; } = new();
    /// <summary>`mode`; BIRD 1.6's default is transparent.</summary>
    public PipeMode Mode { get; init; } = PipeMode.Transparent;
}
