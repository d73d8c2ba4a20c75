using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;
using System.Text;

namespace Bgpd.Daemon;

/// <summary>
/// Which types the process allocates, sampled by the runtime's own allocation tick (one event per ~100 KB
/// allocated, naming the type of the object that crossed the mark): part of <see cref="MemoryTrace"/>, on
/// only with it. Each sample stands for the ~100 KB allocated since the previous one.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private const int AllocationTickEventId = 10;
    private readonly ConcurrentDictionary<string, long> _bytesByType = new();

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime") EnableEvents(source, EventLevel.Verbose, GcKeyword);
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.EventId != AllocationTickEventId || e.Payload is null || e.PayloadNames is null) return;
        var type = e.PayloadNames.IndexOf("TypeName") is var t and >= 0 ? e.Payload[t] as string ?? "?" : "?";
        var amount = e.PayloadNames.IndexOf("AllocationAmount64") is var a and >= 0 ? Convert.ToInt64(e.Payload[a], CultureInfo.InvariantCulture) : 0;
        _bytesByType.AddOrUpdate(type, amount, (_, total) => total + amount);
    }

    /// <summary>The sampled bytes per type so far, largest first.</summary>
    public string Describe()
    {
        var text = new StringBuilder("# sampled_mib type\n");
        foreach (var (type, bytes) in _bytesByType.OrderByDescending(pair => pair.Value).Take(40))
            text.Append(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:0.0} {type}\n");
        return text.ToString();
    }
}
