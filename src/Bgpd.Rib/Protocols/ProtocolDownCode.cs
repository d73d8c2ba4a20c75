namespace Bgpd.Rib.Protocols;

/// <summary>Why a protocol was last shut down (BIRD's PDC_*), for protocol-specific messages.</summary>
public enum ProtocolDownCode : byte
{
    /// <summary>Not shut down, or no specific reason.</summary>
    None,
    /// <summary>PDC_CF_REMOVE: removed from the configuration.</summary>
    ConfigRemoved,
    /// <summary>PDC_CF_DISABLE: disabled in the configuration.</summary>
    ConfigDisabled,
    /// <summary>PDC_CF_RESTART: restarted by reconfiguration.</summary>
    ConfigRestart,
    /// <summary>PDC_CMD_DISABLE: `disable` command.</summary>
    CommandDisable,
    /// <summary>PDC_CMD_RESTART: `restart` command.</summary>
    CommandRestart,
    /// <summary>PDC_CMD_SHUTDOWN: daemon shutdown.</summary>
    CommandShutdown,
    /// <summary>PDC_RX_LIMIT_HIT: receive limit action restart/disable.</summary>
    ReceiveLimitHit,
    /// <summary>PDC_IN_LIMIT_HIT: import limit action restart/disable.</summary>
    ImportLimitHit,
    /// <summary>PDC_OUT_LIMIT_HIT: export limit action restart/disable.</summary>
    ExportLimitHit,
}
