using BenchmarkDotNet.Running;
using Bot.Benchmarks.Packages;

// dotnet run -c Release --project tests/Bot.Benchmarks -- --filter '*'   (see README, "Performance")
// dotnet run -c Release --project tests/Bot.Benchmarks -- --heap        (managed heap held by the package index)
// dotnet run -c Release --project tests/Bot.Benchmarks -- --load        (Discord interactions/s and p99 vs bare Kestrel)
if (args is ["--load"])
{
    await Bot.Benchmarks.Discord.InteractionBenchmarks.PrintLoadAsync();
    return;
}

if (args is ["--heap"])
{
    PackageBench.PrintHeap();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Bot.Benchmarks.PercentileColumn).Assembly).Run(args);
