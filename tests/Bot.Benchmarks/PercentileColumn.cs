using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Bot.Benchmarks;

/// <summary>A latency percentile of single operations (each iteration runs one), nearest-rank, in milliseconds.</summary>
internal sealed class PercentileColumn(int percentile) : IColumn
{
    public string Id => $"P{percentile}ms";

    public string ColumnName => $"P{percentile} (ms)";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Statistics;

    public int PriorityInCategory => percentile;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => $"{percentile}th percentile of one operation's time";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
    {
        var values = summary[benchmarkCase]?.ResultStatistics?.OriginalValues;
        if (values is null || values.Count == 0)
        {
            return "NA";
        }

        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1;
        return (sorted[Math.Clamp(rank, 0, sorted.Count - 1)] / 1_000_000.0).ToString("F2", System.Globalization.CultureInfo.InvariantCulture);
    }

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;
}
