using BenchmarkDotNet.Running;
using Bot.Benchmarks.Packages;

// dotnet run -c Release --project tests/Bot.Benchmarks -- --filter '*'   (see README, "Performance")
// dotnet run -c Release --project tests/Bot.Benchmarks -- --processes [--bot PATH] [--runs N] [--all-repos]   (whole `bot` processes beside dnf and repo2solv)
// dotnet run -c Release --project tests/Bot.Benchmarks -- --heap        (managed heap held by the package index)
// dotnet run -c Release --project tests/Bot.Benchmarks -- --load        (Discord interactions/s and p99 vs bare Kestrel)
// dotnet run -c Release --project tests/Bot.Benchmarks -- --embeddings  (MiniLM beside arctic-embed-xs on every evaluation set)
// dotnet run -c Release --project tests/Bot.Benchmarks -- --stores      (commands/s and p99 through the router on LiteDB and PostgreSQL; the outbox with one and two instances)
if (args is ["--load"])
{
    await Bot.Benchmarks.Discord.InteractionBenchmarks.PrintLoadAsync();
    return 0;
}

if (args is ["--embeddings"])
{
    await Bot.Benchmarks.Knowledge.EmbeddingComparison.PrintAsync();
    return 0;
}

if (args is ["--stores"])
{
    await Bot.Benchmarks.Storage.StoreBench.PrintAsync();
    return 0;
}

if (args is ["--processes", ..])
{
    return await ProcessBenchmarks.RunAsync(args);
}

if (args is ["--restart-probe", var config, var data])
{
    return await RestartProbe.RunAsync(config, data);
}

if (args is ["--heap"])
{
    PackageBench.PrintHeap();
    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(Bot.Benchmarks.PercentileColumn).Assembly).Run(args);
return 0;
