namespace Bgpd.LabTool.Bench;

/// <summary>Nearest-rank percentiles of a set of latencies in milliseconds.</summary>
public sealed record Percentiles(int Count, double P50, double P99, double Max)
{
    public static Percentiles Of(IReadOnlyCollection<double> samples)
    {
        if (samples.Count == 0)
        {
            return new Percentiles(0, double.NaN, double.NaN, double.NaN);
        }

        var sorted = samples.Order().ToArray();
        return new Percentiles(sorted.Length, Rank(sorted, 0.50), Rank(sorted, 0.99), sorted[^1]);
    }

    private static double Rank(double[] sorted, double q) =>
        sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];

    public override string ToString() => Count == 0 ? "no samples" : $"p50 {P50:0.000} ms  p99 {P99:0.000} ms  max {Max:0.000} ms  (n={Count})";
}
