using System.Net.Sockets;
using System.Text;

namespace Bgpd.Tests.Support;

/// <summary>A raw control-socket client: exact bytes in, reply lines out, every read bounded in time.</summary>
public sealed class RawClient : IDisposable
{
    readonly Socket _socket;
    readonly List<byte> _pending = [];

    RawClient(Socket socket) => _socket = socket;

    public static RawClient Connect(string path)
    {
        var s = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified) { ReceiveTimeout = 10000, SendTimeout = 10000 };
        s.Connect(new UnixDomainSocketEndPoint(path));
        return new RawClient(s);
    }

    public Socket Socket => _socket;

    public void SendRaw(string text) => SendRaw(Encoding.UTF8.GetBytes(text));
    public void SendRaw(byte[] bytes) => _socket.Send(bytes);
    public void Send(string command) => SendRaw(command + "\n");

    /// <summary>Reads one line including its newline; null at EOF.</summary>
    public string? ReadLine()
    {
        while (true)
        {
            var nl = _pending.IndexOf((byte)'\n');
            if (nl >= 0)
            {
                var line = Encoding.UTF8.GetString(_pending.GetRange(0, nl + 1).ToArray());
                _pending.RemoveRange(0, nl + 1);
                return line;
            }
            var buffer = new byte[4096];
            var n = _socket.Receive(buffer);
            if (n == 0) return null;
            _pending.AddRange(buffer.AsSpan(0, n).ToArray());
        }
    }

    /// <summary>Reads lines up to the final one (<c>DDDD </c>); returns them concatenated, newlines included.</summary>
    public string ReadReply()
    {
        var sb = new StringBuilder();
        for (var i = 0; i < 1_000_000; i++)
        {
            var line = ReadLine() ?? throw new IOException("connection closed mid-reply: " + sb);
            sb.Append(line);
            if (line.Length >= 5 && char.IsAsciiDigit(line[0]) && line[4] == ' ') return sb.ToString();
        }
        throw new IOException("reply never ended");
    }

    public string Command(string command)
    {
        Send(command);
        return ReadReply();
    }

    /// <summary>True when the server closed the connection (EOF or reset) within the receive timeout.</summary>
    public bool IsClosedByServer()
    {
        try
        {
            var buffer = new byte[1024];
            return _socket.Receive(buffer) == 0;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
        {
            return true;
        }
    }

    public void Dispose() => _socket.Dispose();
}
