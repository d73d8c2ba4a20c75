using System.Buffers;

namespace Bgpd.Control;

/// <summary>An <see cref="IReplySink"/> that frames lines straight into a byte buffer with a session's framer.</summary>
public sealed class FramedReply(ReplyFramer framer, IBufferWriter<byte> output) : IReplySink
{
    public bool Finished { get; private set; }

    public void Line(int code, string text)
    {
        if (Finished) throw new InvalidOperationException("reply already finished");
        framer.Continuation(output, code, text);
    }

    public void Final(int code, string text)
    {
        if (Finished) throw new InvalidOperationException("reply already finished");
        framer.Final(output, code, text);
        Finished = true;
    }
}
