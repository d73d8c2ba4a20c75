namespace Bgpd.Rib.Tables;

/// <summary>
/// A growable array of structs addressed by int slots, kept in fixed-size segments so it never
/// reallocates (or copies) its whole content. Full segments are sized for the large-object heap,
/// which the GC does not compact: entries stay where they are for their whole life instead of being
/// copied from generation to generation as a million small objects would be. Only the first segment
/// starts small and doubles, so a table of ten routes does not hold a 100 KB segment.
/// Slot 0 is never handed out: it stands for "none" in the links between entries.
/// </summary>
internal sealed class SlotArray<T> where T : struct
{
    private readonly int _shift;
    private readonly int _mask;
    private T[][] _segments;
    private int _segmentCount;

    /// <param name="segmentBits">log2 of the entries per full segment (choose it so a segment exceeds 85,000 bytes).</param>
    public SlotArray(int segmentBits, int initialLength = 16)
    {
        _shift = segmentBits;
        _mask = (1 << segmentBits) - 1;
        _segments = [new T[Math.Min(initialLength, 1 << segmentBits)]];
        _segmentCount = 1;
        Length = 1;
    }

    /// <summary>Slots handed out so far (the next new slot), slot 0 included.</summary>
    public int Length { get; private set; }

    /// <summary>Number of segments allocated (tests check growth).</summary>
    public int SegmentCount => _segmentCount;

    public ref T this[int slot] => ref _segments[slot >> _shift][slot & _mask];

    /// <summary>A slot never handed out before (zeroed).</summary>
    public int Grow()
    {
        var slot = Length;
        var segment = slot >> _shift;
        if (segment == 0)
        {
            var first = _segments[0];
            if (slot == first.Length) Array.Resize(ref _segments[0], first.Length * 2);
        }
        else if (segment == _segmentCount)
        {
            if (_segmentCount == _segments.Length) Array.Resize(ref _segments, _segmentCount * 2);
            _segments[_segmentCount++] = new T[1 << _shift];
        }
        Length = slot + 1;
        return slot;
    }
}
