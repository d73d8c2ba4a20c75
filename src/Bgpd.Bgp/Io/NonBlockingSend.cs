using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Bgpd.Bgp.Io;

/// <summary>
/// send(2) with MSG_DONTWAIT on a socket that .NET also drives asynchronously: it writes what fits in the
/// kernel's send buffer now and says exactly how much that was. Socket.Send cannot be used for this: on a
/// blocking Socket it waits, and in non-blocking mode a partial write followed by EAGAIN reports 0 bytes.
/// </summary>
internal static partial class NonBlockingSend
{
    private const int MsgDontWait = 0x40;
    private const int MsgNoSignal = 0x4000;
    private const int EAgain = 11;
    private const int EIntr = 4;

    /// <summary>Bytes written (0 when the send buffer is full), or -1 when the socket failed (the reader reports why).</summary>
    public static unsafe int Send(Socket socket, ReadOnlySpan<byte> data)
    {
        var added = false;
        var handle = socket.SafeHandle;
        try
        {
            handle.DangerousAddRef(ref added);
            fixed (byte* p = data)
            {
                while (true)
                {
                    var n = send(handle.DangerousGetHandle(), p, data.Length, MsgDontWait | MsgNoSignal);
                    if (n >= 0) return (int)n;
                    var errno = Marshal.GetLastPInvokeError();
                    if (errno == EIntr) continue;
                    return errno == EAgain ? 0 : -1;
                }
            }
        }
        catch (ObjectDisposedException)
        {
            return -1;
        }
        finally
        {
            if (added) handle.DangerousRelease();
        }
    }

    [LibraryImport("libc", SetLastError = true)]
    private static unsafe partial nint send(nint fd, byte* buffer, nint length, int flags);
}
