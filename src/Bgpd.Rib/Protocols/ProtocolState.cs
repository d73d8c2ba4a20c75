namespace Bgpd.Rib.Protocols;

/// <summary>Protocol state as BIRD's PS_* (nest/protocol.h).</summary>
public enum ProtocolState : byte
{
    /// <summary>PS_DOWN: not running (disabled, or not yet started).</summary>
    Down,
    /// <summary>PS_START: starting (BGP: connecting / opening).</summary>
    Start,
    /// <summary>PS_UP: running; channels import and export.</summary>
    Up,
    /// <summary>PS_STOP: shutting down (BGP sending NOTIFICATION), routes already flushed.</summary>
    Stop,
}
