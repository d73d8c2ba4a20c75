using System.Globalization;
using Bgpd.Throughput;

// bgpd-throughput --daemon A --injector B --monitor C --as N --routes N [--timeout S]
// Run inside the peers' namespace: prints one line "established_ms=… elapsed_ms=… received=…".
var options = new Dictionary<string, string>();
for (var i = 0; i + 1 < args.Length; i += 2) options[args[i]] = args[i + 1];
string Need(string key) => options.TryGetValue(key, out var v) ? v : throw new ArgumentException($"missing {key}");
try
{
    var run = new ThroughputRun(
        System.Net.IPAddress.Parse(Need("--daemon")),
        System.Net.IPAddress.Parse(Need("--injector")),
        System.Net.IPAddress.Parse(Need("--monitor")),
        uint.Parse(Need("--as"), CultureInfo.InvariantCulture),
        int.Parse(Need("--routes"), CultureInfo.InvariantCulture),
        TimeSpan.FromSeconds(double.Parse(options.GetValueOrDefault("--timeout", "120"), CultureInfo.InvariantCulture)));
    var result = await run.RunAsync();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"established_ms={result.Established.TotalMilliseconds:0} elapsed_ms={result.Elapsed.TotalMilliseconds:0.0} received={result.Received}"));
    return result.Received >= run.Routes ? 0 : 1;
}
catch (Exception e) when (e is ArgumentException or FormatException or IOException or System.Net.Sockets.SocketException or TimeoutException)
{
    Console.Error.WriteLine($"bgpd-throughput: {e.Message}");
    return 2;
}
