namespace Bgpd.Bgp.Wire;

/// <summary>
/// The decoded attributes of the last clean IPv4 announcement a connection received. A peer announces
/// route after route with the same attribute bytes (a compute's VM routes): an UPDATE carrying exactly those
/// bytes, decoded with the same options, gets the same <see cref="PathAttributes"/> without parsing them
/// again. The instance is then shared by those UPDATEs: whoever takes it from a decode with a cache must
/// not change it (the BGP protocol only sets LOCAL_PREF's default, the same value every time). Not thread-safe.
/// </summary>
public sealed class UpdateDecodeCache
{
    private byte[]? _blob;
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
