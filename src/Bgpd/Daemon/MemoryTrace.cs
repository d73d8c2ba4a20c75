using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Bgpd.Daemon;

/// <summary>
/// What the process's memory is made of at its peak, for bench/throughput (issue 5). On only when
/// <c>BGPD_MEMORY_TRACE=DIR</c> is set: a background thread reads the resident size every millisecond and,
/// until SIGTERM, each time it grows by a MiB past the highest seen, copies <c>/proc/self/smaps</c> to DIR/peak.smaps and
/// the GC's view (heap per generation after the last collection, bytes allocated since, committed bytes)
/// to DIR/peak.gc and the types allocated so far (<see cref="AllocationSampler"/>) to DIR/peak.allocations, so the files left behind describe the moment of peak RSS within a MiB. Every
/// collection it sees adds a line to DIR/gc.log. Reads and copies go through buffers allocated once, so
/// the trace adds next to nothing to the heap it measures. Off, nothing is started.
/// </summary>
public static class MemoryTrace
{
    private const long SnapshotStep = 1 << 20;
    private static readonly string? Directory = Environment.GetEnvironmentVariable("BGPD_MEMORY_TRACE");

    /// <summary>Starts the sampler when the environment asks for it.</summary>
    public static void StartIfRequested()
    {
        if (string.IsNullOrEmpty(Directory)) return;
        System.IO.Directory.CreateDirectory(Directory);
        var sampler = new Sampler(Directory);
        // The peak of interest is the running daemon's: shutting down (withdrawing every route) is not measured.
        _stop = PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => sampler.Stopped = true);
        new Thread(sampler.Run) { IsBackground = true, Name = "memory-trace" }.Start();
    }

    private static PosixSignalRegistration? _stop;

    private sealed class Sampler(string directory)
    {
        // Native, so the copy buffer is not on the GC heap being measured; only the pages a copy fills become resident.
        private const int SmapsCapacity = 1 << 20;
        private readonly unsafe byte* _smaps = (byte*)NativeMemory.Alloc(SmapsCapacity);
        private readonly byte[] _statm = new byte[128];
        private readonly long _pageSize = Environment.SystemPageSize;
        private readonly long _started = Environment.TickCount64;
        private long _peak;
        private long _lastSnapshot;
        private int _collections = -1;
        private long _allocatedAtCollection;
        private readonly AllocationSampler _allocations = new();

        public volatile bool Stopped;

        public void Run()
        {
            File.WriteAllText(Path.Combine(directory, "gc.config"), Configuration());
            using var statm = File.OpenHandle("/proc/self/statm");
            using var log = new StreamWriter(Path.Combine(directory, "gc.log")) { AutoFlush = true };
            log.WriteLine("# ms rss_mib " + Header);
            while (!Stopped)
            {
                var rss = Resident(statm);
                var collections = GC.CollectionCount(0);
                if (collections != _collections)
                {
                    _collections = collections;
                    _allocatedAtCollection = GC.GetTotalAllocatedBytes();
                    log.WriteLine($"{Environment.TickCount64 - _started} {rss / 1048576.0:0.0} {Describe()}");
                }
                if (rss > _peak) _peak = rss;
                if (rss >= _lastSnapshot + SnapshotStep)
                {
                    _lastSnapshot = rss;
                    Snapshot(rss);
                }
                Thread.Sleep(1);
            }
        }

        private long Resident(SafeFileHandle statm)
        {
            var read = RandomAccess.Read(statm, _statm, 0);
            var text = _statm.AsSpan(0, read);
            var start = text.IndexOf((byte)' ') + 1;
            var end = start + text[start..].IndexOf((byte)' ');
            long pages = 0;
            foreach (var digit in text[start..end]) pages = pages * 10 + (digit - '0');
            return pages * _pageSize;
        }

        private unsafe void Snapshot(long rss)
        {
            var buffer = new Span<byte>(_smaps, SmapsCapacity);
            var length = 0;
            using (var smaps = new FileStream("/proc/self/smaps", FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 0))
            {
                int read;
                while (length < buffer.Length && (read = smaps.Read(buffer[length..])) > 0) length += read;
            }
            using (var output = File.OpenHandle(Path.Combine(directory, "peak.smaps"), FileMode.Create, FileAccess.Write))
                RandomAccess.Write(output, buffer[..length], 0);
            File.WriteAllText(Path.Combine(directory, "peak.allocations"), _allocations.Describe());
            File.WriteAllText(Path.Combine(directory, "peak.gc"),
                $"ms {Environment.TickCount64 - _started} rss_mib {rss / 1048576.0:0.0}\n{Header}\n{Describe()}\n");
        }

        private const string Header =
            "gc_index gen compacted heap_mib committed_mib fragmented_mib gen0_mib gen1_mib gen2_mib loh_mib poh_mib " +
            "allocated_since_gc_mib total_memory_mib count0 count1 count2 pause_ms";

        // Generation sizes are as the last collection left them; what was allocated since is mostly gen0 garbage.
        private string Describe()
        {
            var info = GC.GetGCMemoryInfo();
            var generations = info.GenerationInfo;
            var text = new StringBuilder();
            text.Append(CultureInfo.InvariantCulture,
                $"{info.Index} {info.Generation} {(info.Compacted ? 1 : 0)} {Mib(info.HeapSizeBytes)} {Mib(info.TotalCommittedBytes)} {Mib(info.FragmentedBytes)}");
            for (var generation = 0; generation < 5; generation++)
                text.Append(' ').Append(generation < generations.Length ? Mib(generations[generation].SizeAfterBytes) : "-");
            text.Append(CultureInfo.InvariantCulture,
                $" {Mib(GC.GetTotalAllocatedBytes() - _allocatedAtCollection)} {Mib(GC.GetTotalMemory(false))}");
            text.Append(CultureInfo.InvariantCulture,
                $" {GC.CollectionCount(0)} {GC.CollectionCount(1)} {GC.CollectionCount(2)} {GC.GetTotalPauseDuration().TotalMilliseconds:0.0}");
            return text.ToString();
        }

        private static string Mib(long bytes) => (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture);

        private static string Configuration()
        {
            var text = new StringBuilder();
            foreach (var (key, value) in GC.GetConfigurationVariables().OrderBy(pair => pair.Key, StringComparer.Ordinal))
                text.Append(key).Append('=').Append(value).Append('\n');
            return text.ToString();
        }
    }
}
