using BenchmarkDotNet.Running;
using Bot.Benchmarks.Packages;

// dotnet run -c Release --project tests/Bot.Benchmarks -- --filter '*'   (see README, "Performance")
// dotnet run -c Release --project tests/Bot.Benchmarks -- --heap        (managed heap held by the package index)
if (args is ["--heap"])
{
    PackageBench.PrintHeap();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
