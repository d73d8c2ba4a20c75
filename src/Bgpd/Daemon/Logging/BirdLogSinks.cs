using System.Net.Sockets;
using System.Text;

namespace Bgpd.Daemon.Logging;

/// <summary>
/// Where BIRD-style log lines go: stderr, files (appended), syslog through the <c>/dev/log</c>
/// datagram socket, and the control sessions that asked for <c>echo</c>. Targets can be replaced
/// at reconfiguration; writes never throw into the caller.
/// </summary>
public sealed class BirdLogSinks : IDisposable
{
    readonly object _gate = new();
    readonly TimeProvider _time;
    IReadOnlyList<LogTargetSpec> _targets = [];
    readonly Dictionary<string, StreamWriter> _files = new(StringComparer.Ordinal);
    Socket? _syslog;
    Control.TimeFormat _format = Control.TimeFormat.Long;

    public BirdLogSinks(TimeProvider time) => _time = time;

    /// <summary>Called for every message (class, text) after the targets: the control server's echo.</summary>
    public Action<BirdLogClass, string>? Echo { get; set; }

    public void Configure(IReadOnlyList<LogTargetSpec> targets, Control.TimeFormat format)
    {
        lock (_gate)
        {
            foreach (var writer in _files.Values) writer.Dispose();
            _files.Clear();
            _targets = targets;
            _format = format;
        }
    }

    public bool IsEnabled(BirdLogClass c)
    {
        if (Echo is not null) return true;
        foreach (var t in _targets) if (t.Classes.Contains(c)) return true;
        return false;
    }

    public void Write(BirdLogClass c, string message)
    {
        lock (_gate)
        {
            var now = _time.GetLocalNow();
            foreach (var target in _targets)
            {
                if (!target.Classes.Contains(c)) continue;
                try
                {
                    switch (target.Kind)
                    {
                        case LogSinkKind.Stderr:
                            Console.Error.WriteLine(BirdLogFormatter.Line(_format, now, c, message));
                            break;
                        case LogSinkKind.Terminal:
                            Console.Error.WriteLine(BirdLogFormatter.TerminalLine(message));
                            break;
                        case LogSinkKind.File when target.Name is { } path:
                            FileFor(path).WriteLine(BirdLogFormatter.Line(_format, now, c, message));
                            break;
                        case LogSinkKind.Syslog:
                            SendSyslog(target.Name ?? "bird", c, message);
                            break;
                    }
                }
                catch (Exception e) when (e is IOException or SocketException or UnauthorizedAccessException)
                {
                    // A log target that fails must not take the daemon down.
                }
            }
        }
        Echo?.Invoke(c, message);
    }

    StreamWriter FileFor(string path)
    {
        if (_files.TryGetValue(path, out var writer)) return writer;
        writer = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
        _files[path] = writer;
        return writer;
    }

    void SendSyslog(string ident, BirdLogClass c, string message)
    {
        const int FacilityDaemon = 3;
        if (_syslog is null)
        {
            _syslog = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
            _syslog.Connect(new UnixDomainSocketEndPoint("/dev/log"));
        }
        var priority = FacilityDaemon * 8 + BirdLogClasses.SyslogSeverity(c);
        var packet = $"<{priority}>{ident}[{Environment.ProcessId}]: {message}";
        _syslog.Send(Encoding.UTF8.GetBytes(packet));
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var writer in _files.Values) writer.Dispose();
            _files.Clear();
            _syslog?.Dispose();
        }
    }
}
