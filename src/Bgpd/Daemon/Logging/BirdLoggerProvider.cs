using Microsoft.Extensions.Logging;

namespace Bgpd.Daemon.Logging;

/// <summary>Routes Microsoft.Extensions.Logging entries into <see cref="BirdLogSinks"/> with BIRD's classes.</summary>
public sealed class BirdLoggerProvider(BirdLogSinks sinks) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new BirdLogger(sinks);
    public void Dispose() { }

    sealed class BirdLogger(BirdLogSinks sinks) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) =>
            logLevel != LogLevel.None && sinks.IsEnabled(BirdLogClasses.FromEntry(logLevel, default));

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.None) return;
            var c = BirdLogClasses.FromEntry(logLevel, eventId);
            var message = formatter(state, exception);
            if (exception is not null && c is BirdLogClass.Bug or BirdLogClass.Fatal) message += ": " + exception.Message;
            sinks.Write(c, message);
        }
    }
}
