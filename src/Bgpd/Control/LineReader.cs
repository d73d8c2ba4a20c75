using System.Buffers;
using System.Text;

namespace Bgpd.Control;

/// <summary>
/// Splits the incoming byte stream into command lines the way BIRD's CLI does: lines end at <c>\n</c>,
/// every <c>\r</c> is dropped, and a line that does not fit BIRD's 1024-byte socket read buffer
/// (1023 characters or more before the newline) makes BIRD drop the connection, which we mirror.
/// </summary>
public static class LineReader
{
    /// <summary>BIRD's control-socket read buffer (<c>rbsize = 1024</c>).</summary>
    public const int ReadBufferSize = 1024;

    public enum Result { Line, NeedMore, TooLong }

    public static Result TryReadLine(ref ReadOnlySequence<byte> buffer, out string line)
    {
        line = "";
        var newline = buffer.PositionOf((byte)'\n');
        if (newline is null)
            return buffer.Length >= ReadBufferSize - 1 ? Result.TooLong : Result.NeedMore;
        var raw = buffer.Slice(0, newline.Value);
        if (raw.Length >= ReadBufferSize - 1) return Result.TooLong;
        line = Encoding.UTF8.GetString(raw).Replace("\r", "");
        buffer = buffer.Slice(buffer.GetPosition(1, newline.Value));
        return Result.Line;
    }
}
