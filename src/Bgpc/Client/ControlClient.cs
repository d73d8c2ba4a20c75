using System.Net.Sockets;
using System.Text;

namespace Bgpc.Client;

/// <summary>One raw reply line from the daemon with its parsed code (continuations inherit the previous code).</summary>
public readonly record struct ReplyLine(string Raw, int Code, bool IsFinal, bool IsAsync)
{
    /// <summary>The text after the code prefix (or after the leading space / plus sign).</summary>
    public string Text => IsAsync ? Raw[1..] : Raw.StartsWith(' ') ? Raw[1..] : Raw.Length >= 5 ? Raw[5..] : "";
}

/// <summary>A connection to a BIRD-compatible control socket: read lines, send commands, collect replies.</summary>
public sealed class ControlClient : IDisposable
{
    readonly Socket _socket;
    readonly NetworkStream _stream;
    readonly StreamReader _reader;
    int _lastCode;

    ControlClient(Socket socket)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _reader = new StreamReader(_stream, new UTF8Encoding(false), false, 4096);
    }

    public static ControlClient Connect(string path)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Connect(new UnixDomainSocketEndPoint(path));
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        return new ControlClient(socket);
    }

    /// <summary>Reads one line; null at EOF.</summary>
    public ReplyLine? ReadLine()
    {
        var raw = _reader.ReadLine();
        if (raw is null) return null;
        if (raw.StartsWith('+')) return new ReplyLine(raw, _lastCode, false, true);
        if (raw.StartsWith(' ')) return new ReplyLine(raw, _lastCode, false, false);
        if (ReplyLineRenderer.TryParseCode(raw, out var code, out var final))
        {
            _lastCode = code;
            return new ReplyLine(raw, code, final, false);
        }
        return new ReplyLine(raw, _lastCode, false, false);
    }

    /// <summary>Reads lines up to and including the final one, passing each to <paramref name="onLine"/>.</summary>
    public List<ReplyLine> ReadReply(Action<ReplyLine>? onLine = null)
    {
        var lines = new List<ReplyLine>();
        while (ReadLine() is { } line)
        {
            onLine?.Invoke(line);
            if (line.IsAsync) continue;
            lines.Add(line);
            if (line.IsFinal) return lines;
        }
        throw new IOException("Connection closed by server");
    }

    public void Send(string command)
    {
        var bytes = Encoding.UTF8.GetBytes(command + "\n");
        _stream.Write(bytes);
        _stream.Flush();
    }

    public bool DataAvailable => _socket.Available > 0;

    public void Dispose()
    {
        _reader.Dispose();
        _stream.Dispose();
    }
}
