using System.Buffers;
using System.Globalization;
using System.Text;

namespace Bgpd.Control;

/// <summary>
/// Turns reply lines into BIRD's control-socket bytes: <c>DDDD-</c> for a continuation whose code
/// differs from the previous line's, a single space when it repeats, <c>DDDD </c> for the final line,
/// <c>+</c> for asynchronous lines. One instance per session, because <c>last_reply</c> is per session.
/// </summary>
public sealed class ReplyFramer
{
    /// <summary>BIRD's CLI_LINE_SIZE: a line including its prefix and newline stays below this.</summary>
    public const int LineSize = 512;
    public const int OverflowCode = 8000;
    const string Overflow = "<line overflow>";

    int _lastReply;

    /// <summary>The code of the last line written (BIRD 1.6 keeps it across commands).</summary>
    public int LastReply => _lastReply;

    public void Continuation(IBufferWriter<byte> output, int code, string text)
    {
        var prefix = code == _lastReply ? " " : Code(code) + "-";
        _lastReply = code;
        if (!Fits(prefix, text))
        {
            Continuation(output, OverflowCode, Overflow);
            return;
        }
        Write(output, prefix, text);
    }

    public void Final(IBufferWriter<byte> output, int code, string text)
    {
        var prefix = Code(code) + " ";
        _lastReply = code;
        if (!Fits(prefix, text))
        {
            Final(output, OverflowCode, Overflow);
            return;
        }
        Write(output, prefix, text);
    }

    /// <summary>A spontaneous line (log echo); it does not touch <c>last_reply</c>.</summary>
    public static void Async(IBufferWriter<byte> output, string text)
    {
        if (!Fits("+", text)) text = Overflow;
        Write(output, "+", text);
    }

    static string Code(int code) => code.ToString("D4", CultureInfo.InvariantCulture);

    // BIRD formats into a 512-byte buffer and keeps one byte for the newline and one for the NUL.
    static bool Fits(string prefix, string text) =>
        prefix.Length + Encoding.UTF8.GetByteCount(text) + 2 <= LineSize;

    static void Write(IBufferWriter<byte> output, string prefix, string text)
    {
        var length = prefix.Length + Encoding.UTF8.GetByteCount(text) + 1;
        var span = output.GetSpan(length);
        var n = Encoding.ASCII.GetBytes(prefix, span);
        n += Encoding.UTF8.GetBytes(text, span[n..]);
        span[n++] = (byte)'\n';
        output.Advance(n);
    }
}
