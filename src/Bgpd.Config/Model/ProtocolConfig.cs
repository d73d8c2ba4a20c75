using Bgpd.Net;

namespace Bgpd.Config.Model;

/// <summary>The protocol classes bgpd knows.</summary>
public enum ProtocolType { Kernel, Device, Direct, Static, Bgp, Pipe, Bfd }

/// <summary>
/// Options every protocol shares. Equality is structural over the options and channels; the
/// source position and the template a protocol came from do not count (BIRD compares configs,
/// not where they were written). Named filters compare by name: use
/// <see cref="BirdConfig.IsProtocolUnchanged"/> to also compare the filters' bodies.
/// </summary>
public abstract record ProtocolConfig
{
    public abstract ProtocolType Type { get; }
    /// <summary>Protocol (or template) name; unnamed protocols get <c>kernel1</c>, <c>bgp2</c>... as BIRD names them.</summary>
    public required string Name { get; init; }
    /// <summary>True for <c>template</c> definitions.</summary>
    public bool IsTemplate { get; init; }
    /// <summary>The template named in <c>from T</c>, if any.</summary>
    public string? Template { get; init; }
    public SourcePos Pos { get; init; } = SourcePos.None;
    public bool Disabled { get; init; }
    public string? Description { get; init; }
    public DebugFlags Debug { get; init; }
    public IpAddress? RouterId { get; init; }
    /// <summary>Channels; in 1.6 exactly one implicit channel (see <see cref="ChannelConfig"/>).</summary>
    public ValueList<ChannelConfig> Channels { get; init; } = ValueList<ChannelConfig>.Empty;

    /// <summary>The first channel (the only one in 1.6), or null for a 2.x protocol without channels.</summary>
    public ChannelConfig? MainChannel => Channels.Count > 0 ? Channels[0] : null;

    public virtual bool Equals(ProtocolConfig? other) =>
        other is not null && EqualityContract == other.EqualityContract && Name == other.Name &&
        IsTemplate == other.IsTemplate && Disabled == other.Disabled && Description == other.Description &&
        Debug == other.Debug && RouterId == other.RouterId && Channels.Equals(other.Channels);

    public override int GetHashCode() => HashCode.Combine(EqualityContract, Name, Disabled, Channels);
}

/// <summary><c>protocol kernel</c>: syncs a table with the kernel FIB.</summary>
public sealed record KernelConfig : ProtocolConfig
{
    public override ProtocolType Type => ProtocolType.Kernel;
    public bool Persist { get; init; }
    /// <summary>Seconds between kernel table scans (default 60).</summary>
    public int ScanTime { get; init; } = 60;
    public bool Learn { get; init; }
    /// <summary>1.6 <c>device routes</c>: also export device routes.</summary>
    public bool DeviceRoutes { get; init; }
    public bool GracefulRestart { get; init; }
    public bool MergePaths { get; init; }
    /// <summary>ECMP limit for merge paths (default 16, 1-255).</summary>
    public int MergePathsLimit { get; init; } = 16;
    /// <summary>Kernel table id (default 254, main).</summary>
    public uint KernelTable { get; init; } = 254;
    /// <summary>Route metric (1.6 default 0, 2.x 32).</summary>
    public uint Metric { get; init; }
    public uint? NetlinkRxBuffer { get; init; }
}

/// <summary>1.6 <c>primary ["iface"] IP;</c> / 2.x <c>interface "p" { preferred IP; }</c> in the device protocol.</summary>
public sealed record DevicePrimary(string? InterfacePattern, IpAddress Address);

/// <summary><c>protocol device</c>: watches interfaces (only one allowed).</summary>
public sealed record DeviceConfig : ProtocolConfig
{
    public override ProtocolType Type => ProtocolType.Device;
    public int ScanTime { get; init; } = 60;
    public ValueList<DevicePrimary> Primary { get; init; } = ValueList<DevicePrimary>.Empty;
}

/// <summary><c>protocol direct</c>: routes for interface networks.</summary>
public sealed record DirectConfig : ProtocolConfig
{
    public override ProtocolType Type => ProtocolType.Direct;
    /// <summary>First-match interface patterns; empty means <c>"*"</c>.</summary>
    public ValueList<InterfacePattern> Interfaces { get; init; } = ValueList<InterfacePattern>.Empty;
    public bool CheckLink { get; init; }
}

/// <summary><c>protocol pipe</c>: copies routes between the channel's table and <see cref="PeerTable"/>.</summary>
public sealed record PipeConfig : ProtocolConfig
{
    public override ProtocolType Type => ProtocolType.Pipe;
    public string? PeerTable { get; init; }
    /// <summary>1.6 <c>mode transparent|opaque</c> (default transparent).</summary>
    public bool Opaque { get; init; }
}

/// <summary>
/// <c>protocol bfd</c>: kept so configs that declare it are accepted (Debian's bird 1.6.8 accepts
/// it); its options are stored verbatim as token text, bgpd does not run BFD yet.
/// </summary>
public sealed record BfdConfig : ProtocolConfig
{
    public override ProtocolType Type => ProtocolType.Bfd;
    /// <summary>The body's tokens joined by spaces (for equality and display).</summary>
    public string Body { get; init; } = "";
}
