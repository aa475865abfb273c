using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Bot.Benchmarks.Packages;

/// <summary>
/// The package figures as users meet them: each verb is a whole `bot` process, timed from outside
/// with GNU time (wall seconds and peak RSS), beside dnf and libsolv's repo2solv on the same
/// repository in the same run. Every command runs several times; the table gives the median and
/// the spread.
/// </summary>
internal sealed class ProcessBenchmarks(string bot, int runs)
{
    private const string Time = "/usr/bin/time";

    private readonly string _work = Directory.CreateTempSubdirectory("bot-bench-processes-").FullName;
    private readonly List<string> _rows = [];

    /// <summary>The bot the tests build (`dotnet build -c Release`), unless `--bot PATH` names another (a published, ReadyToRun one).</summary>
    public static string DefaultBot => Path.Combine(RepoPaths.Root, "src", "Bot.Host", "bin", "Release", "net10.0", "bot");

    public static async Task<int> RunAsync(string[] args)
    {
        var bot = Value(args, "--bot") ?? DefaultBot;
        var runs = int.Parse(Value(args, "--runs") ?? "7", CultureInfo.InvariantCulture);
        if (!File.Exists(bot) || !File.Exists(Time))
        {
            await Console.Error.WriteLineAsync($"needs {bot} (build it with `dotnet build -c Release src/Bot.Host`, or name one with --bot) and GNU time at {Time}");
            return 2;
        }

        var benchmarks = new ProcessBenchmarks(Path.GetFullPath(bot), runs);
        try
        {
            if (args.Contains("--all-repos"))
            {
                benchmarks.AllRepositories();
            }
            else
            {
                benchmarks.Repository20k();
            }
        }
        finally
        {
            Directory.Delete(benchmarks._work, recursive: true);
        }

        return 0;
    }

