using System.Diagnostics;
using Bot.Host.Hosting;
using Bot.Packages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Bot.Benchmarks.Packages;

/// <summary>
/// `--restart-probe CONFIG DATA`: starts the whole bot on a data directory whose package cache is
/// present and prints the seconds from "the host is up" to the first `/pkg` answer. Run as a fresh
/// process by <see cref="ProcessBenchmarks"/>, so nothing is warm.
/// </summary>
internal static class RestartProbe
{
    public static async Task<int> RunAsync(string config, string data)
    {
        using var host = BotHostFactory.Build(new HostSettings(config, data, ["Packages:SyncOnStart=false"], QuietLogs: true));
        await host.StartAsync();
        var clock = Stopwatch.StartNew();
        var tool = host.Services.GetRequiredService<IPackageTool>();
        await tool.LoadAsync(CancellationToken.None);
        var reply = Bot.Host.Console.ConsoleRenderer.Render(tool.Render("info", "pkg00043", null, null));
        var took = clock.Elapsed;
        await host.StopAsync();
        if (!reply.Contains("1.43.1", StringComparison.Ordinal))
        {
            await Console.Error.WriteLineAsync("the first answer lacks the package: " + reply);
            return 1;
        }

        Console.WriteLine(took.TotalSeconds.ToString("F3", System.Globalization.CultureInfo.InvariantCulture));
        return 0;
    }
}
