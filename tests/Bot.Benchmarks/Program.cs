using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/Bot.Benchmarks -- --filter '*'   (see README, "Performance")
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