    private static string? Value(string[] args, string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;

    /// <summary>The 20,000-package repository: sync, one-shot lookups and a restart, beside the peers.</summary>
    private void Repository20k()
    {
        var repo = SyntheticRepo.Bench20k.Ensure();
        var config = Write("bench.json", new { Packages = new { Only = "bench", Repos = new Dictionary<string, object> { ["bench"] = new { Distro = "bench", Name = "Bench", BaseUrl = repo.BaseUrl.AbsoluteUri } } } });
        const string file = "/usr/lib64/libpkg00043.so.4";
        const string name = "pkg00043";
        Console.WriteLine($"bot: {bot}; {runs} runs each; repository: {repo.Shape.Packages} packages, primary {Megabytes(repo.Primary)} MB gz, filelists {Megabytes(repo.Filelists)} MB gz");

        var fresh = 0;
        Measure("`bot repo sync`, fresh data directory", () => Bot("repo", "sync", "--config", config, "--data-dir", Path.Combine(_work, $"fresh-{fresh++}")));
        Measure("`repo2solv -F` (libsolv, primary + filelists)", () => Run("repo2solv", ["-F", "-o", "/dev/null", repo.Directory]));
        var cold = 0;
        Measure("`dnf repoquery --whatprovides FILE`, cold cache (dnf parses and writes its solv cache)", () => Dnf(Path.Combine(_work, $"dnf-cold-{cold++}"), repo, "--whatprovides", file));

        var data = Path.Combine(_work, "data");
        _ = Bot("repo", "sync", "--config", config, "--data-dir", data);
        var dnfCache = Path.Combine(_work, "dnf");
        _ = Dnf(dnfCache, repo, "--whatprovides", file);
        Measure("`bot pkg provides FILE --json`, from the cache", () => Bot("pkg", "provides", file, "--json", "--config", config, "--data-dir", data), expect: name);
        Measure("`dnf repoquery --whatprovides FILE`, warm cache", () => Dnf(dnfCache, repo, "--whatprovides", file), expect: name);
        Measure("`bot pkg info NAME --json`, from the cache", () => Bot("pkg", "info", name, "--json", "--config", config, "--data-dir", data), expect: name);
        Measure("`dnf repoquery NAME`, warm cache", () => Dnf(dnfCache, repo, name), expect: name);
        // The whole bot's first start builds its embedding cache; users meet the starts after it.
        _ = Chat(config, data, "/about\n");
        Measure("`bot chat` answering `/pkg NAME` (whole bot: start, answer, exit)", () => Chat(config, data, $"/pkg {name}\n"), expect: "1.43.1");
        Measure("restart to the first `/pkg` answer, after the host is up (in a fresh process)", () => RestartProbe(config, data));
        Print();
    }

    /// <summary>
    /// Every default repository at its real size (estimates from public dnf logs; see
    /// <see cref="RealSizes"/>), synced and then queried through the whole bot.
    /// </summary>
    private void AllRepositories()
    {
        var root = Path.Combine(Path.GetTempPath(), "bot-bench-real-repos");
        var repos = new Dictionary<string, object>();
        long packages = 0;
        foreach (var (shape, _) in RealSizes.Repos)
        {
            var repo = new SyntheticRepo(shape, root).Ensure();
            repos[shape.Name] = new { BaseUrl = repo.BaseUrl.AbsoluteUri };
            packages += shape.Packages;
        }

        var config = Write("real.json", new { Packages = new { Repos = repos } });
        var data = Path.Combine(_work, "data");
        Console.WriteLine($"bot: {bot}; {RealSizes.Repos.Count} repositories, {packages} packages, metadata {Directory.EnumerateFiles(root, "*.gz", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length) / 1048576} MB gz");
        Measure("`bot repo sync` of every default repository, fresh data directory", () => Bot("repo", "sync", "--config", config, "--data-dir", data), times: 1);
        var fresh = Path.Combine(_work, "fresh");
        // A running bot that syncs has its embedding cache already: build it first, as a first start does.
        _ = Run(bot, ["chat", "--config", config, "--data-dir", fresh, "Packages:Only=none"], "/about\n");
        Stopwatch? sinceAllWritten = null;
        var synced = () =>
        {
            // The sync writes each repomd.xml last; then the bot opens the 22 indexes, which the grace period covers.
            sinceAllWritten ??= Directory.Exists(Path.Combine(fresh, "packages"))
                && Directory.EnumerateFiles(Path.Combine(fresh, "packages"), RepomdName, SearchOption.AllDirectories).Count() == RealSizes.Repos.Count
                ? Stopwatch.StartNew() : null;
            return sinceAllWritten?.Elapsed > TimeSpan.FromSeconds(10);
        };
        Measure("`bot chat`, fresh data directory: the first `/pkg` syncs every repository inside the whole bot, then a `/pkg` per distro",
            () => Run(bot, ["chat", "--config", config, "--data-dir", fresh], "/pkg pkg00042 alma9\n", synced,
                string.Concat(RealSizes.Repos.Select(r => r.Distro).Distinct().Select(d => $"/pkg pkg00042 {d}\n"))), expect: "1.42.0", times: 1);
        var indexes = Directory.EnumerateFiles(Path.Combine(data, "packages"), "index.bin", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        _rows.Add($"| compact indexes of every repository, on disk | {indexes / 1048576.0:F0} MB | | | |");
        _ = Chat(config, data, "/about\n");
        var questions = string.Concat(RealSizes.Repos.Select(r => r.Distro).Distinct().Select(d => $"/pkg pkg00042 {d}\n/provides /usr/lib64/libpkg00041.so.2 {d}\n")) + "/about\n";
        Measure("`bot chat`: the whole bot with every index open, a `/pkg` and a `/provides` for every distro", () => Chat(config, data, questions), expect: "1.42.0", times: 3);
        Print();
    }

    private void Measure(string what, Func<(double Seconds, long Kilobytes, string Output)> run, string? expect = null, int? times = null)
    {
        var samples = new List<(double Seconds, long Kilobytes)>();
        for (var i = 0; i < (times ?? runs); i++)
        {
            var (seconds, kilobytes, output) = run();
            if (expect is not null && !output.Contains(expect, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"{what}: the output lacks '{expect}':\n{output}");
            }

            samples.Add((seconds, kilobytes));
        }

        var sorted = samples.Select(s => s.Seconds).Order().ToList();
        _rows.Add(string.Create(CultureInfo.InvariantCulture,
            $"| {what} | {sorted[sorted.Count / 2]:F2} s | {sorted[0]:F2}-{sorted[^1]:F2} s | {samples.Max(s => s.Kilobytes) / 1024} MB | {samples.Count} |"));
        Console.WriteLine(_rows[^1]);
    }

    private void Print()
    {
        Console.WriteLine();
        Console.WriteLine("| what | median | min-max | peak RSS | runs |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var row in _rows)
        {
            Console.WriteLine(row);
        }
    }

    private (double, long, string) Bot(params string[] args) => Run(bot, args);

    private (double, long, string) Chat(string config, string data, string input) => Run(bot, ["chat", "--config", config, "--data-dir", data], input);

    private (double, long, string) Dnf(string cache, SyntheticRepo repo, params string[] query) =>
        Run("dnf", ["-q", "--setopt=reposdir=/dev/null", $"--setopt=cachedir={cache}", $"--installroot={cache}/root", "--releasever=9",
            $"--repofrompath=bench,{repo.BaseUrl.AbsoluteUri}", "--repo=bench", "repoquery", .. query]);

    /// <summary>This benchmark program again, in a fresh process, timing from the host's start to the first answer.</summary>
    private (double, long, string) RestartProbe(string config, string data)
    {
        var (_, kilobytes, output) = Run("dotnet", [typeof(ProcessBenchmarks).Assembly.Location, "--restart-probe", config, data]);
        return (double.Parse(output.Trim().Split('\n')[^1], CultureInfo.InvariantCulture), kilobytes, output);
    }

    private const string RepomdName = "repomd.xml";

    private (double Seconds, long Kilobytes, string Output) Run(string program, string[] args, string? input = null, Func<bool>? until = null, string? then = null)
    {
        var measured = Path.Combine(_work, "time.txt");
        var start = new ProcessStartInfo(Time) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var arg in new[] { "-f", "%e %M", "-o", measured, program }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Write(input ?? "");
        process.StandardInput.Flush();
        // Standard input stays open (the bot keeps running) until the condition holds.
        while (until is not null && !until() && !process.HasExited)
        {
            Thread.Sleep(500);
        }

        process.StandardInput.Write(then ?? "");
        process.StandardInput.Close();
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} exited {process.ExitCode}: {error.Result}");
        }

        var figures = File.ReadAllText(measured).Trim().Split('\n')[^1].Split(' ');
        return (double.Parse(figures[0], CultureInfo.InvariantCulture), long.Parse(figures[1], CultureInfo.InvariantCulture), output);
    }

    private string Write(string name, object content)
    {
        var path = Path.Combine(_work, name);
        File.WriteAllText(path, JsonSerializer.Serialize(content));
        return path;
    }

    private static string Megabytes(string path) => (new FileInfo(path).Length / 1048576.0).ToString("F1", CultureInfo.InvariantCulture);
}
