using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using Bot.Packages;
using Bot.Packages.Index;

namespace Bot.Benchmarks.Packages;

/// <summary>
/// Ingest of the 20,000-package repository, with libsolv's rpmmd2solv timed on the same
/// primary.xml.gz in the same run (target: ours at most 1.5x), and the full restart from the cache
/// (primary and filelists; target 1 s).
/// </summary>
[Config(typeof(IngestConfig))]
[MemoryDiagnoser]
public class PackageIngestBenchmarks
{
    [GlobalSetup]
    public void Setup() => SyntheticRepo.Ensure();

    [Benchmark(Baseline = true, Description = "rpmmd2solv < primary (libsolv)")]
    public int Rpmmd2solv()
    {
        var start = new ProcessStartInfo("sh", ["-c", $"gzip -dc '{SyntheticRepo.Primary}' | rpmmd2solv > /dev/null"]) { UseShellExecute = false };
        using var process = Process.Start(start)!;
        process.WaitForExit();
        return process.ExitCode;
    }

    [Benchmark(Description = "bot: index primary")]
    public int IndexPrimary() => PackageBench.Build(withFilelists: false).PackageCount;

    [Benchmark(Description = "bot: restart from cache (primary + filelists)")]
    public int IndexAll() => PackageBench.Build(withFilelists: true).PackageCount;

    private sealed class IngestConfig : ManualConfig
    {
        public IngestConfig() =>
            AddJob(Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(5).WithInvocationCount(1).WithUnrollFactor(1));
    }
}

/// <summary>Lookups on the full index, one per operation (targets: P99 at most 1 ms for lookups, 5 ms for autocomplete).</summary>
[Config(typeof(LookupConfig))]
public class PackageLookupBenchmarks
{
    private PackageIndex _index = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        SyntheticRepo.Ensure();
        _index = PackageBench.Build(withFilelists: true);
    }

    [Benchmark(Description = "by name")]
    public int ByName() => _index.ByName($"pkg{_next++ * 7919 % SyntheticRepo.Packages:D5}").Count();

    [Benchmark(Description = "by soname (bare)")]
    public int ByProvide() => _index.ByProvide($"libpkg{_next++ * 7919 % SyntheticRepo.Packages:D5}.so.{_next % 4 + 1}").Count();

    [Benchmark(Description = "by file path")]
    public int ByFile() => _index.ByFile($"/usr/share/pkg{_next++ * 7919 % SyntheticRepo.Packages:D5}/data/section-3/file-010.dat").Count();

    [Benchmark(Description = "autocomplete (25 names)")]
    public int Complete() => _index.NamesStartingWith($"pkg{_next++ % 200:D3}", 25).Count;

    private sealed class LookupConfig : ManualConfig
    {
        public LookupConfig()
        {
            AddJob(Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(50).WithIterationCount(2000).WithInvocationCount(1).WithUnrollFactor(1));
            AddColumn(new PercentileColumn(50), new PercentileColumn(99));
        }
    }
}

internal static class PackageBench
{
    public static PackageIndex Build(bool withFilelists)
    {
        var repo = new RepoOptions { Distro = "alma9", Name = "BaseOS", BaseUrl = "file:///" };
        var files = new Dictionary<string, string> { ["primary"] = Path.GetFileName(SyntheticRepo.Primary) };
        if (withFilelists)
        {
            files["filelists"] = Path.GetFileName(SyntheticRepo.Filelists);
        }

        var index = new PackageIndex();
        IndexBuilder.AddRepo(index, repo, SyntheticRepo.Directory, files, 4L << 30, 4L << 30);
        return index.Seal();
    }

    /// <summary>`--heap`: the managed heap held by the full index, measured outside BenchmarkDotNet (it reports allocations, not what stays).</summary>
    public static void PrintHeap()
    {
        SyntheticRepo.Ensure();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var clock = Stopwatch.StartNew();
        var index = Build(withFilelists: true);
        var took = clock.Elapsed;
        var after = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine($"packages: {index.PackageCount}; primary {new FileInfo(SyntheticRepo.Primary).Length / 1048576.0:F1} MB gz, filelists {new FileInfo(SyntheticRepo.Filelists).Length / 1048576.0:F1} MB gz");
        Console.WriteLine($"full index built in {took.TotalSeconds:F2} s; managed heap held by it: {(after - before) / 1048576.0:F1} MB");
        GC.KeepAlive(index);
    }
}
