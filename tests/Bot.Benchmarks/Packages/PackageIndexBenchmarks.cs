using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using Bot.Packages;
using Bot.Packages.Index;

namespace Bot.Benchmarks.Packages;

/// <summary>
/// Ingest of the 20,000-package repository in-process: primary alone with libsolv's rpmmd2solv on
/// the same primary.xml.gz in the same run, primary and filelists into the compact index, and
/// opening that index again (a restart from the cache). The figures users meet, as whole `bot`
/// processes beside dnf and repo2solv, are the `--processes` runner's (ProcessBenchmarks).
/// </summary>
[Config(typeof(IngestConfig))]
[MemoryDiagnoser]
public class PackageIngestBenchmarks
{
    [GlobalSetup]
    public void Setup() => PackageBench.Ensure();

    [Benchmark(Baseline = true, Description = "rpmmd2solv < primary (libsolv)")]
    public int Rpmmd2solv()
    {
        var start = new ProcessStartInfo("sh", ["-c", $"gzip -dc '{SyntheticRepo.Bench20k.Primary}' | rpmmd2solv > /dev/null"]) { UseShellExecute = false };
        using var process = Process.Start(start)!;
        process.WaitForExit();
        return process.ExitCode;
    }

    [Benchmark(Description = "bot: index primary")]
    public int IndexPrimary() => PackageBench.Write(withFilelists: false);

    [Benchmark(Description = "bot: index primary + filelists")]
    public int IndexAll() => PackageBench.Write(withFilelists: true);

    [Benchmark(Description = "bot: open the compact index (restart from the cache)")]
    public int Open() => PackageBench.Open().PackageCount;

    private sealed class IngestConfig : ManualConfig
    {
        public IngestConfig() =>
            AddJob(Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(5).WithInvocationCount(1).WithUnrollFactor(1));
    }
}

/// <summary>Lookups on the compact index, one per operation (targets: P99 at most 1 ms for lookups, 5 ms for autocomplete).</summary>
[Config(typeof(LookupConfig))]
public class PackageLookupBenchmarks
{
    private PackageIndex _index = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        PackageBench.Ensure();
        PackageBench.Write(withFilelists: true);
        _index = PackageBench.Open();
    }

    [Benchmark(Description = "by name")]
    public int ByName() => _index.ByName($"pkg{_next++ * 7919 % SyntheticRepo.Bench20k.Shape.Packages:D5}").Count();

    [Benchmark(Description = "by soname (bare)")]
    public int ByProvide() => _index.ByProvide($"libpkg{_next++ * 7919 % SyntheticRepo.Bench20k.Shape.Packages:D5}.so.{_next % 4 + 1}").Count();

    [Benchmark(Description = "by file path")]
    public int ByFile() => _index.ByFile($"/usr/share/pkg{_next++ * 7919 % SyntheticRepo.Bench20k.Shape.Packages:D5}/data/section-3/file-010.dat").Count();

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
    private static readonly RepoOptions Repo = new() { Distro = "alma9", Name = "BaseOS", BaseUrl = "file:///" };

    private static string IndexPath => Path.Combine(SyntheticRepo.Bench20k.Directory, "index.bin");

    private const string Source = "benchmark";

    public static void Ensure() => SyntheticRepo.Bench20k.Ensure();

    /// <summary>Parses the repository's XML and writes its compact index; returns the package count.</summary>
    public static int Write(bool withFilelists)
    {
        var files = new Dictionary<string, string> { ["primary"] = SyntheticRepo.Bench20k.Primary };
        if (withFilelists)
        {
            files["filelists"] = SyntheticRepo.Bench20k.Filelists;
        }

        return RepoIndexer.Build("bench", files, IndexPath, Source, 4L << 30, 4L << 30, CancellationToken.None);
    }

    public static PackageIndex Open() => new([(Repo, CompactIndex.Open(IndexPath, Source))]);

    /// <summary>`--heap`: the managed heap that the open index holds, measured outside BenchmarkDotNet (it reports allocations, not what stays).</summary>
    public static void PrintHeap()
    {
        Ensure();
        var clock = Stopwatch.StartNew();
        using (var primary = Bot.Packages.Repodata.Decompression.Open(File.OpenRead(SyntheticRepo.Bench20k.Primary), "primary.xml.gz", 4L << 30))
        using (var filelists = Bot.Packages.Repodata.Decompression.Open(File.OpenRead(SyntheticRepo.Bench20k.Filelists), "filelists.xml.gz", 4L << 30))
        {
            _ = Bot.Packages.Repodata.PrimaryParser.Parse(primary).Count() + Bot.Packages.Repodata.FilelistsParser.Parse(filelists).Count();
        }

        var parsed = clock.Elapsed;
        clock.Restart();
        Write(withFilelists: true);
        var built = clock.Elapsed;
        var before = GC.GetTotalMemory(forceFullCollection: true);
        clock.Restart();
        var index = Open();
        var opened = clock.Elapsed;
        var after = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine($"packages: {index.PackageCount}, file paths {index.FileCount}; primary {new FileInfo(SyntheticRepo.Bench20k.Primary).Length / 1048576.0:F1} MB gz, filelists {new FileInfo(SyntheticRepo.Bench20k.Filelists).Length / 1048576.0:F1} MB gz");
        Console.WriteLine($"parsing primary and filelists alone: {parsed.TotalSeconds:F2} s");
        Console.WriteLine($"compact index written in {built.TotalSeconds:F2} s ({new FileInfo(IndexPath).Length / 1048576.0:F1} MB); opened in {opened.TotalMilliseconds:F0} ms; managed heap held by it: {(after - before) / 1048576.0:F2} MB");
        GC.KeepAlive(index);
    }
}
