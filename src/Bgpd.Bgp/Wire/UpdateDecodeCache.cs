namespace Bgpd.Bgp.Wire;

/// <summary>
/// The decoded attributes of the last clean IPv4 announcement a connection received. A peer announces
/// route after route with the same attribute bytes (a compute's VM routes): an UPDATE carrying exactly those
/// bytes, decoded with the same options, gets the same <see cref="PathAttributes"/> without parsing them
/// again. The instance is then shared by those UPDATEs: whoever takes it from a decode with a cache must
/// not change it (the BGP protocol does not). Not thread-safe.
/// </summary>
public sealed class UpdateDecodeCache
{
    private byte[]? _blob;
    private UpdateMessage? _reused;
    // The attributes of an UPDATE without any (a withdrawal): one instance, as nothing changes them.
    private PathAttributes? _none;

    /// <summary>
    /// When set, a decode with this cache returns the same <see cref="UpdateMessage"/> instance each time,
    /// filled anew: for a driver that is done with each UPDATE before it decodes the next (the BGP
    /// protocol imports it at once), so a steady stream of UPDATEs allocates none.
    /// </summary>
    public bool ReuseMessages { get; set; }

    /// <summary>The instance to fill, or null for a new one.</summary>
    internal UpdateMessage? Reused => ReuseMessages ? _reused ??= new UpdateMessage { Attributes = _none ??= new PathAttributes() } : null;

    /// <summary>Attributes for an UPDATE that carries none, when messages are reused; null otherwise.</summary>
    internal PathAttributes? NoAttributes() => ReuseMessages ? _none ??= new PathAttributes() : null;
    private UpdateDecodeOptions _options;
    private PathAttributes? _attributes;
    private int _count;

    internal bool TryGet(ReadOnlySpan<byte> blob, in UpdateDecodeOptions options, out PathAttributes attributes, out int count)
    {
        if (_blob is not null && _attributes is not null && options == _options && blob.SequenceEqual(_blob))
        {
            attributes = _attributes;
            count = _count;
            return true;
        }
        attributes = null!;
        count = 0;
        return false;
    }

    internal void Remember(ReadOnlySpan<byte> blob, in UpdateDecodeOptions options, PathAttributes attributes, int count)
    {
        _blob = blob.ToArray();
        _options = options;
        _attributes = attributes;
        _count = count;
    }
}
